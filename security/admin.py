"""Admin for the contingency plan's reference data: the checklist each incident kind starts with.

Incidents, emergency contacts, duress credentials and notices are deliberately not here: the
admin cannot apply who-may-see-which-office rules, and incidents are read only through the
logged incident pages (security.views_contingency).
"""

from django.contrib import admin

from casework.admin import AuditedAdmin

from .models import ChecklistItem


@admin.register(ChecklistItem)
class ChecklistItemAdmin(AuditedAdmin):
    list_display = ["kind", "position", "text_en", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["text_en", "text_ru", "text_kk"]
    ordering = ["kind", "position"]
