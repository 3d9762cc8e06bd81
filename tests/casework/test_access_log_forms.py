"""Edit forms of a restricted or secret case show what its pages show: they are logged reads."""

from django.urls import reverse

from casework import services
from casework.models import AccessAction, AccessLog, PartyRole, Person


def test_opening_a_party_edit_form_of_a_secret_case_is_logged(client, org, secret_case):
    person = services.save_audited(Person(full_name="Ерлан Сейітов"), by=org.lawyer)
    party = services.party_add(
        case=secret_case, by=org.lawyer, role=PartyRole.VICTIM, person=person
    )
    client.force_login(org.lawyer)
    url = reverse("cases:party_edit", args=[secret_case.reference, party.pk])
    assert client.get(url).status_code == 200
    actions = set(AccessLog.objects.filter(case=secret_case).values_list("action", flat=True))
    assert actions == {AccessAction.VIEW_CASE, AccessAction.VIEW_IDENTITY}


def test_opening_the_case_edit_form_of_a_secret_case_is_logged(client, org, secret_case):
    client.force_login(org.lawyer)
    assert client.get(reverse("cases:edit", args=[secret_case.reference])).status_code == 200
    assert AccessLog.objects.filter(case=secret_case, action=AccessAction.VIEW_CASE).exists()
