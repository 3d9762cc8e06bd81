"""The case list and every page of a case, written once under one prefix.

`case_urls` are the pages of one case; they are mounted at `<reference>/` below, together with the
other apps' pages of a case (deadlines, communication, its litigation route). Those are included
by name, as URLconf modules without an `app_name`, so every page of a case is `cases:<name>` and
lives under /cases/<reference>/.
"""

from django.urls import include, path

from . import views

app_name = "cases"

case_urls = [
    path("", views.case_detail, name="detail"),
    path("edit/", views.case_edit, name="edit"),
    path("parties/", views.case_parties, name="parties"),
    path("parties/add/", views.party_add, name="party_add"),
    path("parties/<int:pk>/edit/", views.party_edit, name="party_edit"),
    path("parties/<int:pk>/delete/", views.party_delete, name="party_delete"),
    path("violations/", views.case_violations, name="violations"),
    path("violations/add/", views.violation_form, name="violation_add"),
    path("violations/<int:pk>/edit/", views.violation_form, name="violation_edit"),
    path(
        "violations/<int:pk>/delete/",
        views.violation_delete,
        name="violation_delete",
    ),
    path("proceedings/", views.case_proceedings, name="proceedings"),
    path("proceedings/add/", views.proceeding_form, name="proceeding_add"),
    path(
        "proceedings/<int:pk>/edit/",
        views.proceeding_form,
        name="proceeding_edit",
    ),
    path(
        "proceedings/<int:pk>/delete/",
        views.proceeding_delete,
        name="proceeding_delete",
    ),
    path("documents/", views.case_documents, name="documents"),
    path("documents/upload/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path(
        "documents/<int:pk>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path(
        "documents/<int:pk>/download/",
        views.document_download,
        name="document_download",
    ),
    path("authorisations/", views.case_authorisations, name="authorisations"),
    path(
        "authorisations/add/",
        views.authorisation_form,
        name="authorisation_add",
    ),
    path(
        "authorisations/<int:pk>/edit/",
        views.authorisation_form,
        name="authorisation_edit",
    ),
    path(
        "authorisations/<int:pk>/withdraw/",
        views.authorisation_withdraw,
        name="authorisation_withdraw",
    ),
    path(
        "authorisations/<int:pk>/delete/",
        views.authorisation_delete,
        name="authorisation_delete",
    ),
    path("activities/", views.case_activities, name="activities"),
    path("activities/add/", views.activity_form, name="activity_add"),
    path("activities/<int:pk>/edit/", views.activity_form, name="activity_edit"),
    path(
        "activities/<int:pk>/delete/",
        views.activity_delete,
        name="activity_delete",
    ),
    path("team/", views.case_team, name="team"),
    path("team/revoke/", views.team_revoke, name="team_revoke"),
    path("history/", views.case_history, name="history"),
    # The other apps' pages of a case.
    path("deadlines/", include("deadlines.case_urls")),
    path("communication/", include("communications.urls")),
    path("follow-up/", include("monitoring.case_urls")),
    path("workflow/", include("workflows.case_urls")),
    path("publication/", include("publication.case_urls")),
]

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    # Before "<reference>/": no reference is "export".
    path("export/", views.case_list_export, name="export"),
    path("<str:reference>/", include(case_urls)),
]
