"""The WSGI entry loads the Chinese word segmenter before the first request."""

import importlib

import jieba


def test_wsgi_application_loads_chinese_segmenter_before_first_search():
    jieba.dt.initialized = False  # as in a new server process
    importlib.reload(importlib.import_module("config.wsgi"))
    assert jieba.dt.initialized
