from django.urls import path

from . import views

app_name = "communications"

urlpatterns = [
    path("filings/<int:pk>/download/", views.filing_download, name="filing_download"),
    path("<str:reference>/", views.case_communication, name="case"),
    path("<str:reference>/edit/", views.communication_edit, name="edit"),
    path("<str:reference>/package/", views.package_build, name="package_build"),
    path("<str:reference>/appeal/", views.appeal_build, name="appeal_build"),
    path("<str:reference>/events/add/", views.record_add, {"what": "event"}, name="event_add"),
    path(
        "<str:reference>/events/<int:pk>/delete/",
        views.record_delete,
        {"what": "event"},
        name="event_delete",
    ),
    path(
        "<str:reference>/procedures/add/",
        views.record_add,
        {"what": "procedure"},
        name="procedure_add",
    ),
    path(
        "<str:reference>/procedures/<int:pk>/delete/",
        views.record_delete,
        {"what": "procedure"},
        name="procedure_delete",
    ),
]
