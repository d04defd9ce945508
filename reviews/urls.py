from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("board/", views.board, name="board"),
]
