"""The communications pages that span cases: the register (mounted at /communications/)."""

from django.urls import path

from . import views

app_name = "communications"

urlpatterns = [
    path("", views.register, name="register"),
    path("export/", views.register_export, name="register_export"),
]
