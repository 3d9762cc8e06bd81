from django.urls import path

from . import passkey_views, session_views, views, views_contingency

app_name = "security"

urlpatterns = [
    path("access-log/", views.access_log, name="access_log"),
    path("lockdown/", views.lockdown, name="lockdown"),
    path("sessions/", session_views.my_sessions, name="sessions"),
    path("sessions/end/", session_views.my_session_end, name="session_end"),
    path("users/<int:user_pk>/sessions/", session_views.user_sessions, name="user_sessions"),
    path(
        "users/<int:user_pk>/sessions/end/",
        session_views.user_session_end,
        name="user_session_end",
    ),
    path("passkeys/", passkey_views.passkeys, name="passkeys"),
    path("passkeys/add/", passkey_views.passkey_add, name="passkey_add"),
    path("passkeys/<int:pk>/delete/", passkey_views.passkey_delete, name="passkey_delete"),
]

# The contingency plan: emergency contacts, incidents, the duress password.
contingency = views_contingency
urlpatterns += [
    path("contacts/", contingency.contacts_index, name="contacts"),
    path("contacts/organisation/", contingency.contacts_organisation, name="contacts_organisation"),
    path(
        "contacts/organisation/history/",
        contingency.contacts_organisation_history,
        name="contacts_organisation_history",
    ),
    path(
        "contacts/organisation/add/",
        contingency.contact_add_organisation,
        name="contact_add_organisation",
    ),
    path("contacts/office/<int:pk>/", contingency.contacts_office, name="contacts_office"),
    path(
        "contacts/office/<int:pk>/history/",
        contingency.contacts_office_history,
        name="contacts_office_history",
    ),
    path(
        "contacts/office/<int:pk>/add/", contingency.contact_add_office, name="contact_add_office"
    ),
    path("contacts/office/<int:pk>/card.pdf", contingency.contacts_card, name="contacts_card"),
    path("contacts/<int:pk>/edit/", contingency.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/checked/", contingency.contact_checked, name="contact_checked"),
    path("contacts/<int:pk>/delete/", contingency.contact_delete, name="contact_delete"),
    path("incidents/", contingency.incident_list, name="incidents"),
    path("incidents/new/", contingency.incident_create, name="incident_create"),
    path("incidents/<int:pk>/", contingency.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/edit/", contingency.incident_edit, name="incident_edit"),
    path("incidents/steps/<int:pk>/", contingency.incident_step, name="incident_step"),
    path("duress/", contingency.duress, name="duress"),
]
