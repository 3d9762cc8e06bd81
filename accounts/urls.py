"""/staff/ (administrators) and /account/ (everyone's own account)."""

from django.urls import path

from . import staff_views, views

staff_patterns = (
    [
        path("", staff_views.staff_list, name="list"),
        path("onboard/", staff_views.staff_onboard, name="onboard"),
        path("<int:user_pk>/", staff_views.staff_detail, name="detail"),
        path("<int:user_pk>/role/", staff_views.staff_change, name="change"),
        path("<int:user_pk>/deactivate/", staff_views.staff_deactivate, name="deactivate"),
        path("<int:user_pk>/reactivate/", staff_views.staff_reactivate, name="reactivate"),
        path(
            "<int:user_pk>/second-factor/reset/",
            staff_views.staff_reset_factor,
            name="reset_factor",
        ),
        path("<int:user_pk>/unlock/", staff_views.staff_unlock, name="unlock"),
    ],
    "staff",
)

account_patterns = (
    [
        path("", views.account, name="home"),
        path("password/", views.PasswordChangeView.as_view(), name="password"),
        path("language/", views.language, name="language"),
        path(
            "welcome/<uidb64>/<token>/",
            views.WelcomeView.as_view(),
            name="welcome",
        ),
    ],
    "account",
)
