from django.urls import path

from . import passkey_views, session_views, views

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
    path("notices/", session_views.notices, name="notices"),
    path("notices/read/", session_views.notices_read, name="notices_read"),
]
