"""/admin/medical-review/...: see reviews/queue/views.py."""

from django.contrib import admin
from django.urls import path

from . import views as admin_views

app_name = "review_admin"

urlpatterns = [
    path("submit/<int:article_id>/<str:lang>/", admin.site.admin_view(admin_views.submit), name="submit"),
    path("checklist-report/", admin.site.admin_view(admin_views.checklist_report), name="checklist_report"),
]
