"""Security glue for Remedy: 2FA enforcement, session timeouts, lockdown, access log.

The libraries do the work (django-otp, django-two-factor-auth, django-axes, django-csp,
cryptography); this package wires them to Remedy's roles and audit trail. docs/security.md
explains the threat model behind each piece.
"""
