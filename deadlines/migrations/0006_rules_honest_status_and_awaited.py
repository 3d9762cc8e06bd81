"""Issue #11: "verified" means verified, awaited deadlines are marked, missing rules added.

- A rule is verified only with its article and a source. The seed's rules whose source says
  "article to verify" (civil appeal, civil private complaint, administrative-offence appeal) are
  therefore unverified; the verified ones get their article recorded.
- The State's and the Committee's time limits are awaited (party), not ours.
- New rules: APPK private complaint against a ruling (art. 168(3), 10 working days); criminal
  cassation before the Court of Cassation for criminal cases (since 1 July 2025; period not
  verified, configurable); the State's request to examine admissibility separately (2 months,
  awaited); the author's comments (date set by the Committee in each case); the State's
  follow-up reply after Views (180 days, awaited).

Sources: DOMAIN.md (rule table), the texts cited in each rule. Rows an administrator has already
edited are not overwritten: only fields still at their seeded values change.
"""

from django.db import migrations

ARTICLES = {
    # code: (article, verified stays as seeded)
    "kz-civil-cassation": "CPC art. 436(1)",
    "kz-appk-complaint": "APPK art. 92",
    "kz-appk-appeal": "APPK art. 168",
    "hrc-state-observations": "OP art. 4(2); rules of procedure rule 92",
    "hrc-delay-5y": "Rules of procedure rule 99(c)",
    "hrc-delay-3y-other-procedure": "Rules of procedure rule 99(c)",
}

AWAITED = {"hrc-state-observations": "state"}

NEW_RULES = [
    {
        "code": "kz-appk-private-complaint",
        "name": "Administrative-procedure private complaint against a ruling",
        "trigger": "ruling_delivered",
        "period_amount": 10,
        "period_unit": "working_days",
        "rollover": "next_working_day",
        "article": "APPK art. 168(3)",
        "legal_source": (
            "Administrative Procedural and Process-Related Code of the Republic of Kazakhstan "
            "(29 June 2020, in force 1 July 2021), art. 168(3): a private complaint against a "
            "ruling of the court of first instance is filed within ten working days."
        ),
        "verified": True,
        "party": "ours",
    },
    {
        "code": "kz-criminal-cassation",
        "name": "Criminal cassation (Court of Cassation for criminal cases)",
        "trigger": "appellate_act_in_force",
        "applies_to_procedure": "criminal",
        "applies_to_instance": "appeal",
        "fulfilled_by_instance": "cassation",
        "period_amount": 6,
        "period_unit": "months",
        "rollover": "next_working_day",
        "article": "",
        "legal_source": (
            "Criminal Procedure Code of the Republic of Kazakhstan (2014), chapter 52 "
            "(cassation); since 1 July 2025 cassation complaints go to the Court of Cassation "
            "for criminal cases (Decree of the President No. 748 of 27 December 2024; Supreme "
            "Court normative resolution No. 1 of 29 May 2025). UNVERIFIED: the six-month period "
            "is a provisional default, not taken from the Code. Check the period in the "
            "current text and correct it here before relying on this date."
        ),
        "verified": False,
        "party": "ours",
    },
    {
        "code": "hrc-state-admissibility-request",
        "name": "State's request to examine admissibility separately (HRC)",
        "trigger": "hrc_transmittal",
        "period_amount": 2,
        "period_unit": "months",
        "rollover": "none",
        "article": "Rules of procedure rule 92",
        "legal_source": (
            "Rules of procedure of the Human Rights Committee (CCPR/C/3/Rev.12), rule 92: "
            "within two months of the transmittal the State party may ask the Committee to "
            "examine the admissibility separately from the merits (paragraph to verify). "
            "Awaited from the State party; if it does not ask, admissibility and merits are "
            "examined together."
        ),
        "verified": False,
        "party": "state",
    },
    {
        "code": "hrc-author-comments",
        "name": "Author's comments on the State's observations (HRC)",
        "trigger": "manual",
        "period_amount": None,
        "period_unit": "months",
        "rollover": "none",
        "date_set_per_case": True,
        "article": "",
        "legal_source": (
            "Rules of procedure of the Human Rights Committee (CCPR/C/3/Rev.12): the Committee "
            "transmits the State's observations to the author and sets, in each case, the date "
            "by which the author may comment (often about two months; unverified). The lawyer "
            "enters the date from the Committee's letter."
        ),
        "verified": False,
        "party": "ours",
    },
    {
        "code": "hrc-follow-up-state-reply",
        "name": "State's follow-up reply on the measures taken after Views (HRC)",
        "trigger": "hrc_views_adopted",
        "period_amount": 180,
        "period_unit": "days",
        "rollover": "none",
        "article": "OP art. 5(4); the final paragraph of the Views",
        "legal_source": (
            "Optional Protocol to the ICCPR, art. 5(4); in its Views the Committee asks the "
            "State party to provide, within 180 days, information about the measures taken to "
            "give effect to the Views. Awaited from the State party; when it passes, follow up "
            "with the Committee's Special Rapporteur for follow-up."
        ),
        "verified": True,
        "party": "state",
    },
]

UNVERIFY = ["kz-civil-appeal", "kz-civil-private-complaint", "kz-admin-offence-appeal"]


def forward(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    for code, article in ARTICLES.items():
        DeadlineRule.objects.filter(code=code, article="").update(article=article)
    for code, party in AWAITED.items():
        DeadlineRule.objects.filter(code=code, party="ours").update(party=party)
    # "Verified" with "article to verify" in the source is a contradiction: the rule is not.
    for rule in DeadlineRule.objects.filter(verified=True):
        source = rule.legal_source.lower()
        if not rule.article.strip() or "to verify" in source or "unverified" in source:
            rule.verified = False
            rule.save(update_fields=["verified"])
    DeadlineRule.objects.filter(code__in=UNVERIFY).update(verified=False)
    for data in NEW_RULES:
        fields = dict(data)
        code = fields.pop("code")
        DeadlineRule.objects.get_or_create(code=code, defaults=fields)


def backward(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    DeadlineRule.objects.filter(code__in=[r["code"] for r in NEW_RULES], deadlines=None).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0005_rule_article_party_date_set_per_case")]

    operations = [migrations.RunPython(forward, backward)]
