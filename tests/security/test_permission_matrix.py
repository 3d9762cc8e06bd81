"""Every URL of Remedy × every role × (own case / other branch's case / restricted case).

The URL list comes from the URL configuration itself (`iter_url_names`), so a new page cannot
slip past: `test_every_url_has_an_expectation` fails until EXPECTATIONS says who may open it.
Then, for every URL and every scenario, the status must be exactly the expected one, and no
response may leak a case the user cannot see (title, reference, victim) or the identity of a
victim without the case's "view identity" permission.

Who may do what on a case is written out below (EXPECTED_CASE_PERMS) from the rules in
casework.selectors' docstring, not computed by the selector under test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from casework.selectors import CHANGE, MANAGE_TEAM, VIEW, VIEW_IDENTITY

from .matrix_world import World, build_world, iter_url_names

ALL = frozenset({VIEW, CHANGE, MANAGE_TEAM, VIEW_IDENTITY})
NONE: frozenset[str] = frozenset()

# (scenario name, org attribute or None for anonymous, target case)
SCENARIOS = [
    ("lawyer on own case", "lawyer", "own"),
    ("lawyer of another branch", "other_lawyer", "own"),
    ("supervisor", "supervisor", "own"),
    ("branch head of the case's branch", "branch_head", "own"),
    ("branch head of another branch", "other_branch_head", "own"),
    ("administrator", "administrator", "own"),
    ("analyst", "analyst", "own"),
    ("supervisor, restricted case without grant", "supervisor", "restricted"),
    ("administrator, restricted case without grant", "administrator", "restricted"),
    ("branch head, restricted case without grant", "branch_head", "restricted"),
    ("lawyer on own restricted case", "lawyer", "restricted"),
    ("anonymous", None, "own"),
]

# What each user holds on each case of the world: the rules, written out.
EXPECTED_CASE_PERMS: dict[tuple[str, str], frozenset[str]] = {
    ("lawyer", "own"): ALL,  # opened it: the creator's full grant
    ("other_lawyer", "own"): NONE,  # another branch, no grant
    ("supervisor", "own"): frozenset({VIEW, MANAGE_TEAM}),  # oversees normal cases, staffs them
    ("branch_head", "own"): frozenset({VIEW}),  # normal cases of their branch
    ("other_branch_head", "own"): NONE,
    ("administrator", "own"): frozenset({VIEW}),  # oversees normal cases
    ("analyst", "own"): NONE,  # statistics only
    ("lawyer", "restricted"): ALL,
    # Restricted and secret cases open only by explicit grant, whatever the role.
    ("supervisor", "restricted"): NONE,
    ("administrator", "restricted"): NONE,
    ("branch_head", "restricted"): NONE,
    ("other_lawyer", "restricted"): NONE,
    ("other_branch_head", "restricted"): NONE,
    ("analyst", "restricted"): NONE,
}

ROLE_OF = {
    "lawyer": "lawyer",
    "other_lawyer": "lawyer",
    "supervisor": "supervisor",
    "branch_head": "branch_head",
    "other_branch_head": "branch_head",
    "administrator": "administrator",
    "analyst": "analyst",
}

LOGIN = "login"  # expected: a redirect to the login page


@dataclass(frozen=True)
class Scenario:
    name: str
    user: str | None
    target: str

    @property
    def perms(self) -> frozenset[str]:
        return EXPECTED_CASE_PERMS.get((self.user, self.target), NONE) if self.user else NONE

    @property
    def role(self) -> str | None:
        return ROLE_OF.get(self.user) if self.user else None


@dataclass(frozen=True)
class Expect:
    """Who may open a URL and what they get.

    allowed(scenario) decides; allowed users get `ok`, others `denied`; anonymous visitors get
    `anonymous`. `obj` names the world object whose pk fills `<int:pk>`. `post`: the URL only
    accepts POST; GET answers 405 to everyone signed in, and an empty POST is checked instead.
    """

    allowed: Callable[[Scenario], bool]
    ok: int | frozenset[int] = 200
    denied: int = 404
    anonymous: int | str = LOGIN
    obj: str | None = None
    post: bool = False
    post_ok: frozenset[int] = frozenset({200, 302})
    note: str = ""
    reads_case: bool = True  # False: `obj` is not an object of a case (offices, contacts, ...)


def on_case(perm: str, **kwargs) -> Expect:
    return Expect(lambda s: perm in s.perms, **kwargs)


def on_case_with_role(perm: str, roles: set[str], **kwargs) -> Expect:
    return Expect(lambda s: perm in s.perms and s.role in roles, **kwargs)


def staff(**kwargs) -> Expect:
    return Expect(lambda s: s.user is not None, **kwargs)


def roles(*names: str, **kwargs) -> Expect:
    return Expect(lambda s: s.role in names, **kwargs)


def public(ok: int = 200, **kwargs) -> Expect:
    return Expect(lambda s: True, ok=ok, anonymous=ok, **kwargs)


# The world's office is Almaty: its staff read its directory; Uralsk's staff do not.
ALMATY_STAFF = {"lawyer", "supervisor", "branch_head", "administrator", "analyst"}


def of_office(**kwargs) -> Expect:
    return Expect(lambda s: s.user in ALMATY_STAFF, reads_case=False, **kwargs)


def office_editor(**kwargs) -> Expect:
    """Administrators, and the head of the office itself."""
    return Expect(lambda s: s.user in {"administrator", "branch_head"}, reads_case=False, **kwargs)


def incident_reader(**kwargs) -> Expect:
    """Administrators, supervisors and the head of the incident's office (Almaty)."""
    return Expect(
        lambda s: s.user in {"administrator", "supervisor", "branch_head"},
        reads_case=False,
        **kwargs,
    )


BAD_FORM = frozenset({200, 302, 400})

WORKFLOW_TASK_VIEWS = ("execute", "index", "detail", "assign", "unassign")

EXPECTATIONS: dict[str, Expect] = {
    # --- accounts and two-factor login -------------------------------------------------------
    "home": roles(
        "supervisor",
        "branch_head",
        denied=302,
        note="their dashboard; analysts go on to the statistics, everyone else to the case list",
    ),
    "login": public(),
    "logout": staff(ok=405, anonymous=405, note="POST only"),
    "set_language": public(ok=302),
    "two_factor:login": public(ok=302, note="redirects to the one login page"),
    "two_factor:setup": staff(ok=302, note="already enrolled: goes to setup_complete"),
    "two_factor:qr": staff(ok=404, note="only during enrolment (secret in the session)"),
    "two_factor:setup_complete": staff(),
    "two_factor:backup_tokens": staff(),
    "two_factor:profile": staff(),
    "two_factor:disable": staff(anonymous=302, note="anonymous: sent on to / (then login)"),
    # --- security (administrators only) ------------------------------------------------------
    "security:access_log": roles("administrator"),
    "security:lockdown": roles("administrator"),
    # Own sessions: every member of staff; anyone's sessions: administrators.
    "security:sessions": staff(),
    "security:session_end": staff(ok=405, post=True, note="POST only; empty POST: redirect"),
    "security:user_sessions": roles("administrator"),
    "security:user_session_end": roles("administrator", ok=405, post=True),
    "security:passkeys": staff(),
    "security:passkey_add": staff(),
    "security:passkey_delete": staff(ok=405, post=True, note="an unknown passkey: redirect"),
    "two_factor:two_factor_webauthn:create_credential": staff(
        ok=404, note="only during a passkey ceremony (options in the session)"
    ),
    "two_factor:two_factor_webauthn:get_credential": public(
        ok=404, note="only during a WebAuthn login"
    ),
    # --- contingency (issue 18): emergency contacts, incidents, duress password ------------
    "security:contacts": staff(),
    "security:contacts_organisation": staff(),
    "security:contacts_organisation_history": staff(),
    "security:contact_add_organisation": roles("administrator"),
    "security:contacts_office": of_office(obj="office"),
    "security:contacts_office_history": of_office(obj="office"),
    "security:contacts_card": of_office(obj="office", note="PDF built from the directory"),
    "security:contact_add_office": office_editor(obj="office"),
    "security:contact_edit": office_editor(obj="contact"),
    "security:contact_delete": office_editor(obj="contact"),
    "security:contact_checked": office_editor(
        obj="contact", ok=405, denied=405, post=True, note="POST only"
    ),
    # Any member of staff reports an incident and lists what they reported; the register's
    # readers (incident_reader) see the rest. The world's incidents were reported by others.
    "security:incidents": staff(),
    "security:incident_create": staff(),
    "security:incident_detail": incident_reader(obj="incident"),
    "security:incident_edit": incident_reader(obj="incident"),
    "security:incident_step": incident_reader(
        obj="incident_step", ok=405, denied=405, post=True, note="POST only"
    ),
    "security:duress": staff(),
    # --- staff administration (issue 17): administrators only; 404 for everyone else -----------
    "staff:list": roles("administrator", reads_case=False),
    "staff:onboard": roles("administrator", reads_case=False),
    "staff:detail": roles("administrator", reads_case=False),
    # An empty POST is an invalid form: the page again with the errors, nothing changed.
    "staff:change": roles("administrator", ok=405, post=True, reads_case=False),
    "staff:deactivate": roles("administrator", ok=405, post=True, reads_case=False),
    "staff:reactivate": roles("administrator", ok=405, post=True, reads_case=False),
    "staff:reset_factor": roles("administrator", ok=405, post=True, reads_case=False),
    "staff:unlock": roles("administrator", ok=405, post=True, reads_case=False),
    # --- one's own account -----------------------------------------------------------------------
    "account:home": staff(),
    "account:password": staff(),
    "account:language": staff(ok=405, post=True, note="an empty POST: redirect with a message"),
    "account:welcome": public(note="one-time link; a bad token shows 'used or expired'"),
    # --- notifications (issue 17): one's own only ------------------------------------------------
    "notifications:centre": staff(),
    "notifications:read": staff(ok=405, post=True, note="an empty POST marks all read"),
    "notifications:preferences": staff(),
    # --- monitoring: no secrets; 503 here because no worker has beaten in the test world ---------
    "health": public(ok=503, reads_case=False),
    # --- cases ---------------------------------------------------------------------------------
    "cases:list": staff(),
    "cases:create": Expect(
        lambda s: s.role != "analyst",
        ok=302,
        denied=403,
        note="role permission (add case); redirects to intake",
    ),
    "cases:detail": on_case(VIEW),
    "cases:edit": on_case(CHANGE),
    "cases:history": on_case(VIEW),
    "cases:team": on_case(VIEW),
    "cases:team_revoke": on_case(MANAGE_TEAM, ok=405, denied=405, post=True),
    "cases:parties": on_case(VIEW),
    "cases:party_add": on_case(CHANGE),
    "cases:party_edit": on_case(CHANGE, obj="party"),
    "cases:party_delete": on_case(CHANGE, obj="party"),
    "cases:violations": on_case(VIEW),
    "cases:violation_add": on_case(CHANGE),
    "cases:violation_edit": on_case(CHANGE, obj="violation"),
    "cases:violation_delete": on_case(CHANGE, obj="violation"),
    "cases:proceedings": on_case(VIEW),
    "cases:proceeding_add": on_case(CHANGE),
    "cases:proceeding_edit": on_case(CHANGE, obj="proceeding"),
    "cases:proceeding_delete": on_case(CHANGE, obj="proceeding"),
    "cases:documents": on_case(VIEW),
    "cases:document_upload": on_case(CHANGE),
    "cases:document_edit": on_case(CHANGE, obj="document"),
    "cases:document_delete": on_case(CHANGE, obj="document"),
    "cases:document_download": on_case(VIEW, obj="document"),
    "cases:authorisations": on_case(VIEW),
    "cases:authorisation_add": on_case(CHANGE),
    "cases:authorisation_edit": on_case(CHANGE, obj="authorisation"),
    "cases:authorisation_withdraw": on_case(CHANGE, obj="authorisation"),
    "cases:authorisation_delete": on_case(CHANGE, obj="authorisation"),
    "cases:activities": on_case(VIEW),
    "cases:activity_add": on_case(CHANGE),
    "cases:activity_edit": on_case(CHANGE, obj="activity"),
    "cases:activity_delete": on_case(CHANGE, obj="activity"),
    # --- communications to the Committee --------------------------------------------------------
    "cases:communication": on_case(VIEW),
    # An empty POST is a bad request (400) to those allowed; the forms are tested elsewhere.
    "cases:communication_edit": on_case(CHANGE, ok=405, denied=405, post=True, post_ok=BAD_FORM),
    "cases:package_build": on_case(VIEW_IDENTITY, ok=405, denied=405, post=True, post_ok=BAD_FORM),
    "cases:appeal_build": on_case(VIEW_IDENTITY, ok=405, denied=405, post=True, post_ok=BAD_FORM),
    "cases:event_add": on_case(CHANGE, ok=405, denied=405, post=True, post_ok=BAD_FORM),
    "cases:event_delete": on_case(CHANGE, ok=405, denied=405, post=True, obj="event"),
    "cases:procedure_add": on_case(CHANGE, ok=405, denied=405, post=True, post_ok=BAD_FORM),
    "cases:procedure_delete": on_case(CHANGE, ok=405, denied=405, post=True, obj="procedure"),
    "cases:filing_download": on_case(VIEW_IDENTITY, obj="filing", note="filings name the author"),
    # --- follow-up of Views and the recommendations register (issue 16) --------------------
    "cases:follow_up": on_case(VIEW),
    "cases:follow_up_record": on_case(CHANGE),
    "cases:follow_up_remedy_edit": on_case(CHANGE, obj="remedy"),
    # The register is organisation knowledge: staff read, analysts and supervisors edit (403).
    "monitoring:register": staff(),
    "monitoring:dashboard": staff(),
    "monitoring:report": staff(note="GET without parameters: the form"),
    "monitoring:recommendation_add": roles("analyst", "supervisor", denied=403),
    "monitoring:import": roles("analyst", "supervisor", denied=403),
    "monitoring:recommendation_edit": roles(
        "analyst", "supervisor", denied=403, obj="recommendation", reads_case=False
    ),
    # A Views' remedy is case data: hidden like its case (404).
    "monitoring:recommendation": on_case(VIEW, obj="remedy"),
    "monitoring:assessment_add": on_case(CHANGE, obj="remedy"),
    "monitoring:recommendation_links": roles(
        "analyst",
        "supervisor",
        obj="recommendation",
        ok=405,
        denied=405,
        post=True,
        reads_case=False,
        note="POST only",
    ),
    "cases:filing_preview": on_case(
        VIEW_IDENTITY,
        obj="filing",
        ok=404,
        note="filings name the author; the matrix's filing is no package, so no page to show "
        "(tests/communications/test_preview.py renders real ones)",
    ),
    "cases:export": staff(
        ok=302,
        note="without ?format= back to the list; exports are tested "
        "in tests/casework/test_list_exports.py",
    ),
    "communications:register": staff(),
    "communications:register_export": staff(ok=302, note="without ?format= back to the register"),
    "deadlines:export": staff(ok=302, note="without ?format= back to the list"),
    # Urgent interim measures (rule 94): a supervisor who staffs the case opens a request; the
    # request document names the victim, so building it needs the identity permission.
    "cases:interim_open": on_case_with_role(MANAGE_TEAM, {"supervisor"}),
    "cases:interim_document_build": on_case(
        VIEW_IDENTITY, ok=405, denied=405, post=True, post_ok=BAD_FORM, obj="interim_request"
    ),
    # --- publication (issue 15): a case's publication pages; the public site ------------------
    "cases:publication": on_case(VIEW),
    "cases:publication_start": on_case(CHANGE, ok=405, denied=405, post=True),
    "cases:publication_edit": on_case(CHANGE),
    "cases:publication_route_add": on_case(CHANGE),
    "cases:publication_route_edit": on_case(CHANGE, obj="publication_route"),
    "cases:publication_route_delete": on_case(
        CHANGE, ok=405, denied=405, post=True, obj="publication_route_spare"
    ),
    "cases:publication_document_add": on_case(CHANGE),
    "cases:publication_document_edit": on_case(CHANGE, obj="publication_document"),
    "cases:publication_document_delete": on_case(
        CHANGE, ok=405, denied=405, post=True, obj="publication_document_spare"
    ),
    # Seeing the case is enough to run the check or to ask to approve; the service then decides
    # (only a supervisor who did not prepare it approves; only an administrator, restricted).
    "cases:publication_check": on_case(VIEW, ok=405, denied=405, post=True),
    "cases:publication_approve": on_case(VIEW, ok=405, denied=405, post=True),
    "cases:publication_admin_approve": on_case(VIEW, ok=405, denied=405, post=True),
    "cases:publication_publish": on_case(CHANGE, ok=405, denied=405, post=True),
    "cases:publication_unpublish": on_case(CHANGE, ok=405, denied=405, post=True),
    "public:root": public(note="the public precedent database: no login, snapshots only"),
    "public:page": public(note="any page of the public site (tests/publication/test_public_site)"),
    # --- deadlines ---------------------------------------------------------------------------
    "deadlines:mine": staff(),
    "deadlines:branch": staff(),
    "deadlines:overdue": staff(),
    "deadlines:upcoming": staff(),
    "deadlines:calendar": staff(),
    "cases:deadlines": on_case(VIEW),
    "deadlines:detail": on_case(VIEW, obj="deadline"),
    "deadlines:complete": on_case(CHANGE, ok=405, denied=405, post=True, obj="deadline"),
    "deadlines:cancel": on_case(CHANGE, ok=405, denied=405, post=True, obj="deadline"),
    "deadlines:feed": public(
        ok=404, note="token-authenticated; an unknown token is 404 (see test_calendar_feed_*)"
    ),
    # --- workflow ------------------------------------------------------------------------------
    "route:workflow/": staff(ok=302, anonymous=302, note="redirects to the inbox"),
    "workflows:inbox": staff(),
    "workflows:queue": staff(),
    "workflows:archive": staff(),
    "workflows:workload": roles("supervisor", "branch_head", note="a branch head: their branch"),
    "workflows:lawyer_tasks": roles("supervisor"),
    "workflows:task_reassign": Expect(
        lambda s: s.role == "supervisor" and VIEW in s.perms, obj="task"
    ),
    "cases:workflow_start": on_case_with_role(
        CHANGE, {"lawyer", "supervisor"}, ok=405, denied=405, post=True
    ),
    "cases:workflow_stop": Expect(
        lambda s: s.role in {"lawyer", "supervisor"} and VIEW in s.perms and s.user != "branch_head"
    ),
    "workflows:litigation:index": staff(ok=302, anonymous=302, note="redirects to the inbox"),
    "workflows:interimmeasures:index": staff(ok=302, anonymous=302, note="redirects to the inbox"),
    # --- statistics (issue 14): every member of staff; who sees which figures exactly is the
    # aggregation's business (tests/reporting). Without ?by= / ?format= the answer is a 400.
    "statistics:index": staff(),
    "statistics:api": staff(ok=400, note="no ?by=: a 400 naming the dimensions"),
    "statistics:export": staff(ok=400, note="no ?format=: a 400 naming the formats"),
    # --- addresses from before every case page lived under /cases/<reference>/ -------------------
    # A permanent redirect to the new address, which then decides; it names only the reference
    # that is already in the old address.
    "route:deadlines/case/<str:reference>/": public(ok=301),
    "route:communications/<str:reference>/": public(ok=301),
    "route:communications/<str:reference>/<path:rest>": public(ok=301),
    "route:workflow/cases/<str:reference>/<path:rest>": public(ok=301),
    # The old filing address has no reference: it redirects only those who may download it.
    "route:communications/filings/<int:pk>/download/": on_case(VIEW_IDENTITY, ok=301, obj="filing"),
    "workflows:litigation:intake:execute": roles(
        "lawyer", "supervisor", denied=302, note="others: back to the inbox with a message"
    ),
}

# The litigation flow's task pages: one family per node, the same views for every node.
FLOW_TASK_PATTERN = re.compile(
    r"^workflows:(?P<flow>litigation|interimmeasures):(?P<node>[a-z_]+):(?P<view>"
    + "|".join(WORKFLOW_TASK_VIEWS)
    + ")$"
)
# Admin site: every page needs is_staff (no Remedy role has it): a redirect to the admin login.
ADMIN_PATTERN = re.compile(r"^(admin:|route:admin/)")


# A task page opens to whoever may see the task's case: the page itself, or a redirect to the
# task's detail page when this user may not execute/assign it; 404 to everybody else.
FLOW_TASK_EXPECT = Expect(lambda s: VIEW in s.perms, ok=frozenset({200, 302}), obj="task")
# The interim-measures flow's task pages, opened with the world's interim task.
INTERIM_TASK_EXPECT = Expect(
    lambda s: VIEW in s.perms, ok=frozenset({200, 302}), obj="interim_task"
)
ADMIN_EXPECT = Expect(
    lambda s: False, denied=302, anonymous=302, note="no Remedy role is is_staff: admin login"
)


def expectation_for(name: str) -> Expect | None:
    if name in EXPECTATIONS:
        return EXPECTATIONS[name]
    if m := FLOW_TASK_PATTERN.match(name):
        return INTERIM_TASK_EXPECT if m.group("flow") == "interimmeasures" else FLOW_TASK_EXPECT
    if ADMIN_PATTERN.match(name):
        return ADMIN_EXPECT
    return None


def _all_url_names() -> list[tuple[str, str]]:
    return sorted(set(iter_url_names()))


def test_every_url_has_an_expectation():
    missing = [name for name, _route in _all_url_names() if expectation_for(name) is None]
    assert not missing, (
        "URLs without an entry in tests/security/test_permission_matrix.py EXPECTATIONS "
        f"(say who may open them): {missing}"
    )


def test_no_expectation_is_stale():
    names = {name for name, _route in _all_url_names()}
    stale = sorted(set(EXPECTATIONS) - names)
    assert not stale, f"EXPECTATIONS for URLs that no longer exist: {stale}"


# --- running the matrix ---------------------------------------------------------------------


def _kwargs(route: str, world: World, scenario: Scenario, expect: Expect) -> dict | None:
    target = world.targets[scenario.target]
    values = {}
    for arg in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if arg == "reference":
            values[arg] = target.case.reference
        elif arg == "pk":
            values[arg] = target.objects[expect.obj] if expect.obj else 1
        elif arg in {"task_pk", "process_pk"}:
            flow = "interim_" if expect.obj == "interim_task" else ""
            values[arg] = target.objects[flow + arg.removesuffix("_pk")]
        elif arg == "user_pk":
            values[arg] = world.org.lawyer.pk
        elif arg == "token":
            values[arg] = "not-a-real-token"
        elif arg == "object_id":
            values[arg] = "1"
        elif arg == "app_label":
            values[arg] = "casework"
        elif arg == "rest":
            values[arg] = "edit/"
        elif arg == "page":
            values[arg] = 1
        elif arg == "scope":
            values[arg] = "mine"
        elif arg == "uidb64":  # a welcome link: a real account, a token that is not valid
            values[arg] = urlsafe_base64_encode(force_bytes(world.org.lawyer.pk))
        elif arg == "path":  # the public site: its home page in English
            values[arg] = "en/index.html"
        else:
            return None
    return values


def _url(name: str, route: str, world: World, scenario: Scenario, expect: Expect) -> str | None:
    if re.search(r"\((?!\?P<)", route):  # positional regex groups (admin history views)
        return None
    kwargs = _kwargs(route, world, scenario, expect)
    if kwargs is None:
        return None
    if name.startswith("route:"):
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)
        return None if "(?P<" in path or "$" in path else path
    return reverse(name, kwargs=kwargs)


def _client(world: World, scenario: Scenario) -> Client:
    if scenario.user not in world.clients:
        client = Client()
        if scenario.user:
            client.force_login(getattr(world.org, scenario.user))
        world.clients[scenario.user] = client
    return world.clients[scenario.user]


def _leaks(body: str, world: World, scenario: Scenario, url: str) -> list[str]:
    """What `body` reveals that the scenario's user may not know.

    A case reference that is in the requested URL itself (echoed, e.g., by the language
    switcher's `next`) tells the user nothing new; any other trace of a case they cannot see is
    a leak.
    """
    problems = []
    for key, target in world.targets.items():
        perms = EXPECTED_CASE_PERMS.get((scenario.user, key), NONE) if scenario.user else NONE
        if VIEW not in perms:
            secrets = [target.case.title]
            if target.case.reference not in url:
                secrets.append(target.case.reference)
            for secret in secrets:
                if secret in body:
                    problems.append(f"shows {secret!r} of the {key} case it cannot see")
        if VIEW_IDENTITY not in perms and target.victim_name in body:
            problems.append(f"shows the {key} case's victim {target.victim_name!r}")
    return problems


def _fingerprint() -> tuple[int, ...]:
    """Row counts of every history table: any write through a service adds a history row."""
    return tuple(
        model._default_manager.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _expected_status(expect: Expect, scenario: Scenario) -> int | str | frozenset[int]:
    if scenario.user is None:
        return expect.anonymous
    return expect.ok if expect.allowed(scenario) else expect.denied


def _matches(response, expected) -> bool:
    if expected == LOGIN:
        return response.status_code == 302 and response["Location"].startswith(
            (reverse("login"), reverse("two_factor:login"))
        )
    if isinstance(expected, frozenset):
        return response.status_code in expected
    return response.status_code == expected


def check_url(name: str, route: str, world: World, scenarios=SCENARIOS) -> list[str]:
    expect = expectation_for(name)
    problems = []
    for scenario_args in scenarios:
        scenario = Scenario(*scenario_args)
        url = _url(name, route, world, scenario, expect)
        if url is None:
            continue
        client = _client(world, scenario)
        response = client.get(url)
        expected = _expected_status(expect, scenario)
        if not _matches(response, expected):
            problems.append(
                f"{name} GET as {scenario.name}: {response.status_code}, expected {expected}"
            )
        problems += [
            f"{name} GET as {scenario.name}: {p}"
            for p in _leaks(_body(response), world, scenario, url)
        ]
        if expect.post and scenario.user is not None:
            before = _fingerprint()
            response = client.post(url, {})
            allowed = expect.allowed(scenario)
            if allowed:
                expected_post = expect.post_ok
            elif VIEW in scenario.perms:
                # May see the case, may not do this: told so (redirect/403) or 404; no change.
                expected_post = frozenset({302, 403, 404})
            else:
                expected_post = frozenset({404})
            if response.status_code not in expected_post:
                problems.append(
                    f"{name} POST as {scenario.name}: {response.status_code}, expected "
                    f"{sorted(expected_post)}"
                )
            if not allowed and _fingerprint() != before:
                problems.append(f"{name} POST as {scenario.name}: changed data without the right")
            problems += [
                f"{name} POST as {scenario.name}: {p}"
                for p in _leaks(_body(response), world, scenario, url)
            ]
    return problems


MOVED = {
    "route:deadlines/case/<str:reference>/",
    "route:communications/<str:reference>/",
    "route:communications/<str:reference>/<path:rest>",
    "route:workflow/cases/<str:reference>/<path:rest>",
    "route:communications/filings/<int:pk>/download/",
}

GROUPS = {
    "accounts": lambda n: (
        n in {"home", "login", "logout", "set_language"} or n.startswith("two_factor:")
    ),
    "security": lambda n: n.startswith("security:"),
    "staff and account": lambda n: n.startswith(("staff:", "account:")),
    "notifications and health": lambda n: n.startswith("notifications:") or n == "health",
    "cases": lambda n: n.startswith("cases:"),
    "moved": lambda n: n in MOVED,
    "deadlines": lambda n: n.startswith("deadlines:"),
    "monitoring": lambda n: n.startswith("monitoring:"),
    "communications": lambda n: n.startswith("communications:"),
    "statistics": lambda n: n.startswith("statistics:"),
    "public site": lambda n: n.startswith("public:"),
    "workflow pages": lambda n: (
        (n.startswith("workflows:") or n == "route:workflow/") and not FLOW_TASK_PATTERN.match(n)
    ),
}


@pytest.fixture
def world(org) -> World:
    return build_world(org)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_every_url_answers_each_role_as_expected_without_leaks(group, world):
    urls = [(n, r) for n, r in _all_url_names() if GROUPS[group](n)]
    assert urls, f"no URLs in group {group}"
    problems = [p for name, route in urls for p in check_url(name, route, world)]
    assert not problems, "\n".join(problems)


def test_every_url_is_in_a_tested_group():
    grouped = [
        n
        for n, _r in _all_url_names()
        if not any(rule(n) for rule in GROUPS.values())
        and not FLOW_TASK_PATTERN.match(n)
        and not ADMIN_PATTERN.match(n)
    ]
    assert not grouped, f"URLs no matrix group runs: {grouped}"


FEW_SCENARIOS = [
    sc
    for sc in SCENARIOS
    if sc[0]
    in {
        "lawyer on own case",
        "lawyer of another branch",
        "supervisor, restricted case without grant",
    }
]


def test_flow_task_pages_of_the_open_node_answer_every_role_without_leaks(world):
    node = world.targets["own"].objects["task_node"]
    urls = [
        (n, r)
        for n, r in _all_url_names()
        if (m := FLOW_TASK_PATTERN.match(n))
        and m.group("flow") == "litigation"
        and m.group("node") == node
    ]
    assert len(urls) == len(WORKFLOW_TASK_VIEWS)
    problems = [p for name, route in urls for p in check_url(name, route, world)]
    assert not problems, "\n".join(problems)


def test_flow_task_pages_of_every_other_node_leak_nothing(world):
    node = world.targets["own"].objects["task_node"]
    urls = [
        (n, r)
        for n, r in _all_url_names()
        if (m := FLOW_TASK_PATTERN.match(n))
        and not (m.group("flow") == "litigation" and m.group("node") == node)
        and not (m.group("flow") == "interimmeasures" and m.group("node") == "send_request")
    ]
    problems = [p for name, route in urls for p in check_url(name, route, world, FEW_SCENARIOS)]
    assert not problems, "\n".join(problems)


def test_interim_measures_task_pages_of_the_open_step_answer_every_role_without_leaks(world):
    urls = [
        (n, r)
        for n, r in _all_url_names()
        if (m := FLOW_TASK_PATTERN.match(n))
        and m.group("flow") == "interimmeasures"
        and m.group("node") == "send_request"
    ]
    assert len(urls) == len(WORKFLOW_TASK_VIEWS)
    problems = [p for name, route in urls for p in check_url(name, route, world)]
    assert not problems, "\n".join(problems)


def test_admin_site_is_closed_to_every_remedy_role(world):
    # Every admin page sits behind the same admin_view check: the highest role is enough.
    scenarios = [sc for sc in SCENARIOS if sc[0] in {"administrator", "anonymous"}]
    urls = [(n, r) for n, r in _all_url_names() if ADMIN_PATTERN.match(n)]
    assert urls
    problems = [p for name, route in urls for p in check_url(name, route, world, scenarios)]
    assert not problems, "\n".join(problems)


# --- the matrix checks itself ----------------------------------------------------------------


def test_a_new_url_without_an_expectation_is_reported(settings):
    settings.ROOT_URLCONF = "tests.security.urls_with_new_page"
    missing = [name for name, _route in _all_url_names() if expectation_for(name) is None]
    assert missing == ["brand_new_page"]


def test_leak_check_flags_a_hidden_case_and_a_masked_victim(world):
    supervisor = Scenario("supervisor", "supervisor", "own")
    restricted = world.targets["restricted"]
    own = world.targets["own"]
    body = f"<li>{restricted.case.reference}</li><li>{own.victim_name}</li>"
    problems = _leaks(body, world, supervisor, url="/cases/")
    assert any(restricted.case.reference in p for p in problems)
    assert any(own.victim_name in p for p in problems)
    assert _leaks(f"<h1>{own.case.title}</h1>", world, supervisor, url="/cases/") == []


# --- reads of restricted cases are logged -----------------------------------------------------

# Pages that show a restricted case but do not append to the access log yet: reported to their
# owners (the deadline page shows the case title and deadline notes). The test fails when one of
# them starts logging, so the list only shrinks.
NOT_YET_LOGGED: set[str] = set()


def _is_case_read_page(name: str, route: str, expect: Expect) -> bool:
    """A GET page of one case that view permission alone opens (what a branch head may read)."""
    return (
        name in EXPECTATIONS
        and expect.reads_case
        and not expect.post
        and expect.ok == 200
        and ("<str:reference>" in route or expect.obj is not None)
        and expect.allowed(Scenario("", "branch_head", "own"))
    )


def test_every_read_of_a_restricted_case_is_in_the_access_log(world):
    from casework.models import AccessLog

    scenario = Scenario("lawyer on own restricted case", "lawyer", "restricted")
    client = _client(world, scenario)
    unlogged, logged_anyway, checked = [], [], []
    for name, route in _all_url_names():
        expect = expectation_for(name)
        if not _is_case_read_page(name, route, expect):
            continue
        url = _url(name, route, world, scenario, expect)
        before = AccessLog.objects.count()
        assert client.get(url).status_code == 200, name
        checked.append(name)
        logged = AccessLog.objects.count() > before
        if not logged and name not in NOT_YET_LOGGED:
            unlogged.append(name)
        if logged and name in NOT_YET_LOGGED:
            logged_anyway.append(name)
    assert len(checked) >= 10, checked
    assert not unlogged, f"reads of a restricted case missing from the access log: {unlogged}"
    assert not logged_anyway, f"now logged, remove from NOT_YET_LOGGED: {logged_anyway}"


@pytest.mark.parametrize("user", ["other_lawyer", "supervisor", "analyst", "branch_head"])
def test_calendar_feeds_leak_nothing(world, user):
    from deadlines.services import calendar_token_rotate

    token = calendar_token_rotate(user=getattr(world.org, user))
    url = reverse("deadlines:feed", kwargs={"token": token})
    response = Client().get(url)
    assert response.status_code == 200
    scenario = Scenario(f"{user}'s calendar feed", user, "own")
    assert _leaks(_body(response), world, scenario, url) == []
