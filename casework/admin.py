"""Admin for reference data and staff accounts. History is shown, never reverted or edited
(SIMPLE_HISTORY_REVERT_DISABLED); the access log is read-only evidence.

Case files are not here (see below); case access is granted in the case's Team tab.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AccessLog,
    Branch,
    CovenantArticle,
    Theme,
    User,
)


class AuditedAdmin(SimpleHistoryAdmin):
    """Every change made here is a history row naming the admin user (simple-history does it).

    Past versions can be looked at, never reverted: simple-history's "revert disabled" setting
    only hides the button, so a POST to a past version's page is refused here as well.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Branch)
class BranchAdmin(AuditedAdmin):
    list_display = ["name", "name_ru", "name_kk", "code", "city", "region", "is_head_office"]
    search_fields = ["name", "name_ru", "name_kk", "city", "region"]


@admin.register(User)
class UserAdmin(AuditedAdmin):
    list_display = ["username", "first_name", "last_name", "branch", "is_active", "is_staff"]
    list_filter = ["branch", "groups", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fields = [
        "username",
        "first_name",
        "last_name",
        "full_name_latin",
        "full_name_cyrillic",
        "email",
        "branch",
        "groups",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups"]


@admin.register(Theme)
class ThemeAdmin(AuditedAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(CovenantArticle)
class CovenantArticleAdmin(AuditedAdmin):
    list_display = ["number", "title", "title_ru", "title_kk"]
    search_fields = ["title", "title_ru", "title_kk"]


# The case file itself (cases, people, parties, violations, proceedings, documents, consents,
# activities) is deliberately NOT in the admin: the admin cannot apply per-case permissions or
# identity masking, so it would let any staff account read every secret case and victim's name.
# Case files are read and changed only through the case pages (casework.selectors/services).


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Append-only evidence of who read what: nobody adds, changes or deletes it here."""

    list_display = ["at", "user", "case", "action", "object_repr", "ip_address"]
    list_filter = ["action"]
    search_fields = ["case__reference", "user__username"]
    date_hierarchy = "at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
