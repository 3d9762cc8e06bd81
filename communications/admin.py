"""Only reference data is edited in the admin. Communications and filings belong to cases, whose
visibility is decided per case by `casework.selectors`; the admin would bypass that."""

from django.contrib import admin

from casework.admin import AuditedAdmin

from .models import StateParty


@admin.register(StateParty)
class StatePartyAdmin(AuditedAdmin):
    """The State-party table is data an administrator keeps current (rules as data)."""

    list_display = [
        "code",
        "name",
        "name_ru",
        "name_genitive_ru",
        "op_in_force_on",
        "op_ceased_on",
        "verified",
        "source",
    ]
    list_filter = ["verified"]
    search_fields = ["code", "name", "name_ru", "name_kk"]
