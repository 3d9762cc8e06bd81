"""Issue 16: the author's comments on the State's follow-up reply after Views.

The State's reply (180 days after the Views) is already a rule (`hrc-follow-up-state-reply`,
0006). When the State replies, the Committee's secretariat transmits the reply to the author and
sets, in its letter, the date for comments: a rule whose date is entered per case, like the
author's comments on the State's observations. Unverified: the period is not fixed by the
Optional Protocol or the rules of procedure; the lawyer enters the date from the letter.
"""

from django.db import migrations

RULE = {
    "name": "Author's comments on the State's follow-up reply (HRC)",
    "trigger": "manual",
    "period_amount": None,
    "period_unit": "months",
    "rollover": "none",
    "date_set_per_case": True,
    "article": "",
    "legal_source": (
        "Follow-up of Views: the Committee transmits the State party's follow-up reply to the "
        "author and sets, in each case, the date by which the author may comment. The lawyer "
        "enters the date from the Committee's letter (no fixed period; unverified)."
    ),
    "verified": False,
    "party": "ours",
}
CODE = "hrc-follow-up-author-comments"


def forward(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    DeadlineRule.objects.get_or_create(code=CODE, defaults=RULE)


def backward(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    DeadlineRule.objects.filter(code=CODE, deadlines=None).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0007_free_text_ceilings")]

    operations = [migrations.RunPython(forward, backward)]
