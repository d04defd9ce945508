from django.urls import path

from . import views
from .feeds import ArticleFeed

app_name = "articles"

urlpatterns = [
    path("", views.language_home, name="home"),
    path("articles/", views.article_index, name="index"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("articles/<slug:slug>/preview/", views.article_preview, name="preview"),
    path("topics/", views.topic_index, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("search/", views.search, name="search"),
    path("feed/", ArticleFeed(), name="feed"),
]
