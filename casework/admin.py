"""Admin for reference data and staff accounts. History is shown, never reverted or edited
(SIMPLE_HISTORY_REVERT_DISABLED); the access log is read-only evidence.

Case files are not here (see below); case access is granted in the case's Team tab.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AccessLog,
    Branch,
    CovenantArticle,
    Region,
    Theme,
    User,
)
from .selectors import cases_visible_to


class AuditedAdmin(SimpleHistoryAdmin):
    """Every change made here is a history row naming the admin user (simple-history does it).

    Past versions can be looked at, never reverted: simple-history's "revert disabled" setting
    only hides the button, so a POST to a past version's page is refused here as well.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class CaseScopedAdmin:
    """Mixin for the admin of a model that belongs to a case (a process, a deadline, a log row).

    The admin cannot mask identities or apply per-case grants, so it shows such rows only for
    cases the admin user may open (`cases_visible_to`, never the superuser flag), in every view:
    list, change, delete, Django's history and simple-history's history and version pages.
    simple-history's history view falls back to the historical rows when the queryset has no
    object, which read restricted processes by sequential id; here a history
    page opens only when the live object and every historical version belong to visible cases.

    `case_lookup` is the path from the model to its Case ("case", "deadline__case").
    """

    case_lookup: str = "case"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        return queryset.filter(**{f"{self.case_lookup}__in": cases_visible_to(request.user)})

    def case_id_of(self, obj) -> int | None:
        """The case `obj` (live or a historical version's instance) belongs to, or None."""
        *path, last = self.case_lookup.split("__")
        try:
            for name in path:
                obj = getattr(obj, name)
                if obj is None:
                    return None
        except ObjectDoesNotExist:
            return None
        return getattr(obj, f"{last}_id", None)

    def _require_visible(self, request: HttpRequest, object_id: str, version_id=None) -> None:
        pk = unquote(object_id)
        versions = []
        try:
            live = self.model._default_manager.filter(pk=pk).first()
            history = getattr(self.model, "history", None)
            if history is not None:
                rows = history.filter(**{self.model._meta.pk.attname: pk})
                if version_id is not None:
                    rows = rows.filter(history_id=version_id)
                versions = [row.instance for row in rows]
        except (ValueError, TypeError, ValidationError):
            raise Http404("No such object.") from None
        candidates = ([live] if live is not None else []) + versions
        case_ids = {self.case_id_of(obj) for obj in candidates}
        if not candidates or None in case_ids:
            raise Http404("No such object.")
        visible = set(
            cases_visible_to(request.user).filter(pk__in=case_ids).values_list("pk", flat=True)
        )
        if visible != case_ids:
            raise Http404("No such object.")

    def history_view(self, request, object_id, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_visible(request, object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Branch)
class BranchAdmin(AuditedAdmin):
    list_display = ["name", "name_ru", "name_kk", "code", "city", "region", "is_head_office"]
    search_fields = ["name", "name_ru", "name_kk", "city"]


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["code", "name", "name_ru", "name_kk", "kind", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_ru", "name_kk"]


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
class AccessLogAdmin(CaseScopedAdmin, admin.ModelAdmin):
    """Append-only evidence of who read what: nobody adds, changes or deletes it here.

    Only rows of cases the admin user may open; the whole log, with other cases masked, is on
    Security → Access log.
    """

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
