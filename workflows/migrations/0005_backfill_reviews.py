"""Approvals given before the approval became a fact of the communications app.

Every process whose submission was approved gets the `SubmissionReview` row that the final
package now reads, with the approver (the holder of the last completed approval task); processes
waiting for approval learn who drafted (the holder of the last completed drafting task), for the
four-eyes rule.
"""

from django.db import migrations

FLOW = "workflows/flows.LitigationFlow"


def backfill(apps, schema_editor):
    CaseProcess = apps.get_model("workflows", "CaseProcess")
    Task = apps.get_model("viewflow", "Task")
    SubmissionReview = apps.get_model("communications", "SubmissionReview")

    def last_done(process, node):
        return (
            Task.objects.filter(process_id=process.pk, flow_task=f"{FLOW}.{node}", status="DONE")
            .order_by("-finished", "-pk")
            .first()
        )

    for process in CaseProcess.objects.filter(review_rounds__gt=0) | CaseProcess.objects.filter(
        submission_approved=True
    ):
        draft = last_done(process, "draft_communication")
        if draft is not None and draft.owner_id and process.drafted_by_id is None:
            process.drafted_by_id = draft.owner_id
            process.save(update_fields=["drafted_by"])
        review = last_done(process, "approve_submission")
        if review is None or not review.owner_id:
            continue
        if SubmissionReview.objects.filter(case_id=process.case_id).exists():
            continue
        SubmissionReview.objects.create(
            case_id=process.case_id,
            decision="approve" if process.submission_approved else "return",
            comments=process.review_comments,
            reviewer_id=review.owner_id,
            drafted_by_id=process.drafted_by_id,
            reviewed_at=review.finished or review.created,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0004_process_facts"),
        ("communications", "0006_submission_review"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
