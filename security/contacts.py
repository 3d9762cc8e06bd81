"""Emergency contacts: who may read and edit which directory, the writes, and the reminders.

A directory belongs to one office (`branch`) or, with no branch, to the whole organisation.
Staff see their own office's directory and the organisation's; administrators see and edit
every directory; a branch head edits their own office's. Everybody else gets 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Branch, Role, User
from casework.selectors import administrators
from casework.services import delete_audited, save_audited

from .alarms import contacts_reminder
from .models import CATEGORY_ORDER, EmergencyContact

# How often a contact must be confirmed to still work.
CHECK_INTERVAL_MONTHS = getattr(settings, "REMEDY_CONTACT_CHECK_MONTHS", 6)
# A directory whose contacts stay unchecked is reminded again after this many days, not daily.
REMINDER_REPEAT_DAYS = 14

EDITABLE_FIELDS = (
    "category",
    "name",
    "organisation",
    "role",
    "phones",
    "email",
    "languages",
    "notes",
    "last_checked_on",
)


# --- who may do what ------------------------------------------------------------------------


def _is_staff(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _reads_data(user: User | None) -> bool:
    """An inactive account (locked down; a duress session) opens the pages of its role and
    reads no contact: the gates ask about the role, the data about the account."""
    return user is None or bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_view_directory(user: User, branch: Branch | None) -> bool:
    if not _is_staff(user):
        return False
    if branch is None or user.has_role(Role.ADMINISTRATOR):
        return True
    return user.branch_id == branch.pk


def can_edit_directory(user: User, branch: Branch | None) -> bool:
    if not _is_staff(user):
        return False
    if user.has_role(Role.ADMINISTRATOR):
        return True
    return branch is not None and user.has_role(Role.BRANCH_HEAD) and user.branch_id == branch.pk


def visible_offices(user: User) -> QuerySet[Branch]:
    """The offices whose directory `user` may read (the organisation's is always readable)."""
    if not _is_staff(user):
        return Branch.objects.none()
    if user.has_role(Role.ADMINISTRATOR):
        return Branch.objects.all()
    return Branch.objects.filter(pk=user.branch_id)


def contacts_visible_to(user: User) -> QuerySet[EmergencyContact]:
    if not _is_staff(user) or not _reads_data(user):
        return EmergencyContact.objects.none()
    return EmergencyContact.objects.filter(
        Q(branch__isnull=True) | Q(branch__in=visible_offices(user))
    ).select_related("branch")


def directory(
    branch: Branch | None, *, reader: User | None = None
) -> list[tuple[str, list[EmergencyContact]]]:
    """(category label, contacts) in calling order; empty categories left out. `reader`: the
    person the page is for (nothing for an inactive account); None: Remedy itself."""
    if not _reads_data(reader):
        return []
    contacts = EmergencyContact.objects.filter(branch=branch).order_by("name", "id")
    by_category: dict[str, list[EmergencyContact]] = {}
    for contact in contacts:
        by_category.setdefault(contact.category, []).append(contact)
    return [(cat.label, by_category[cat.value]) for cat in CATEGORY_ORDER if cat in by_category]


def directory_history(branch: Branch | None, *, reader: User) -> QuerySet:
    """The directory's history rows, newest first (none for an inactive account)."""
    if not _reads_data(reader):
        return EmergencyContact.history.none()
    return (
        EmergencyContact.history.filter(branch_id=branch.pk if branch else None)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


# --- when a contact needs checking (pure) ---------------------------------------------------


def check_due_on(last_checked_on: dt.date | None, months: int = CHECK_INTERVAL_MONTHS):
    """The day from which a contact counts as unchecked; None when it was never checked."""
    if last_checked_on is None:
        return None
    return last_checked_on + relativedelta(months=months)


def needs_check(
    last_checked_on: dt.date | None, today: dt.date, months: int = CHECK_INTERVAL_MONTHS
) -> bool:
    """True when the contact was never checked or its last check is `months` or more old."""
    due = check_due_on(last_checked_on, months)
    return due is None or today >= due


def unchecked(contacts, today: dt.date | None = None) -> list[EmergencyContact]:
    today = today or timezone.localdate()
    return [c for c in contacts if needs_check(c.last_checked_on, today)]


# --- writes ---------------------------------------------------------------------------------


def _require_edit(user: User, branch: Branch | None) -> None:
    if not (can_edit_directory(user, branch) and _reads_data(user)):
        raise PermissionDenied(_("You may not edit this directory."))


def contact_create(
    *, by: User, branch: Branch | None, reason: str = "", **fields: Any
) -> EmergencyContact:
    _require_edit(by, branch)
    contact = EmergencyContact(
        branch=branch, **{k: fields[k] for k in fields if k in EDITABLE_FIELDS}
    )
    with transaction.atomic():
        return save_audited(contact, by=by, reason=reason or _("Contact added"))


def contact_update(
    *, contact: EmergencyContact, by: User, reason: str = "", **fields: Any
) -> EmergencyContact:
    _require_edit(by, contact.branch)
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(contact, name, fields[name])
    with transaction.atomic():
        return save_audited(contact, by=by, reason=reason or _("Contact changed"))


def contact_mark_checked(
    *, contact: EmergencyContact, by: User, on: dt.date | None = None
) -> EmergencyContact:
    """Someone called or wrote and the contact still works."""
    _require_edit(by, contact.branch)
    contact.last_checked_on = on or timezone.localdate()
    with transaction.atomic():
        return save_audited(contact, by=by, reason=_("Checked: the contact still works"))


def contact_remove(*, contact: EmergencyContact, by: User, reason: str = "") -> None:
    _require_edit(by, contact.branch)
    with transaction.atomic():
        delete_audited(contact, by=by, reason=reason or _("Contact removed"))


# --- reminders ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderResult:
    directories: int
    contacts: int
    notices: int


def editors_of(branch: Branch | None) -> list[User]:
    """Who keeps a directory up to date: administrators, and the office's branch head."""
    editors = list(administrators())
    if branch is not None:
        editors += list(
            User.objects.filter(
                is_active=True, branch=branch, groups__name=Role.BRANCH_HEAD
            ).distinct()
        )
    return editors


def send_check_reminders(*, today: dt.date | None = None) -> ReminderResult:
    """Remind the editors of every directory with contacts unchecked for 6 months.

    Run daily (`manage.py remind_emergency_contacts`); a directory is reminded again only after
    REMINDER_REPEAT_DAYS, so a daily run does not flood anyone.
    """
    today = today or timezone.localdate()
    repeat_after = today - dt.timedelta(days=REMINDER_REPEAT_DAYS)
    overdue = [
        c
        for c in EmergencyContact.objects.select_related("branch").order_by("branch_id", "id")
        if needs_check(c.last_checked_on, today)
        and (c.check_reminder_sent_on is None or c.check_reminder_sent_on <= repeat_after)
    ]
    groups: dict[int | None, list[EmergencyContact]] = {}
    for contact in overdue:
        groups.setdefault(contact.branch_id, []).append(contact)
    notices = 0
    for contacts in groups.values():
        branch = contacts[0].branch
        url = (
            reverse("security:contacts_office", kwargs={"pk": branch.pk})
            if branch
            else reverse("security:contacts_organisation")
        )
        with transaction.atomic():
            notices += len(
                contacts_reminder(
                    recipients=editors_of(branch),
                    branch=branch,
                    count=len(contacts),
                    months=CHECK_INTERVAL_MONTHS,
                    url=url,
                )
            )
            # Bookkeeping, not evidence: a plain update, no history row.
            EmergencyContact.objects.filter(pk__in=[c.pk for c in contacts]).update(
                check_reminder_sent_on=today
            )
    return ReminderResult(directories=len(groups), contacts=len(overdue), notices=notices)
