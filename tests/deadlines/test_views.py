"""Deadline pages: each list shows only what the user may see; anything else is a 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from casework.models import Confidentiality
from casework.services import grant_case_access
from deadlines import services
from deadlines.models import CalendarFeedToken, Deadline, DeadlineStatus
from tests.conftest import make_case

TODAY = timezone.localdate()


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def world(org, case):
    """Deadlines in Almaty (org.lawyer's case) and Uralsk (other_lawyer's) and a secret case."""
    uralsk = make_case(by=org.other_lawyer, branch=org.uralsk, title="Uralsk picket")
    secret = make_case(
        by=org.lawyer,
        branch=org.almaty,
        title="Secret torture case",
        confidentiality=Confidentiality.SECRET,
    )
    return {
        "mine_overdue": services.deadline_add_manual(
            case=case, by=org.lawyer, title="Mine overdue", due_date=days(-3)
        ),
        "mine_soon": services.deadline_add_manual(
            case=case, by=org.lawyer, title="Mine soon", due_date=days(5)
        ),
        "mine_later": services.deadline_add_manual(
            case=case, by=org.lawyer, title="Mine later", due_date=days(40)
        ),
        "uralsk_overdue": services.deadline_add_manual(
            case=uralsk, by=org.other_lawyer, title="Uralsk overdue", due_date=days(-1)
        ),
        "secret_overdue": services.deadline_add_manual(
            case=secret, by=org.lawyer, title="Secret overdue", due_date=days(-2)
        ),
    }


def listed(client, name: str) -> set[int]:
    response = client.get(reverse(f"deadlines:{name}"))
    assert response.status_code == 200
    return {row["deadline"].pk for row in response.context["rows"]}


def ids(world, *names) -> set[int]:
    return {world[name].pk for name in names}


def test_my_deadlines_are_the_open_ones_assigned_to_me(client, org, world):
    client.force_login(org.lawyer)
    assert listed(client, "mine") == ids(
        world, "mine_overdue", "mine_soon", "mine_later", "secret_overdue"
    )


def test_next_14_days_for_a_lawyer(client, org, world):
    client.force_login(org.lawyer)
    assert listed(client, "upcoming") == ids(world, "mine_soon")


def test_a_lawyer_sees_only_their_own_overdue_items(client, org, world):
    client.force_login(org.other_lawyer)
    assert listed(client, "overdue") == ids(world, "uralsk_overdue")


def test_a_supervisor_sees_everyones_overdue_items_but_not_secret_cases(client, org, world):
    client.force_login(org.supervisor)
    assert listed(client, "overdue") == ids(world, "mine_overdue", "uralsk_overdue")


def test_a_branch_head_sees_the_branch_overdue_items(client, org, world):
    client.force_login(org.other_branch_head)
    assert listed(client, "overdue") == ids(world, "uralsk_overdue")
    assert listed(client, "branch") == ids(world, "uralsk_overdue")


def test_my_branch_lists_only_cases_i_may_open(client, org, world):
    client.force_login(org.lawyer)
    assert listed(client, "branch") == ids(
        world, "mine_overdue", "mine_soon", "mine_later", "secret_overdue"
    )
    client.force_login(org.analyst)
    assert listed(client, "branch") == set()


def test_done_deadlines_leave_the_lists(client, org, world):
    services.deadline_complete(deadline=world["mine_soon"], by=org.lawyer)
    client.force_login(org.lawyer)
    assert world["mine_soon"].pk not in listed(client, "mine")


def test_list_query_count_does_not_grow_with_rows(
    client, org, world, django_assert_max_num_queries
):
    client.force_login(org.supervisor)
    for n in range(20):
        services.deadline_add_manual(
            case=world["mine_soon"].case, by=org.lawyer, title=f"Extra {n}", due_date=days(-n - 1)
        )
    with django_assert_max_num_queries(15):
        response = client.get(reverse("deadlines:overdue"))
    assert len(response.context["rows"]) == 22


def test_another_branchs_deadline_is_not_found(client, org, world):
    client.force_login(org.lawyer)
    url = reverse("deadlines:detail", kwargs={"pk": world["uralsk_overdue"].pk})
    assert client.get(url).status_code == 404


def test_a_secret_case_deadline_is_not_found_for_a_supervisor(client, org, world):
    client.force_login(org.supervisor)
    url = reverse("deadlines:detail", kwargs={"pk": world["secret_overdue"].pk})
    assert client.get(url).status_code == 404


def test_another_case_deadline_page_is_not_found(client, org, world):
    client.force_login(org.lawyer)
    reference = world["uralsk_overdue"].case.reference
    assert client.get(reverse("cases:deadlines", args=[reference])).status_code == 404


def test_a_hand_written_title_is_hidden_without_identity_permission(client, org, world):
    client.force_login(org.supervisor)  # sees the case, no "view identity" grant
    page = client.get(reverse("deadlines:overdue")).content.decode()
    assert "Mine overdue" not in page
    assert "Deadline set by hand" in page
    assert world["mine_overdue"].case.reference in page


def test_a_hand_written_title_shows_with_identity_permission(client, org, world):
    grant_case_access(
        case=world["mine_overdue"].case,
        user=org.supervisor,
        perms=["view_case_identity"],
        by=org.lawyer,
    )
    client.force_login(org.supervisor)
    assert "Mine overdue" in client.get(reverse("deadlines:overdue")).content.decode()


def test_the_detail_page_shows_the_explanation_and_history(client, org, case):
    from deadlines.models import Trigger

    [deadline] = services.sync_for_event(
        case=case,
        trigger=Trigger.DOMESTIC_EXHAUSTION,
        event_date=dt.date(2024, 2, 29),
        source_key="exhaustion",
        by=org.lawyer,
    )
    client.force_login(org.lawyer)
    page = client.get(deadline.get_absolute_url()).content.decode()
    assert "5 years → 2029-02-28 (Wednesday)" in page
    assert "Deadline created" in page


def test_a_lawyer_adds_a_deadline_from_the_case_page(client, org, case):
    client.force_login(org.lawyer)
    url = reverse("cases:deadlines", args=[case.reference])
    response = client.post(url, {"title": "Comments due", "due_date": "2026-06-01"})
    assert response.status_code == 302
    deadline = Deadline.objects.get()
    assert deadline.title == "Comments due"
    assert deadline.assignee == org.lawyer


def test_a_bad_date_is_a_form_error_not_a_crash(client, org, case):
    client.force_login(org.lawyer)
    url = reverse("cases:deadlines", args=[case.reference])
    response = client.post(url, {"title": "Comments due", "due_date": "2026-02-31"})
    assert response.status_code == 200
    assert response.context["form"].errors["due_date"]
    assert not Deadline.objects.exists()


def test_a_viewer_who_may_not_change_cannot_add(client, org, case):
    client.force_login(org.supervisor)
    url = reverse("cases:deadlines", args=[case.reference])
    assert client.post(url, {"title": "X", "due_date": "2026-06-01"}).status_code == 404
    assert not Deadline.objects.exists()


def test_marking_as_met_from_the_page(client, org, world):
    client.force_login(org.lawyer)
    deadline = world["mine_soon"]
    response = client.post(reverse("deadlines:complete", kwargs={"pk": deadline.pk}))
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.DONE


def test_a_supervisor_without_change_permission_cannot_mark_as_met(client, org, world):
    client.force_login(org.supervisor)
    deadline = world["mine_soon"]
    client.post(reverse("deadlines:complete", kwargs={"pk": deadline.pk}))
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OPEN


def test_cancelling_from_the_page_needs_a_reason(client, org, world):
    client.force_login(org.lawyer)
    deadline = world["mine_soon"]
    url = reverse("deadlines:cancel", kwargs={"pk": deadline.pk})
    client.post(url, {"reason": ""})
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OPEN
    client.post(url, {"reason": "Settled"})
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.CANCELLED


def test_the_lists_need_a_login(client, db):
    response = client.get(reverse("deadlines:mine"))
    assert response.status_code == 302


def test_the_badge_shows_overdue_items(org, world):
    html = Template("{% load deadlines %}{% deadline_badge case %}").render(
        Context({"case": world["mine_soon"].case})
    )
    assert "1 deadline overdue" in html
    assert reverse("cases:deadlines", args=[world["mine_soon"].case.reference]) in html


def test_the_badge_shows_the_next_deadline(org, case):
    services.deadline_add_manual(case=case, by=org.lawyer, title="Secret words", due_date=days(3))
    html = Template("{% load deadlines %}{% deadline_badge case %}").render(Context({"case": case}))
    assert "Deadline set by hand in 3 days" in html
    assert "Secret words" not in html


def test_the_badge_is_empty_without_open_deadlines(case):
    html = Template("{% load deadlines %}{% deadline_badge case %}").render(Context({"case": case}))
    assert html.strip() == ""


def test_the_case_page_has_a_deadlines_tab_and_badge(client, org, world):
    client.force_login(org.lawyer)
    case = world["mine_soon"].case
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("cases:deadlines", args=[case.reference]) in page
    assert "1 deadline overdue" in page


@pytest.mark.parametrize(
    "model", ["deadlinerule", "deadline", "calendarday", "reminderlog", "calendarfeedtoken"]
)
def test_admin_pages_open(client, org, model):
    from tests.conftest import make_user

    admin = make_user("root", role=None, branch=org.almaty, is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse(f"admin:deadlines_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:deadlines_{model}_add")).status_code in (200, 403)


def test_an_administrator_edits_a_rule_in_the_admin(client, org):
    from deadlines.models import DeadlineRule
    from tests.conftest import make_user

    admin = make_user("root", role=None, branch=org.almaty, is_staff=True, is_superuser=True)
    client.force_login(admin)
    rule = DeadlineRule.objects.get(code="kz-criminal-appeal")
    url = reverse("admin:deadlines_deadlinerule_change", args=[rule.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    # Verified needs the article and a source that no longer says "unverified" (issue #11).
    data.update(
        {
            "verified": "on",
            "is_active": "on",
            "period_amount": "20",
            "article": "CPC art. 415(1)",
            "legal_source": "Criminal Procedure Code (2014), art. 415(1): twenty days.",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    rule.refresh_from_db()
    assert rule.verified and rule.period_amount == 20
    assert rule.history.latest().history_user == admin


def test_the_admin_refuses_verified_without_an_article(client, org):
    from deadlines.models import DeadlineRule
    from tests.conftest import make_user

    admin = make_user("root", role=None, branch=org.almaty, is_staff=True, is_superuser=True)
    client.force_login(admin)
    rule = DeadlineRule.objects.get(code="kz-criminal-appeal")
    url = reverse("admin:deadlines_deadlinerule_change", args=[rule.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    data.update({"verified": "on", "is_active": "on", "article": ""})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A verified rule names its article" in response.content.decode()
    rule.refresh_from_db()
    assert not rule.verified


def test_the_case_tab_query_count_does_not_grow_with_rows(
    client, org, case, django_assert_max_num_queries
):
    for n in range(15):
        services.deadline_add_manual(case=case, by=org.lawyer, title=f"D{n}", due_date=days(n))
    client.force_login(org.lawyer)
    with django_assert_max_num_queries(30):  # ~23: the case header, tabs and panels
        response = client.get(reverse("cases:deadlines", args=[case.reference]))
    assert len(response.context["rows"]) == 15


def test_completing_needs_a_post(client, org, world):
    client.force_login(org.lawyer)
    url = reverse("deadlines:complete", kwargs={"pk": world["mine_soon"].pk})
    assert client.get(url).status_code == 405


def test_an_unknown_calendar_action_is_a_message_not_a_crash(client, org):
    client.force_login(org.lawyer)
    response = client.post(reverse("deadlines:calendar"), {"action": "explode"}, follow=True)
    assert response.status_code == 200
    assert "Unknown action." in response.content.decode()
    assert not CalendarFeedToken.objects.exists()


def test_an_unknown_list_is_not_found(client, org):
    client.force_login(org.lawyer)
    assert client.get("/deadlines/nonsense/").status_code == 404


def test_notes_show_only_to_identity_holders(client, org, case):
    deadline = services.deadline_add_manual(
        case=case, by=org.lawyer, title="Call", due_date=days(3), notes="Ask Aigul Ivanova"
    )
    client.force_login(org.lawyer)
    assert "Ask Aigul Ivanova" in client.get(deadline.get_absolute_url()).content.decode()
    client.force_login(org.supervisor)
    page = client.get(deadline.get_absolute_url()).content.decode()
    assert "Ivanova" not in page
    assert "hidden" in page
