"""Read-only view of litigation processes for administrators: the flow changes them, not forms."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CaseProcess


@admin.register(CaseProcess)
class CaseProcessAdmin(SimpleHistoryAdmin):
    list_display = (
        "case",
        "status",
        "screening_decision",
        "review_rounds",
        "exit_reason",
        "created",
    )
    list_filter = ("status", "screening_decision", "exit_reason")
    search_fields = ("case__reference",)
    list_select_related = ("case",)
    readonly_fields = [f.name for f in CaseProcess._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Only cases the administrator may see, like every other list.
        from casework.selectors import cases_visible_to

        return super().get_queryset(request).filter(case__in=cases_visible_to(request.user))
