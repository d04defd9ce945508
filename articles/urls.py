from django.urls import path, re_path

from . import views
from .followups import views as followup_views
from .public import reference_downloads
from .public.feeds import ArticleFeed

app_name = "articles"

urlpatterns = [
    path("", views.language_home, name="home"),
    path("articles/", views.article_index, name="index"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("articles/<slug:slug>/preview/", views.article_preview, name="preview"),
    path("topics/", views.topic_index, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    re_path(
        r"^articles/(?P<slug>[-a-zA-Z0-9_]+)/references\.(?P<fmt>json|bib|ris)$",
        reference_downloads.download_references,
        name="references_download",
    ),
    path("articles/<slug:slug>/follow-up/", followup_views.ask_follow_up, name="follow_up"),
    path("articles/<slug:slug>/follow-up/sent/", followup_views.follow_up_sent, name="follow_up_sent"),
    path("search/", views.search, name="search"),
    path("feed/", ArticleFeed(), name="feed"),
]
