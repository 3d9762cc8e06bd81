"""The security app's alarms and reminders, told through `notifications` like everything else.

Duress logins, unusual reading and downloads (to the administrators) and stale emergency
contacts (to a directory's editors) become in-app-only notifications: in the bell, the centre
and, for the alarms, the banner on every page until reviewed. None is ever e-mailed: an alert
about who read which cases, or who is being forced to log in, must not travel through a mail
provider the State can compel (notifications.models.IN_APP_ONLY). Each carries only the facts
its sentence is built from in the reader's language; never a case's facts or its people.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from casework.models import Branch, User
from casework.names import LANGUAGES, localized
from casework.selectors import administrators
from notifications.models import Kind, Notification
from notifications.services import notify

logger = logging.getLogger("remedy.security")


def alert_administrators(
    *, kind: str, about: User, url: str = "", params: dict | None = None
) -> list[Notification]:
    """An alarm to every active administrator but `about`, the account it is about.

    A duress alarm never reaches the coerced person's own account (whoever forced the login may
    be reading it); a reading alert never warns the account that may be copying files.
    """
    logger.warning("ALERT to administrators: %s about user %s", kind, about.pk)
    return notify(recipients=administrators(), kind=kind, actor=about, url=url, params=params or {})


def contacts_reminder(
    *, recipients: Iterable[User], branch: Branch | None, count: int, months: int, url: str
) -> list[Notification]:
    """Remind a directory's editors that `count` of its contacts are unchecked for `months`."""
    office = {lang: localized(branch, "name", lang).text for lang in LANGUAGES} if branch else None
    return notify(
        recipients=recipients,
        kind=Kind.CONTACTS_TO_CHECK,
        url=url,
        params={"count": count, "months": months, "office": office},
    )
