"""Move the case's follow-up assessments from communications into per-remedy assessments.

Until issue 16 a case's follow-up was one A–E grade per assessment (communications'
`FollowUpAssessment`) with the remedies ordered as free text. Each communication with follow-up
rows gets one remedy, "Remedies ordered in the Views", holding that free text, and each old row
becomes an assessment of it with the same date, grade, author and notes — nothing is lost; the
lawyer can then split the remedy into separate items. Reversible: the rows are written back.
"""

from django.db import migrations

MARK = "Moved from the case's follow-up record (issue 16)"
STATUS_OF_GRADE = {
    "A": "implemented",
    "B": "partial",
    "C": "not_implemented",
    "D": "no_information",
    "E": "regressed",
}


def forward(apps, schema_editor):
    FollowUpAssessment = apps.get_model("communications", "FollowUpAssessment")
    Recommendation = apps.get_model("monitoring", "Recommendation")
    Assessment = apps.get_model("monitoring", "Assessment")
    Mechanism = apps.get_model("monitoring", "Mechanism")
    FollowUpGrade = apps.get_model("monitoring", "FollowUpGrade")
    views = Mechanism.objects.get(code="hrc-views")
    grades = {grade.code: grade for grade in FollowUpGrade.objects.all()}
    remedies = {}
    for old in FollowUpAssessment.objects.select_related("communication").order_by("id"):
        communication = old.communication
        remedy = remedies.get(communication.pk)
        if remedy is None:
            remedy = remedies[communication.pk] = Recommendation.objects.create(
                mechanism=views,
                case_id=communication.case_id,
                symbol=communication.document_symbol,
                issued_on=communication.decided_on,
                title="Remedies ordered in the Views",
                text_ru=communication.remedies_ordered,
                text_en="" if communication.remedies_ordered else MARK,
                remedy_kind="other",
                source=MARK,
            )
        notes = "\n\n".join(
            part
            for part in (
                f"State's reply: {old.state_reply_summary}" if old.state_reply_summary else "",
                old.notes,
            )
            if part
        )
        Assessment.objects.create(
            recommendation=remedy,
            assessed_on=old.assessed_on,
            status=STATUS_OF_GRADE.get(old.grade, "no_information"),
            grade=grades.get(old.grade),
            source_kind="state" if old.state_reply_summary else "committee" if old.grade else "own",
            notes=notes,
            evidence=MARK,
            assessed_by_id=old.recorded_by_id,
        )


def backward(apps, schema_editor):
    FollowUpAssessment = apps.get_model("communications", "FollowUpAssessment")
    Communication = apps.get_model("communications", "Communication")
    Assessment = apps.get_model("monitoring", "Assessment")
    Recommendation = apps.get_model("monitoring", "Recommendation")
    rows = Assessment.objects.filter(recommendation__source=MARK).select_related(
        "recommendation", "grade"
    )
    for row in rows.order_by("id"):
        communication = Communication.objects.filter(case_id=row.recommendation.case_id).first()
        if communication is None:
            continue
        reply, _sep, notes = row.notes.partition("\n\n")
        if not reply.startswith("State's reply: "):
            reply, notes = "", row.notes
        FollowUpAssessment.objects.create(
            communication=communication,
            assessed_on=row.assessed_on,
            grade=row.grade.code[:1] if row.grade else "",
            state_reply_summary=reply.removeprefix("State's reply: "),
            notes=notes,
            recorded_by_id=row.assessed_by_id,
        )
    rows.delete()
    Recommendation.objects.filter(source=MARK, assessments=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0002_seed_mechanisms_and_grades"),
        ("communications", "0006_submission_review"),
    ]

    operations = [migrations.RunPython(forward, backward)]
