"""No lost updates: concurrent edits and grants on PostgreSQL, each thread its own connection.

(Two people completing one workflow task at once: tests/workflows/test_concurrency.py.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from casework import services
from casework.models import Case, CaseUserObjectPermission
from casework.selectors import CHANGE, VIEW, VIEW_IDENTITY

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_at_once(*actions: Callable[[], object]) -> list[tuple[str, object]]:
    """Run the actions in parallel threads, released together; ('ok'|'error', value) each."""
    barrier = threading.Barrier(len(actions))
    results: list[tuple[str, object]] = [("missing", None)] * len(actions)

    def worker(index: int, action: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", action())
        except Exception as exc:  # noqa: BLE001  (the loser's exception is the result)
            results[index] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_users_saving_one_case_exactly_one_wins(case, org):
    services.grant_case_access(case=case, user=org.supervisor, perms=[CHANGE], by=org.lawyer)
    version = case.version

    def edit(user, title):
        return lambda: services.case_update(
            case=Case.objects.get(pk=case.pk),
            by=user,
            data={"title": title},
            expected_version=version,
            reason="edit",
        )

    results = run_at_once(edit(org.lawyer, "Lawyer's title"), edit(org.supervisor, "Boss title"))

    winners = [value for status, value in results if status == "ok"]
    losers = [value for status, value in results if status == "error"]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], services.StaleObjectError)
    assert "changed by someone else" in " ".join(losers[0].messages)
    case.refresh_from_db()
    assert case.title == winners[0].title
    assert case.version == version + 1
    assert case.history.filter(history_change_reason="edit").count() == 1


def test_many_concurrent_edits_of_one_case_lose_nothing_silently(case, org):
    version = case.version
    titles = [f"Title {i}" for i in range(4)]
    results = run_at_once(
        *[
            (
                lambda t=t: services.case_update(
                    case=Case.objects.get(pk=case.pk),
                    by=org.lawyer,
                    data={"title": t},
                    expected_version=version,
                )
            )
            for t in titles
        ]
    )
    assert [status for status, _ in results].count("ok") == 1, results
    case.refresh_from_db()
    assert case.version == version + 1


def test_granting_the_same_permission_at_once_leaves_one_grant(case, org):
    def grant():
        return services.grant_case_access(
            case=Case.objects.get(pk=case.pk),
            user=org.other_lawyer,
            perms=[VIEW],
            by=org.lawyer,
            reason="second opinion",
        )

    results = run_at_once(grant, grant, grant)
    assert all(status == "ok" for status, _ in results), results
    rows = CaseUserObjectPermission.objects.filter(
        user=org.other_lawyer, content_object=case, permission__codename=VIEW
    )
    assert rows.count() == 1


def test_concurrent_grants_to_different_people_are_all_kept(case, org):
    people = [org.other_lawyer, org.supervisor, org.analyst]

    def grant(user):
        return lambda: services.grant_case_access(
            case=Case.objects.get(pk=case.pk),
            user=user,
            perms=[VIEW_IDENTITY],
            by=org.lawyer,
            reason="team",
        )

    results = run_at_once(*[grant(user) for user in people])
    assert all(status == "ok" for status, _ in results), results
    for user in people:
        assert CaseUserObjectPermission.objects.filter(
            user=user, content_object=case, permission__codename=VIEW_IDENTITY
        ).exists(), user


def test_grant_and_revoke_at_once_end_in_one_consistent_state(case, org):
    services.grant_case_access(case=case, user=org.other_lawyer, perms=[VIEW], by=org.lawyer)

    def revoke():
        return services.revoke_case_access(
            case=Case.objects.get(pk=case.pk), user=org.other_lawyer, by=org.lawyer
        )

    def grant_more():
        return services.grant_case_access(
            case=Case.objects.get(pk=case.pk),
            user=org.other_lawyer,
            perms=[CHANGE],
            by=org.lawyer,
        )

    results = run_at_once(revoke, grant_more)
    assert all(status == "ok" for status, _ in results), results
    codenames = set(
        CaseUserObjectPermission.objects.filter(
            user=org.other_lawyer, content_object=case
        ).values_list("permission__codename", flat=True)
    )
    # Serialised by the case row lock: either revoke ran last (nothing) or grant did (view+change).
    assert codenames in ({VIEW, CHANGE}, set()), codenames
