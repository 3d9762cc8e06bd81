from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.index, name="index"),
    path("api/", views.api, name="api"),
    path("export/", views.export, name="export"),
]
