"""Seed the State-party table for the Optional Protocol (rules as data, editable in admin).

Kazakhstan is verified (DOMAIN.md: deposited 30 June 2009, in force 30 September 2009). The other
dates come from memory of the UN Treaty Collection and stay flagged "to verify" until someone checks
them there. Belarus: accession deposited 30 September 1992 (Human Rights Committee press release on
the denunciation), so in force three months later under OP art. 9(2); denunciation effective
8 February 2023 (OP art. 12(1)).
"""

import datetime as dt

from django.db import migrations

STATES = [
    # code, name, in force, ceased, verified, source
    (
        "KZ",
        "Kazakhstan",
        dt.date(2009, 9, 30),
        None,
        True,
        "UN Treaty Collection: deposited 30 June 2009, in force 30 September 2009, with a "
        "declaration limiting the Committee to acts after entry into force "
        "(A.P. v. Kazakhstan, CCPR/C/133/D/2726/2016).",
    ),
    (
        "KG",
        "Kyrgyzstan",
        dt.date(1995, 1, 7),
        None,
        False,
        "To verify in the UN Treaty Collection.",
    ),
    (
        "UZ",
        "Uzbekistan",
        dt.date(1995, 12, 28),
        None,
        False,
        "To verify in the UN Treaty Collection.",
    ),
    (
        "TM",
        "Turkmenistan",
        dt.date(1997, 8, 1),
        None,
        False,
        "To verify in the UN Treaty Collection.",
    ),
    (
        "TJ",
        "Tajikistan",
        dt.date(1999, 4, 4),
        None,
        False,
        "To verify in the UN Treaty Collection.",
    ),
    (
        "RU",
        "Russian Federation",
        dt.date(1992, 1, 1),
        None,
        False,
        "To verify in the UN Treaty Collection.",
    ),
    (
        "BY",
        "Belarus",
        dt.date(1992, 12, 30),
        dt.date(2023, 2, 8),
        False,
        "To verify: accession deposited 30 September 1992 (Human Rights Committee, press release "
        "on the denunciation), in force three months later (OP art. 9(2)); denunciation "
        "effective 8 February 2023 (OP art. 12(1)).",
    ),
]


def seed(apps, schema_editor):
    StateParty = apps.get_model("communications", "StateParty")
    for code, name, in_force, ceased, verified, source in STATES:
        StateParty.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "op_in_force_on": in_force,
                "op_ceased_on": ceased,
                "verified": verified,
                "source": source,
            },
        )


def unseed(apps, schema_editor):
    StateParty = apps.get_model("communications", "StateParty")
    Communication = apps.get_model("communications", "Communication")
    used = Communication.objects.values("state_id")
    StateParty.objects.filter(code__in=[s[0] for s in STATES]).exclude(pk__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("communications", "0002_filing_events_procedures")]

    operations = [migrations.RunPython(seed, unseed)]
