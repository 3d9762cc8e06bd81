"""Read-only view of litigation processes for administrators: the flow changes them, not forms."""

import contextlib

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from viewflow.workflow.models import Process, Task

from casework.admin import CaseScopedAdmin

from .models import CaseProcess

# viewflow's own Process/Task admin can cancel or edit tasks behind the flow's back (no case
# closure, no audit reason, no case-permission check): litigation changes through the flow only.
for _model in (Process, Task):
    with contextlib.suppress(admin.sites.NotRegistered):
        admin.site.unregister(_model)


@admin.register(CaseProcess)
class CaseProcessAdmin(CaseScopedAdmin, SimpleHistoryAdmin):
    """Processes (and their history and versions) of the cases the admin user may open."""

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
