"""The communication pages of a case, mounted under /cases/<reference>/communication/.

No `app_name`: the names join the `cases` namespace of the case's URL tree (`casework.urls`).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.case_communication, name="communication"),
    path("edit/", views.communication_edit, name="communication_edit"),
    path("package/", views.package_build, name="package_build"),
    path("appeal/", views.appeal_build, name="appeal_build"),
    path(
        "interim/<int:pk>/document/",
        views.interim_document_build,
        name="interim_document_build",
    ),
    path(
        "filings/<int:pk>/download/",
        views.filing_download,
        name="filing_download",
    ),
    path(
        "filings/<int:pk>/preview/<int:page>.png",
        views.filing_preview,
        name="filing_preview",
    ),
    path("events/add/", views.record_add, {"what": "event"}, name="event_add"),
    path(
        "events/<int:pk>/delete/",
        views.record_delete,
        {"what": "event"},
        name="event_delete",
    ),
    path(
        "procedures/add/",
        views.record_add,
        {"what": "procedure"},
        name="procedure_add",
    ),
    path(
        "procedures/<int:pk>/delete/",
        views.record_delete,
        {"what": "procedure"},
        name="procedure_delete",
    ),
]
