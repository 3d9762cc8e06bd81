"""Seed the deadline rules of DOMAIN.md. Administrators edit them afterwards in the admin.

Sources: Civil Procedure Code of the Republic of Kazakhstan (2015), Administrative Procedural
Code (APPK, 2021), Code of Administrative Offences (CoAO, 2014), Criminal Procedure Code (2014),
First Optional Protocol to the ICCPR and the Committee's rules of procedure (CCPR/C/3/Rev.12).
Where an article number or the period itself could not be checked, the rule says so and is
marked unverified or carries "(article to verify)" in its source.
"""

from django.db import migrations

RULES = [
    {
        "code": "kz-civil-appeal",
        "name": "Civil appeal",
        "trigger": "decision_final_form",
        "applies_to_procedure": "civil",
        "applies_to_instance": "first_instance",
        "fulfilled_by_instance": "appeal",
        "period_amount": 1,
        "period_unit": "months",
        "rollover": "next_working_day",
        "legal_source": (
            "Civil Procedure Code of the Republic of Kazakhstan (2015): an appeal is filed within "
            "one month from the day the decision is made in final form (article to verify). "
            "Computed from the recorded decision date, the earliest possible start."
        ),
        "verified": True,
    },
    {
        "code": "kz-civil-private-complaint",
        "name": "Civil private complaint against a ruling",
        "trigger": "ruling_delivered",
        "period_amount": 10,
        "period_unit": "working_days",
        "rollover": "next_working_day",
        "legal_source": (
            "Civil Procedure Code of the Republic of Kazakhstan (2015): a private complaint "
            "(protest) against a ruling of a court of first instance is filed within ten working "
            "days (article to verify)."
        ),
        "verified": True,
    },
    {
        "code": "kz-civil-cassation",
        "name": "Civil cassation complaint",
        "trigger": "appellate_act_in_force",
        "applies_to_procedure": "civil",
        "applies_to_instance": "appeal",
        "fulfilled_by_instance": "cassation",
        "period_amount": 6,
        "period_unit": "months",
        "rollover": "next_working_day",
        "legal_source": (
            "Civil Procedure Code of the Republic of Kazakhstan (2015), art. 436(1): a cassation "
            "complaint is filed within six months from the entry into force of the act of the "
            "appellate court."
        ),
        "verified": True,
    },
    {
        "code": "kz-appk-complaint",
        "name": "Administrative complaint to a higher body",
        "trigger": "administrative_act_received",
        "period_amount": 3,
        "period_unit": "months",
        "rollover": "next_working_day",
        "legal_source": (
            "Administrative Procedural Code of the Republic of Kazakhstan (2021), art. 92: a "
            "complaint against an administrative act to a higher body within three months."
        ),
        "verified": True,
    },
    {
        "code": "kz-appk-appeal",
        "name": "Administrative-procedure appeal",
        "trigger": "decision_final_form",
        "applies_to_procedure": "administrative",
        "applies_to_instance": "first_instance",
        "fulfilled_by_instance": "appeal",
        "period_amount": 2,
        "period_unit": "months",
        "rollover": "next_working_day",
        "legal_source": (
            "Administrative Procedural Code of the Republic of Kazakhstan (2021), art. 168: an "
            "appeal within two months from the day the decision is made in final form."
        ),
        "verified": True,
    },
    {
        "code": "kz-admin-offence-appeal",
        "name": "Administrative-offence appeal",
        "trigger": "decision_copy_delivered",
        "applies_to_procedure": "admin_offence",
        "applies_to_instance": "first_instance",
        "fulfilled_by_instance": "appeal",
        "period_amount": 10,
        "period_unit": "days",
        "rollover": "next_working_day",
        "legal_source": (
            "Code of Administrative Offences of the Republic of Kazakhstan (2014): a complaint "
            "against a decision within ten days from the delivery of its copy (article to "
            "verify). Computed from the recorded decision date, the earliest possible start."
        ),
        "verified": True,
    },
    {
        "code": "kz-criminal-appeal",
        "name": "Criminal appeal",
        "trigger": "verdict_pronounced",
        "applies_to_procedure": "criminal",
        "applies_to_instance": "first_instance",
        "fulfilled_by_instance": "appeal",
        "period_amount": 15,
        "period_unit": "days",
        "rollover": "next_working_day",
        "legal_source": (
            "Criminal Procedure Code of the Republic of Kazakhstan (2014): an appeal within "
            "fifteen days from the pronouncement of the verdict. UNVERIFIED: check the current "
            "text of the Code before relying on this date."
        ),
        "verified": False,
    },
    {
        "code": "hrc-state-observations",
        "name": "State party observations due (HRC)",
        "trigger": "hrc_transmittal",
        "period_amount": 6,
        "period_unit": "months",
        "rollover": "none",
        "legal_source": (
            "Optional Protocol to the ICCPR, art. 4(2); Rules of procedure of the Human Rights "
            "Committee (CCPR/C/3/Rev.12), rule 92: the State party submits written observations "
            "within six months of the transmittal of the communication."
        ),
        "verified": True,
    },
    {
        "code": "hrc-delay-5y",
        "name": "Submit to the HRC within 5 years of exhaustion",
        "trigger": "domestic_exhaustion",
        "period_amount": 5,
        "period_unit": "years",
        "rollover": "none",
        "legal_source": (
            "Rules of procedure of the Human Rights Committee (CCPR/C/3/Rev.12), rule 99(c) "
            "(rule 96(c) in Rev.10): a communication submitted more than five years after the "
            "exhaustion of domestic remedies may be an abuse of the right of submission, unless "
            "the delay is justified."
        ),
        "verified": True,
    },
    {
        "code": "hrc-delay-3y-other-procedure",
        "name": "Submit to the HRC within 3 years of another international procedure",
        "trigger": "other_procedure_concluded",
        "period_amount": 3,
        "period_unit": "years",
        "rollover": "none",
        "legal_source": (
            "Rules of procedure of the Human Rights Committee (CCPR/C/3/Rev.12), rule 99(c): "
            "more than three years after the conclusion of another procedure of international "
            "investigation or settlement, unless the delay is justified."
        ),
        "verified": True,
    },
]


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    for data in RULES:
        fields = dict(data)
        code = fields.pop("code")
        DeadlineRule.objects.update_or_create(code=code, defaults=fields)


def unseed(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    DeadlineRule.objects.filter(code__in=[r["code"] for r in RULES], deadlines=None).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
