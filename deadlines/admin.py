from django.contrib import admin, messages
from django.utils.translation import gettext as _

from casework.admin import AuditedAdmin, CaseScopedAdmin

from .models import CalendarDay, CalendarFeedToken, Deadline, DeadlineRule, ReminderLog
from .services import recompute_open_deadlines


def _report_moves(modeladmin, request, moved) -> None:
    if moved:
        modeladmin.message_user(
            request,
            _("%(count)d open deadline(s) moved to follow this change: %(refs)s")
            % {"count": len(moved), "refs": ", ".join(str(d) for d in moved[:20])},
            level=messages.WARNING,
        )


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdmin):
    list_display = (
        "code",
        "name",
        "period_amount",
        "period_unit",
        "trigger",
        "rollover",
        "party",
        "verified",
        "is_active",
    )
    list_filter = ("verified", "party", "is_active", "period_unit", "rollover", "calendar")
    search_fields = ("code", "name", "name_ru", "name_kk", "legal_source")

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change:
            reason = _("rule %(code)s edited") % {"code": obj.code}
            _report_moves(
                self, request, recompute_open_deadlines(by=request.user, reason=reason, rule=obj)
            )

    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "name",
                    "name_ru",
                    "name_kk",
                    "is_active",
                    "party",
                    "verified",
                    "article",
                    "legal_source",
                )
            },
        ),
        (
            "Period",
            {
                "fields": (
                    "trigger",
                    "date_set_per_case",
                    "period_amount",
                    "period_unit",
                    "trigger_day_counts",
                    "calendar",
                    "rollover",
                )
            },
        ),
        (
            "Created from proceedings",
            {"fields": ("applies_to_procedure", "applies_to_instance", "fulfilled_by_instance")},
        ),
        (
            "Met by an event",
            {"fields": ("fulfilled_by_trigger",)},
        ),
    )


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
    list_display = ("date", "calendar", "kind", "name")
    list_filter = ("calendar", "kind")
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        reason = _("calendar corrected for %(date)s") % {"date": obj.date.isoformat()}
        _report_moves(self, request, recompute_open_deadlines(by=request.user, reason=reason))

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        reason = _("calendar correction for %(date)s removed") % {"date": obj.date.isoformat()}
        _report_moves(self, request, recompute_open_deadlines(by=request.user, reason=reason))

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        reason = _("calendar corrections removed")
        _report_moves(self, request, recompute_open_deadlines(by=request.user, reason=reason))


@admin.register(Deadline)
class DeadlineAdmin(CaseScopedAdmin, AuditedAdmin):
    """Read-mostly: deadlines change through the case pages so every change has a reason."""

    list_display = ("case", "rule", "due_date", "status", "assignee")
    list_select_related = ("case", "rule", "assignee")
    list_filter = ("status", "rule")
    search_fields = ("case__reference",)
    raw_id_fields = ("case", "proceeding", "assignee", "completed_by", "created_by")
    readonly_fields = ("explanation", "created_at", "updated_at", "completed_at")
    date_hierarchy = "due_date"


@admin.register(ReminderLog)
class ReminderLogAdmin(CaseScopedAdmin, admin.ModelAdmin):
    case_lookup = "deadline__case"

    list_display = ("deadline", "offset_days", "due_date", "recipient", "status", "sent_at")
    list_select_related = ("deadline__case", "deadline__rule", "recipient")
    list_filter = ("status", "offset_days")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(AuditedAdmin):
    list_display = ("user", "created_at", "revoked_at", "last_used_at")
    list_select_related = ("user",)
    list_filter = ("revoked_at",)
    fields = ("user", "created_at", "revoked_at", "last_used_at")
    readonly_fields = ("user", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False
