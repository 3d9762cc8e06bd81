"""Grow the demo organisation to N cases for benchmarks: `manage.py bench_seed --cases 100000`.

Bulk inserts (a few minutes for 100,000 cases on PostgreSQL), shaped like the real caseload the
performance issue measured: cases across every branch and confidentiality level, a client and a
respondent authority on each, a domestic proceeding and an open deadline on most, the team's
object-permission grants (the responsible lawyer's full team grant, a colleague's view+change on
some), a creation row in the history of every record, and a litigation process with its tasks
(intake, screening and assignment done, one step open) for half the cases.

Every bench case is marked: its title starts with "[bench]" and its reference with the bench
prefix, so a benchmark database is never mistaken for a real caseload. Run it on a benchmark
database only; the demo is seeded first when it is missing.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils import timezone
from guardian.utils import get_user_obj_perms_model
from simple_history.utils import bulk_create_with_history
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from casework.models import (
    Branch,
    Case,
    CaseParty,
    Confidentiality,
    PartyRole,
    Person,
    Proceeding,
    Role,
    Stage,
    Theme,
    User,
)
from deadlines.models import Deadline
from workflows.flows import LitigationFlow
from workflows.models import CaseProcess

BENCH_PREFIX = "BENCH"
BATCH = 2000

FIRST_NAMES = [
    ("Асель", "Asel"),
    ("Ерлан", "Yerlan"),
    ("Қанат", "Qanat"),
    ("Гүлнар", "Gulnar"),
    ("Нұрлан", "Nurlan"),
    ("Айгерим", "Aigerim"),
    ("Жанар", "Zhanar"),
    ("Бауыржан", "Bauyrzhan"),
    ("Ольга", "Olga"),
    ("Сергей", "Sergey"),
    ("Әлия", "Aliya"),
    ("Дәурен", "Dauren"),
]
LAST_NAMES = [
    ("Қасымов", "Kassymov"),
    ("Жұмабаева", "Zhumabayeva"),
    ("Ахметов", "Akhmetov"),
    ("Серікбаева", "Serikbayeva"),
    ("Иванов", "Ivanov"),
    ("Оспанова", "Ospanova"),
    ("Төлеуов", "Toleuov"),
    ("Смагулов", "Smagulov"),
    ("Нұрпейісова", "Nurpeisova"),
    ("Бекова", "Bekova"),
]
TITLES = [
    "Detention of a journalist after a peaceful assembly",
    "Torture in pre-trial detention",
    "Conviction for a social-media post",
    "Refusal to register a public association",
    "Forced psychiatric treatment of an activist",
    "Dispersal of a picket and administrative arrest",
    "Denial of access to a lawyer",
    "Ban on leaving the country",
]
AUTHORITIES = [
    "Department of Internal Affairs",
    "Prosecutor's Office",
    "National Security Committee",
    "Akimat",
]
COURTS = ["Specialised interdistrict court", "District court No. 2", "Regional court"]
# The open step of a bench process, the stage its case is at, and whether a lawyer holds it.
OPEN_STEPS = [
    (LitigationFlow.screen, Stage.SCREENING, False),
    (LitigationFlow.assign, Stage.SCREENING, False),
    (LitigationFlow.file_proceeding, Stage.DOMESTIC, True),
    (LitigationFlow.record_decision, Stage.DOMESTIC, True),
    (LitigationFlow.draft_communication, Stage.DRAFTING, True),
    (LitigationFlow.approve_submission, Stage.DRAFTING, False),
]
OTHER_STAGES = [Stage.PRIMARY_AID, Stage.COMMITTEE, Stage.FOLLOW_UP, Stage.CLOSED, Stage.SUBMITTED]
LAWYER_TEAM = ("view_case", "change_case", "manage_case_team", "view_case_identity")
COLLEAGUE = ("view_case", "change_case")


class Command(BaseCommand):
    help = "Add N bench cases (bulk inserts) to the demo organisation, for benchmarks only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=1000, help="how many cases to add")
        parser.add_argument("--seed", type=int, default=13, help="random seed (repeatable runs)")

    def handle(self, *args, cases: int, seed: int, **options) -> None:
        started = time.monotonic()
        if not User.objects.filter(username="supervisor").exists():
            call_command("seed_demo", stdout=self.stdout)
        rng = random.Random(seed)  # noqa: S311 — repeatable bench data, not secrets
        self.org = _Organisation.load(rng, cases)
        first = Case.objects.filter(reference__startswith=BENCH_PREFIX).count()
        done = 0
        while done < cases:
            size = min(BATCH, cases - done)
            with transaction.atomic():
                self._batch(rng, first + done, size)
            done += size
            self.stdout.write(f"  {done}/{cases} cases ({time.monotonic() - started:.0f} s)")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"{cases} bench cases added in {time.monotonic() - started:.0f} s.")
        )

    def _batch(self, rng: random.Random, offset: int, size: int) -> None:
        org = self.org
        today = timezone.localdate()
        now = timezone.now()
        cases, plans = [], []
        for i in range(offset, offset + size):
            branch = rng.choice(org.branches)
            lawyer = rng.choice(org.lawyers[branch.pk])
            confidentiality = rng.choices(
                [Confidentiality.NORMAL, Confidentiality.RESTRICTED, Confidentiality.SECRET],
                weights=[80, 15, 5],
            )[0]
            with_process = i % 2 == 0
            step = rng.choice(OPEN_STEPS) if with_process else None
            stage = step[1] if step else rng.choice(OTHER_STAGES)
            opened_on = today - dt.timedelta(days=rng.randrange(0, 3650))
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            cases.append(
                Case(
                    reference=f"{BENCH_PREFIX}-{opened_on.year}-{i + 1:06d}",
                    title=f"[bench] {rng.choice(TITLES)}",
                    branch=branch,
                    # Where the violation took place: the branch's region, as a new case
                    # defaults to (the statistics count by it).
                    violation_region_id=branch.region_id,
                    theme=rng.choice(org.themes),
                    summary=f"{last[0]} {first[0]}: {rng.choice(TITLES).lower()}.",
                    confidentiality=confidentiality,
                    stage=stage,
                    responsible_lawyer=lawyer,
                    opened_on=opened_on,
                    closed_on=opened_on if stage == Stage.CLOSED else None,
                    closure_reason="settled" if stage == Stage.CLOSED else "",
                    created_by=lawyer,
                )
            )
            colleague = rng.choice(org.lawyers[branch.pk]) if rng.random() < 0.4 else None
            plans.append((lawyer, colleague, step, first, last))
        history = {"default_user": org.supervisor, "default_change_reason": "bench_seed"}
        cases = bulk_create_with_history(cases, Case, batch_size=BATCH, **history)

        people = [
            Person(
                full_name=f"{last[0]} {first[0]}",
                full_name_latin=f"{last[1]} {first[1]}",
            )
            for (_lawyer, _colleague, _step, first, last) in plans
        ]
        people = bulk_create_with_history(people, Person, batch_size=BATCH, **history)
        parties, proceedings, deadlines, grants = [], [], [], []
        for case, person, (lawyer, colleague, _step, _first, _last) in zip(
            cases, people, plans, strict=True
        ):
            parties.append(CaseParty(case=case, role=PartyRole.CLIENT, person=person))
            parties.append(
                CaseParty(
                    case=case, role=PartyRole.RESPONDENT, authority_name=rng.choice(AUTHORITIES)
                )
            )
            if rng.random() < 0.7:
                proceedings.append(
                    Proceeding(
                        case=case,
                        level="first_instance",
                        body=rng.choice(COURTS),
                        court_case_number=f"{rng.randrange(1000, 9999)}-{case.opened_on.year}",
                        filed_on=case.opened_on,
                    )
                )
            if case.stage != Stage.CLOSED:
                deadlines.append(
                    Deadline(
                        case=case,
                        title="[bench] file the next step",
                        due_date=today + dt.timedelta(days=rng.randrange(-60, 180)),
                        assignee=lawyer,
                        created_by=lawyer,
                    )
                )
            grants += [org.grant(lawyer, perm, case) for perm in LAWYER_TEAM]
            if colleague and colleague != lawyer:
                grants += [org.grant(colleague, perm, case) for perm in COLLEAGUE]
        bulk_create_with_history(parties, CaseParty, batch_size=BATCH, **history)
        bulk_create_with_history(proceedings, Proceeding, batch_size=BATCH, **history)
        bulk_create_with_history(deadlines, Deadline, batch_size=BATCH, **history)
        bulk_create_with_history(grants, org.grant_model, batch_size=BATCH, **history)
        self._processes(rng, cases, plans, now)

    def _processes(self, rng: random.Random, cases, plans, now) -> None:
        """A litigation process per planned case: intake, screening, assignment done; one open."""
        org = self.org
        planned = [(case, plan) for case, plan in zip(cases, plans, strict=True) if plan[2]]
        processes = Process.objects.bulk_create(
            [
                Process(flow_class=LitigationFlow, status=PROCESS.NEW, created=now)
                for _case, _plan in planned
            ],
            batch_size=BATCH,
        )
        # CaseProcess extends Process (multi-table): Django cannot bulk-create it, so its own
        # columns go in with one INSERT per batch; the Process rows above are its parents.
        _insert_child_rows(
            CaseProcess,
            [
                CaseProcess(process_ptr_id=process.pk, case_id=case.pk, flow_class=LitigationFlow)
                for process, (case, _plan) in zip(processes, planned, strict=True)
            ],
        )
        tasks = []
        for process, (_case, (lawyer, _colleague, step, _f, _l)) in zip(
            processes, planned, strict=True
        ):
            node, _stage, held_by_lawyer = step
            created = now - dt.timedelta(days=rng.randrange(1, 400))
            for done_node, owner, perm in (
                (LitigationFlow.intake, lawyer, None),
                (LitigationFlow.screen, org.supervisor, "workflows.supervise_case"),
                (LitigationFlow.assign, org.supervisor, "workflows.supervise_case"),
            ):
                if done_node is node:
                    break
                tasks.append(
                    Task(
                        process=process,
                        flow_task=done_node,
                        flow_task_type="HUMAN_START" if perm is None else "HUMAN",
                        status=STATUS.DONE,
                        owner=owner,
                        owner_permission=perm,
                        created=created,
                        assigned=created,
                        started=created,
                        finished=created,
                    )
                )
            owner_permission = (
                "workflows.litigate_case" if held_by_lawyer else "workflows.supervise_case"
            )
            tasks.append(
                Task(
                    process=process,
                    flow_task=node,
                    flow_task_type="HUMAN",
                    status=STATUS.ASSIGNED if held_by_lawyer else STATUS.NEW,
                    owner=lawyer if held_by_lawyer else None,
                    owner_permission=owner_permission,
                    created=created,
                    assigned=created if held_by_lawyer else None,
                )
            )
        bulk_create_with_history(
            tasks,
            Task,
            batch_size=BATCH,
            default_user=org.supervisor,
            default_change_reason="bench_seed",
        )


class _Organisation:
    """The demo's branches, themes and staff, plus bench lawyers so each holds a real caseload."""

    def __init__(self) -> None:
        self.branches: list[Branch] = []
        self.themes: list[Theme] = []
        self.lawyers: dict[int, list[User]] = {}
        self.supervisor: User | None = None
        self.grant_model = get_user_obj_perms_model(Case)
        self.permissions: dict[str, Permission] = {}
        self.case_content_type = None

    @classmethod
    def load(cls, rng: random.Random, cases: int) -> _Organisation:
        org = cls()
        org.branches = list(Branch.objects.all())
        org.themes = list(Theme.objects.all())
        org.supervisor = User.objects.get(username="supervisor")
        lawyers = Group.objects.get(name=Role.LAWYER)
        # About 3,000 cases per lawyer at 100,000 cases, as the issue measured.
        per_branch = max(1, cases // 3000 // max(1, len(org.branches)))
        for branch in org.branches:
            staff = list(User.objects.filter(branch=branch, groups=lawyers, is_active=True))
            for n in range(len(staff), per_branch):
                user = User.objects.create_user(
                    username=f"bench.lawyer{n}.{branch.code}",
                    first_name="Bench",
                    last_name=f"Lawyer {n} {branch.code}",
                    branch=branch,
                    password=None,
                )
                user.groups.add(lawyers)
                staff.append(user)
            org.lawyers[branch.pk] = staff
        org.permissions = {
            p.codename: p
            for p in Permission.objects.filter(
                content_type__app_label="casework", content_type__model="case"
            )
        }
        org.case_content_type = next(iter(org.permissions.values())).content_type
        return org

    def grant(self, user: User, codename: str, case: Case):
        """One object-permission row, for guardian's generic table or a direct-FK one."""
        row = self.grant_model(user=user, permission=self.permissions[codename])
        if any(f.name == "content_object" and f.is_relation for f in row._meta.fields):
            row.content_object = case
        else:
            row.content_type = self.case_content_type
            row.object_pk = str(case.pk)
        return row


def _insert_child_rows(model, objs) -> None:
    fields = model._meta.local_concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields] for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608 — names from the model
