from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<str:reference>/", views.case_detail, name="detail"),
    path("<str:reference>/edit/", views.case_edit, name="edit"),
    path("<str:reference>/parties/", views.case_parties, name="parties"),
    path("<str:reference>/parties/add/", views.party_add, name="party_add"),
    path("<str:reference>/parties/<int:pk>/edit/", views.party_edit, name="party_edit"),
    path("<str:reference>/parties/<int:pk>/delete/", views.party_delete, name="party_delete"),
    path("<str:reference>/violations/", views.case_violations, name="violations"),
    path("<str:reference>/violations/add/", views.violation_form, name="violation_add"),
    path("<str:reference>/violations/<int:pk>/edit/", views.violation_form, name="violation_edit"),
    path(
        "<str:reference>/violations/<int:pk>/delete/",
        views.violation_delete,
        name="violation_delete",
    ),
    path("<str:reference>/proceedings/", views.case_proceedings, name="proceedings"),
    path("<str:reference>/proceedings/add/", views.proceeding_form, name="proceeding_add"),
    path(
        "<str:reference>/proceedings/<int:pk>/edit/",
        views.proceeding_form,
        name="proceeding_edit",
    ),
    path(
        "<str:reference>/proceedings/<int:pk>/delete/",
        views.proceeding_delete,
        name="proceeding_delete",
    ),
    path("<str:reference>/documents/", views.case_documents, name="documents"),
    path("<str:reference>/documents/upload/", views.document_upload, name="document_upload"),
    path("<str:reference>/documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path(
        "<str:reference>/documents/<int:pk>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path(
        "<str:reference>/documents/<int:pk>/download/",
        views.document_download,
        name="document_download",
    ),
    path("<str:reference>/authorisations/", views.case_authorisations, name="authorisations"),
    path(
        "<str:reference>/authorisations/add/",
        views.authorisation_form,
        name="authorisation_add",
    ),
    path(
        "<str:reference>/authorisations/<int:pk>/edit/",
        views.authorisation_form,
        name="authorisation_edit",
    ),
    path(
        "<str:reference>/authorisations/<int:pk>/withdraw/",
        views.authorisation_withdraw,
        name="authorisation_withdraw",
    ),
    path(
        "<str:reference>/authorisations/<int:pk>/delete/",
        views.authorisation_delete,
        name="authorisation_delete",
    ),
    path("<str:reference>/activities/", views.case_activities, name="activities"),
    path("<str:reference>/activities/add/", views.activity_form, name="activity_add"),
    path("<str:reference>/activities/<int:pk>/edit/", views.activity_form, name="activity_edit"),
    path(
        "<str:reference>/activities/<int:pk>/delete/",
        views.activity_delete,
        name="activity_delete",
    ),
    path("<str:reference>/team/", views.case_team, name="team"),
    path("<str:reference>/team/revoke/", views.team_revoke, name="team_revoke"),
    path("<str:reference>/history/", views.case_history, name="history"),
]
