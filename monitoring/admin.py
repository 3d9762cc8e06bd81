"""Reference data of the register in the admin: the mechanisms and the Committee's grades.

Recommendations, remedies and assessments are not here: a Views' remedy is case data, which the
admin cannot scope per case; they are read and changed through the register and case pages.
"""

from django.contrib import admin

from casework.admin import AuditedAdmin

from .models import FollowUpGrade, Mechanism


@admin.register(Mechanism)
class MechanismAdmin(AuditedAdmin):
    list_display = ("code", "abbreviation", "name", "kind", "position")


@admin.register(FollowUpGrade)
class FollowUpGradeAdmin(AuditedAdmin):
    list_display = ("code", "label", "status", "current", "verified")
