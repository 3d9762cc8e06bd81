"""django-axes glue: which username a login attempt is for."""

from __future__ import annotations


def login_username(request, credentials: dict | None = None) -> str | None:
    """The attempted username, from authenticate()'s credentials or the login wizard's POST.

    two_factor's login wizard prefixes its fields ("auth-username") while authenticate() is called
    with plain `username`; lockout by username+IP needs the same name from both.
    """
    if credentials and credentials.get("username"):
        return credentials["username"]
    data = getattr(request, "POST", None) or {}
    return data.get("auth-username") or data.get("username")
