"""Issue #11: the urgent interim-measures path's time limits, and honest status for one rule.

Interim measures (rule 94 of the Committee's rules of procedure): the rules of procedure set no
period for the author or the Committee; these three are the organisation's own working
periods, seeded as configurable defaults and left UNVERIFIED (there is no article that states
them). Hours run through nights and weekends and never move to a working day.

- `hrc-interim-send`: send the request within 24 hours of opening it (ours).
- `hrc-interim-response-follow-up`: when the Committee has not answered 48 hours after the
  request was sent, follow up with the Petitions Team (awaited from the Committee).
- `hrc-interim-compliance-check`: within 7 days of a grant, check whether the State complies
  and tell the Committee if it does not (ours).

`kz-appk-private-complaint` (APPK art. 168(3), 10 working days) was seeded verified from the
practitioner's review without its text being read; it is unverified until someone reads the
article on adilet.zan.kz (K2000000350). Rows an administrator has edited are left alone.
"""

from django.db import migrations

PRACTICE = (
    "Organisation practice, not a period of the Committee: rule 94 of the rules of procedure "
    "(CCPR/C/3/Rev.12) lets the Committee request interim measures to avoid irreparable damage "
    "and states no time limit. UNVERIFIED: {period} is a configurable default; set the period "
    "your team follows."
)

RULES = [
    {
        "code": "hrc-interim-send",
        "name": "Send the interim-measures request (HRC rule 94)",
        "trigger": "interim_opened",
        "fulfilled_by_trigger": "interim_sent",
        "period_amount": 24,
        "period_unit": "hours",
        "party": "ours",
        "legal_source": PRACTICE.format(period="24 hours from opening the request"),
    },
    {
        "code": "hrc-interim-response-follow-up",
        "name": "Committee's answer to an interim-measures request (follow up)",
        "trigger": "interim_sent",
        "fulfilled_by_trigger": "",
        "period_amount": 48,
        "period_unit": "hours",
        "party": "committee",
        "legal_source": PRACTICE.format(
            period="48 hours after sending, then follow up with the Petitions Team,"
        ),
    },
    {
        "code": "hrc-interim-compliance-check",
        "name": "Check the State's compliance with interim measures",
        "trigger": "interim_granted",
        "fulfilled_by_trigger": "",
        "period_amount": 7,
        "period_unit": "days",
        "party": "ours",
        "legal_source": PRACTICE.format(period="7 days from the grant"),
    },
]

APPK_SEEDED_SOURCE_START = "Administrative Procedural and Process-Related Code"


def forward(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    for row in RULES:
        DeadlineRule.objects.get_or_create(
            code=row["code"],
            defaults={
                **row,
                "rollover": "none",
                "article": "Rules of procedure rule 94",
                "verified": False,
                "calendar": "KZ",
            },
        )
    rule = DeadlineRule.objects.filter(code="kz-appk-private-complaint", verified=True).first()
    if rule is not None and rule.legal_source.startswith(APPK_SEEDED_SOURCE_START):
        rule.verified = False
        rule.legal_source = (
            rule.legal_source.rstrip()
            + " UNVERIFIED: taken from a practitioner's review; the article's current text has "
            "not been read. Check art. 168(3) on adilet.zan.kz (K2000000350) before relying."
        )
        rule.save(update_fields=["verified", "legal_source"])


def backward(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    DeadlineRule.objects.filter(code__in=[r["code"] for r in RULES], deadlines=None).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0009_hours_and_due_at")]

    operations = [migrations.RunPython(forward, backward)]
