"""The public site under /public/: the same pages as the static export, from snapshots only."""

from django.urls import path

from . import public_views

app_name = "public"

urlpatterns = [
    path("", public_views.public_page, name="root"),
    path("<path:path>", public_views.public_page, name="page"),
]
