"""The two interim-measures dates of a communication become a request of their own.

Before issue #11 a communication carried `interim_measures_requested_on` and
`interim_measures_granted_on`. Each communication with a request date becomes one
`InterimMeasuresRequest`: sent on that day (the time was not kept: `sent_time_known=False`, the
moment stored is the start of that day in the server's time zone), granted on the grant date when
there is one, otherwise "no response yet" (the old fields could not say "refused"). Grounds are
"other" and the texts empty: nothing was recorded about them, and nothing is made up. Reversible:
going back copies the earliest request's dates onto the communication.
"""

import datetime as dt

from django.db import migrations
from django.utils import timezone


def forward(apps, schema_editor):
    Communication = apps.get_model("communications", "Communication")
    Request = apps.get_model("communications", "InterimMeasuresRequest")
    tz = timezone.get_default_timezone()
    for communication in Communication.objects.exclude(interim_measures_requested_on=None):
        requested = communication.interim_measures_requested_on
        granted = communication.interim_measures_granted_on
        moment = dt.datetime.combine(requested, dt.time.min).replace(tzinfo=tz)
        Request.objects.create(
            case_id=communication.case_id,
            state_id=communication.state_id,
            grounds="other",
            opened_at=moment,
            sent_at=moment,
            sent_time_known=False,
            channel=communication.channel,
            response="granted" if granted else "pending",
            response_on=granted,
        )


def backward(apps, schema_editor):
    Communication = apps.get_model("communications", "Communication")
    Request = apps.get_model("communications", "InterimMeasuresRequest")
    tz = timezone.get_default_timezone()
    for request in Request.objects.exclude(sent_at=None).order_by("-opened_at"):
        Communication.objects.filter(case_id=request.case_id).update(
            interim_measures_requested_on=request.sent_at.astimezone(tz).date(),
            interim_measures_granted_on=request.response_on
            if request.response == "granted"
            else None,
        )


class Migration(migrations.Migration):
    dependencies = [("communications", "0010_interim_measures_requests")]

    operations = [migrations.RunPython(forward, backward)]
