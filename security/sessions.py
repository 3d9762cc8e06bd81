"""Active sessions: a user sees theirs and signs any of them out; administrators do the same for
any account (a lost phone, a forgotten login on a shared computer).

Remedy stores sessions in the database. At login the session gets the browser's user agent and
the client's address (`record_login`, connected to `user_logged_in`); the session-timeout
middleware keeps its start and last-seen times. A session is shown and addressed by a digest of
its key, never by the key itself: the key is the login, and an administrator's page must not
hand out other people's logins.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import User
from casework.services import save_audited

from .middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY

logger = logging.getLogger("remedy.security")

USER_AGENT_KEY = "remedy_session_user_agent"
IP_KEY = "remedy_session_ip"
MAX_USER_AGENT = 300


@receiver(user_logged_in, dispatch_uid="security.sessions.record_login")
def record_login(sender, request, user, **kwargs) -> None:
    """Remember which browser and address a session started from (after the key is cycled)."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[USER_AGENT_KEY] = request.META.get("HTTP_USER_AGENT", "")[:MAX_USER_AGENT]
    try:
        request.session[IP_KEY] = get_client_ip_address(request) or ""
    except Exception:  # an unparsable forwarded header: the address is unknown, the login stands
        request.session[IP_KEY] = request.META.get("REMOTE_ADDR", "")


def session_id(session_key: str) -> str:
    return hashlib.sha256(session_key.encode("ascii", "replace")).hexdigest()[:32]


@dataclass(frozen=True)
class ActiveSession:
    id: str
    user_agent: str
    ip_address: str
    started: dt.datetime | None
    last_seen: dt.datetime | None
    expires: dt.datetime
    current: bool


def _when(value) -> dt.datetime | None:
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value, tz=dt.UTC)
    return None


def _sessions_of(user: User) -> list[tuple[Session, dict]]:
    user_pk = str(user.pk)
    found = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()  # a corrupt row decodes to {}: nobody's session
        if str(data.get("_auth_user_id")) == user_pk:
            found.append((session, data))
    return found


def active_sessions(user: User, *, current_key: str | None = None) -> list[ActiveSession]:
    """`user`'s unexpired sessions, most recently seen first."""
    sessions = [
        ActiveSession(
            id=session_id(session.session_key),
            user_agent=str(data.get(USER_AGENT_KEY, "")),
            ip_address=str(data.get(IP_KEY, "")),
            started=_when(data.get(SESSION_STARTED_KEY)),
            last_seen=_when(data.get(SESSION_SEEN_KEY)) or _when(data.get(SESSION_STARTED_KEY)),
            expires=session.expire_date,
            current=session.session_key == current_key,
        )
        for session, data in _sessions_of(user)
    ]
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(sessions, key=lambda s: (s.current, s.last_seen or epoch), reverse=True)


def end_session(
    *, user: User, session: str, by: User, keep_key: str | None = None, reason: str = ""
) -> int:
    """Sign out `user`'s session whose id is `session`, or every other one for "others".

    Recorded in the user's history (who, which browser and address) and the security log.
    Returns how many sessions ended; 0 when the id matches none (already gone).
    """
    ended: list[dict] = []
    for stored, data in _sessions_of(user):
        if stored.session_key == keep_key and session == "others":
            continue
        if session in ("others", session_id(stored.session_key)):
            stored.delete()
            ended.append(data)
    if not ended:
        return 0
    where = "; ".join(
        f"{data.get(USER_AGENT_KEY, '') or '?'} from {data.get(IP_KEY, '') or '?'}"
        for data in ended
    )[:600]
    text = _("Signed out remotely by %(by)s: %(sessions)s") % {"by": by.username, "sessions": where}
    if reason:
        text = f"{text} ({reason})"
    save_audited(user, by=by, reason=text, validate=False)
    logger.warning(
        "SESSION_END user=%s (id %s) by=%s sessions=%d",
        user.username,
        user.pk,
        by.username,
        len(ended),
    )
    return len(ended)
