"""Admin for reference data and the case file. History is shown, never reverted or edited
(SIMPLE_HISTORY_REVERT_DISABLED); the access log is read-only evidence.

Case access is granted in the case's Team tab (audited, with a reason), not here.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AccessLog,
    Activity,
    AllegedViolation,
    Authorisation,
    Branch,
    Case,
    CaseParty,
    CovenantArticle,
    Document,
    Person,
    Proceeding,
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
    list_display = ["name", "code", "city", "region", "is_head_office"]
    search_fields = ["name", "city", "region"]


@admin.register(User)
class UserAdmin(AuditedAdmin):
    list_display = ["username", "first_name", "last_name", "branch", "is_active", "is_staff"]
    list_filter = ["branch", "groups", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fields = [
        "username",
        "first_name",
        "last_name",
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
    list_display = ["number", "title"]
    search_fields = ["title"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["full_name", "full_name_latin", "nationality", "created_at"]
    search_fields = ["full_name", "full_name_latin"]


class CasePartyInline(admin.TabularInline):
    model = CaseParty
    extra = 0
    autocomplete_fields = ["person"]


class AllegedViolationInline(admin.TabularInline):
    model = AllegedViolation
    fk_name = "case"
    extra = 0


@admin.register(Case)
class CaseAdmin(AuditedAdmin):
    list_display = [
        "reference",
        "title",
        "branch",
        "theme",
        "stage",
        "confidentiality",
        "responsible_lawyer",
        "opened_on",
    ]
    list_filter = ["branch", "theme", "stage", "confidentiality", "is_strategic"]
    search_fields = ["reference", "title"]
    readonly_fields = ["reference", "version", "created_by", "created_at", "updated_at"]
    inlines = [CasePartyInline, AllegedViolationInline]
    date_hierarchy = "opened_on"

    def save_model(self, request, obj, form, change):
        if change:  # a case form open elsewhere must notice this edit (optimistic locking)
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(CaseParty)
class CasePartyAdmin(AuditedAdmin):
    list_display = ["case", "role", "person", "authority_name"]
    list_filter = ["role"]
    search_fields = ["case__reference"]
    autocomplete_fields = ["person"]


@admin.register(AllegedViolation)
class AllegedViolationAdmin(AuditedAdmin):
    list_display = ["case", "article", "paragraph", "found_violated"]
    list_filter = ["article", "found_violated"]
    search_fields = ["case__reference"]


@admin.register(Proceeding)
class ProceedingAdmin(AuditedAdmin):
    list_display = ["case", "level", "procedure_type", "body", "filed_on", "decided_on", "outcome"]
    list_filter = ["level", "procedure_type", "outcome"]
    search_fields = ["case__reference", "body", "court_case_number"]


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    """Documents are uploaded in the case file (content checks, hashing); here they are read."""

    list_display = ["title", "case", "kind", "language", "size", "uploaded_at"]
    list_filter = ["kind", "language", "confidentiality"]
    search_fields = ["title", "case__reference", "sha256"]
    readonly_fields = [
        "file",
        "original_filename",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Authorisation)
class AuthorisationAdmin(AuditedAdmin):
    list_display = ["case", "kind", "person", "signed_on", "valid_until", "withdrawn_on"]
    list_filter = ["kind"]
    search_fields = ["case__reference"]


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ["case", "kind", "occurred_on", "author"]
    list_filter = ["kind"]
    search_fields = ["case__reference", "text"]


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
