from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from two_factor.urls import urlpatterns as two_factor_urls

from accounts.urls import account_patterns, staff_patterns
from communications import views as communication_views
from operations.health import health
from reporting import views as reporting_views
from security import views as security_views


def moved(url: str):
    """A permanent (301) redirect to where a page of a case lives now."""
    return RedirectView.as_view(url=url, permanent=True, query_string=True)


# One login page. two_factor's own wizard at account/login/ lacks the bounded password form (a
# 300-character username crashed django-axes on PostgreSQL); its name stays, as a redirect,
# because two_factor's views reverse "two_factor:login".
_two_factor_patterns, _two_factor_namespace = two_factor_urls
two_factor_urls = (
    [
        path(
            "account/login/",
            RedirectView.as_view(pattern_name="login", query_string=True),
            name="login",
        )
        if getattr(pattern, "name", None) == "login"
        else pattern
        for pattern in _two_factor_patterns
    ],
    _two_factor_namespace,
)

# Refused requests (a form over the body limit) get a page that says what happened.
handler400 = "config.views.bad_request"

urlpatterns = [
    path("", reporting_views.home, name="home"),
    # Login is django-two-factor-auth's wizard (password, then TOTP or a backup code).
    path("accounts/login/", security_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("cases/", include("casework.urls")),
    path("deadlines/", include("deadlines.urls")),
    path("workflow/", include("workflows.urls")),
    path("monitoring/", include("monitoring.urls")),
    # Before the old /communications/<reference>/ addresses below.
    path("communications/", include("communications.site_urls")),
    path("statistics/", include("reporting.urls")),
    path("", include(two_factor_urls)),
    path("security/", include("security.urls")),
    path("staff/", include(staff_patterns)),
    path("account/", include(account_patterns)),
    path("notifications/", include("notifications.urls")),
    path("health/", health, name="health"),
    # The admin's own password-only login would skip the second factor.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The public precedent database: no login, published snapshots only (publication.site).
    path("public/", include("publication.public_urls")),
    # Addresses from before every page of a case lived under /cases/<reference>/ (bookmarks).
    path("deadlines/case/<str:reference>/", moved("/cases/%(reference)s/deadlines/")),
    path(
        "communications/filings/<int:pk>/download/",
        communication_views.legacy_filing_download,
    ),
    path(
        "communications/<str:reference>/<path:rest>",
        moved("/cases/%(reference)s/communication/%(rest)s"),
    ),
    path("communications/<str:reference>/", moved("/cases/%(reference)s/communication/")),
    path(
        "workflow/cases/<str:reference>/<path:rest>",
        moved("/cases/%(reference)s/workflow/%(rest)s"),
    ),
]
