#!/usr/bin/env python
"""The Wagtail comparison site of the benchmark of record (bench/served.py --wagtail)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wagtailbench.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
