"""Demo cases that went through the real litigation flow (called by `seed_demo`).

Runs after the base demo (branches, staff, ~30 cases). Each case here is opened through the
flow's intake and every step is completed through the same forms, handlers and locks as the task
pages, so live tasks sit at every step of the route; three cases are finished (Views followed
up, declined at screening, client withdrew). Idempotent: a case already opened is left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TextIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casework.documents import document_upload
from casework.models import Branch, Case, CovenantArticle, Role, Stage, Theme, User
from casework.selectors import can_view_identity
from casework.services import grant_case_access
from communications import selectors as communication_selectors
from communications import services as communication_services
from communications.models import Filing, StateParty, SubmissionReview
from demo.communications import complete_file_for_drafting, decision_document
from monitoring.forms import round_form_data
from workflows import services
from workflows.flows import InterimMeasuresFlow, LitigationFlow
from workflows.models import CaseProcess

D = dt.date.fromisoformat
HAPPY_PATH = [
    "screen",
    "assign",
    "primary_aid",
    "file_proceeding",
    "record_decision",
    "decide_next",
    "argue_exhaustion",
    "confirm_exhaustion",
    "draft_communication",
    "approve_submission",
    "submit",
    "register",
    "state_observations",
    "author_comments",
    "committee_decision",
    "follow_up",
]


@dataclass
class Run:
    title: str
    branch: str
    theme: str
    lawyer: str
    client: str
    articles: list[int]
    summary: str
    opened: str
    stop_at: str  # a node whose task stays open, or "views", "declined", "withdrawn"
    victim: str = ""
    interim: bool = False
    returned_once: bool = False
    instances: list[str] = field(default_factory=lambda: ["first_instance"])


RUNS = [
    Run(
        "Women's march dispersed on 8 March",
        "almaty",
        "assembly",
        "lawyer.almaty",
        "Айгерим Тулегенова",
        [21, 19],
        "Police dispersed a march of about forty women and "
        "fined three organisers for an unauthorised assembly.",
        "2026-03-12",
        "screen",
    ),
    Run(
        "Dismissal of a teacher for a Facebook post",
        "astana",
        "expression",
        "lawyer.astana",
        "Ерлан Жакупов",
        [19],
        "A school teacher was dismissed after criticising the "
        "akimat's housing programme on Facebook.",
        "2026-04-02",
        "assign",
    ),
    Run(
        "Refusal to register a Protestant congregation",
        "karaganda",
        "religion",
        "lawyer.karaganda",
        "Виктор Ким",
        [18, 26],
        "The justice department refused to "
        "register a congregation of 60 members for lack of a 'religious expert opinion'.",
        "2026-02-10",
        "primary_aid",
    ),
    Run(
        "Beating in a temporary detention facility",
        "shymkent",
        "torture",
        "lawyer.shymkent",
        "Гульнар Ахметова",
        [7, 10],
        "The client's son says he was beaten by guards to "
        "obtain a confession; the medical record notes bruising.",
        "2026-09-15",
        "file_proceeding",
        victim="Даурен Ахметов",
    ),
    Run(
        "Fine for a journalist's live stream of a protest",
        "uralsk",
        "expression",
        "lawyer.uralsk",
        "Асель Мусина",
        [19, 21],
        "A journalist was fined under the Code "
        "of Administrative Offences for streaming a protest in Uralsk.",
        "2026-08-20",
        "record_decision",
    ),
    Run(
        "Denial of a gathering permit for a disability-rights picket",
        "taraz",
        "non-discrimination",
        "lawyer.taraz",
        "Бауыржан Сейтов",
        [21, 26],
        "The akimat refused a picket near its building, citing a map of 'special places'.",
        "2026-10-01",
        "decide_next",
    ),
    Run(
        "Search of a human-rights defender's home without a warrant",
        "almaty",
        "fair-trial",
        "lawyer.almaty",
        "Марина Ли",
        [17, 14],
        "Police searched the defender's apartment at "
        "night and seized laptops without a court order.",
        "2024-11-11",
        "argue_exhaustion",
        instances=["first_instance", "appeal"],
    ),
    Run(
        "Extradition of an asylum seeker to Uzbekistan",
        "shymkent",
        "asylum",
        "lawyer.shymkent",
        "Шерзод Рахимов",
        [7, 13],
        "The prosecutor ordered extradition "
        "despite a documented risk of torture; refugee status was refused.",
        "2024-06-03",
        "confirm_exhaustion",
        instances=["first_instance", "appeal"],
    ),
    Run(
        "Administrative arrest of a trade-union leader",
        "karaganda",
        "association",
        "lawyer.karaganda",
        "Ерболат Нұрмағамбетов",
        [22, 9],
        "The leader of an independent "
        "miners' union was arrested for 15 days after a strike meeting.",
        "2024-02-14",
        "draft_communication",
        instances=["first_instance", "appeal", "cassation"],
        returned_once=True,
    ),
    Run(
        "Conviction for 'spreading false information' during the pandemic",
        "astana",
        "expression",
        "lawyer.astana",
        "Алия Сагинтаева",
        [19, 14],
        "A blogger was sentenced to restricted freedom for a post about hospital conditions.",
        "2023-09-01",
        "approve_submission",
        instances=["first_instance", "appeal", "cassation"],
    ),
    Run(
        "Refusal to investigate torture allegations",
        "uralsk",
        "torture",
        "lawyer.uralsk",
        "Ислам Жумабаев",
        [7, 2],
        "Investigators refused, three times, to open a criminal "
        "case on a complaint of beating in a police station.",
        "2023-05-10",
        "submit",
        instances=["first_instance", "appeal", "cassation"],
    ),
    Run(
        "Threatened deportation of a stateless activist",
        "almaty",
        "asylum",
        "lawyer.almaty",
        "Тимур Исмаилов",
        [7, 13, 12],
        "A stateless activist faces deportation to a State "
        "where he was convicted in absentia for his activism.",
        "2023-03-01",
        "register",
        instances=["first_instance", "appeal", "cassation"],
        interim=True,
    ),
    Run(
        "Ban on a peaceful assembly against a land-code amendment",
        "taraz",
        "assembly",
        "lawyer.taraz",
        "Нурсултан Абенов",
        [21],
        "The akimat banned a rally on land reform; participants were detained and fined.",
        "2022-04-05",
        "state_observations",
        instances=["first_instance", "appeal", "cassation"],
    ),
    Run(
        "Denial of access to a lawyer after arrest",
        "shymkent",
        "fair-trial",
        "lawyer.shymkent",
        "Руслан Каримов",
        [14, 9],
        "The client was questioned for 12 hours "
        "without a lawyer; his statements were used at trial.",
        "2022-02-01",
        "author_comments",
        instances=["first_instance", "appeal", "cassation"],
    ),
    Run(
        "Disbanding of a religious study group",
        "karaganda",
        "religion",
        "lawyer.karaganda",
        "Айдос Бекмуханов",
        [18],
        "Members of a Muslim study group were fined for 'illegal "
        "missionary activity' in a private flat.",
        "2021-10-12",
        "committee_decision",
        instances=["first_instance", "appeal", "cassation"],
    ),
    Run(
        "Detention of a solitary picketer in front of parliament",
        "astana",
        "assembly",
        "lawyer.astana",
        "Жанар Оспанова",
        [21, 19, 9],
        "The client stood alone with a poster "
        "about political prisoners and was arrested for 10 days.",
        "2021-06-07",
        "follow_up",
        instances=["first_instance", "appeal", "cassation"],
    ),
    Run(
        "Criminal conviction for an 'unsanctioned' rally",
        "almaty",
        "assembly",
        "lawyer.almaty",
        "Берик Жумагулов",
        [21, 19],
        "The client was convicted for "
        "organising a rally against rising prices; the Committee found violations.",
        "2021-01-20",
        "views",
        instances=["first_instance", "appeal", "cassation"],
    ),
    Run(
        "Dispute with a landlord over a deposit",
        "uralsk",
        "fair-trial",
        "lawyer.uralsk",
        "Ольга Петренко",
        [14],
        "A private rental dispute with no State involvement.",
        "2026-05-05",
        "declined",
    ),
    Run(
        "Police raid on an LGBT community event",
        "almaty",
        "non-discrimination",
        "lawyer.almaty",
        "Данияр Сапаров",
        [17, 21, 26],
        "Police interrupted a private community event and photographed participants' documents.",
        "2025-11-20",
        "withdrawn",
    ),
]


def _user(username: str, role: str, branch_code: str | None = None) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is not None:
        return user
    candidates = User.objects.filter(groups__name=role, is_active=True)
    if branch_code:
        candidates = candidates.filter(branch__code=branch_code) or candidates
    user = candidates.order_by("pk").first()
    if user is None:
        raise RuntimeError(f"demo needs a {role} user; run the base demo first")
    return user


def committee_session(on: dt.date) -> tuple[int, dt.date]:
    """The first Committee session on or after `on`, and a plausible day of it for a decision.

    Since the 119th session (March 2017) the Committee has met three times a year: in March, in
    June-July and in October-November (e.g. 124th, October 2018: CCPR/C/124/D/2441/2014; 135th,
    July 2022: CCPR/C/135/D/2827/2016), so a symbol's session number follows from its date.
    """
    meeting_days = ((3, 20), (7, 15), (11, 1))  # a day inside each of the year's three sessions
    for year in range(on.year, on.year + 2):
        for term, (month, day) in enumerate(meeting_days):
            date = dt.date(year, month, day)
            if date >= on:
                return 119 + 3 * (year - 2017) + term, date
    raise ValueError(on)  # unreachable: a session falls within every twelve months


class Driver:
    """Walks one demo case along the happy path with plausible, ordered dates."""

    def __init__(self, run: Run, process: CaseProcess, lawyer: User, supervisor: User, kz):
        self.run, self.process, self.lawyer, self.supervisor, self.kz = (
            run,
            process,
            lawyer,
            supervisor,
            kz,
        )
        self.opened = D(run.opened)
        self.remaining = list(run.instances)

    def day(self, offset: int) -> str:
        return (self.opened + dt.timedelta(days=offset)).isoformat()

    def open_task(self, node: str):
        return (
            self.process.task_set.filter(
                flow_task=getattr(LitigationFlow, node),
                status__in=[STATUS.NEW, STATUS.ASSIGNED],
            )
            .order_by("-pk")
            .first()
        )

    def do(self, node: str, **overrides) -> None:
        task = self.open_task(node)
        user = task.owner or self.supervisor
        if task.status == STATUS.NEW:
            services.task_assign(task=task, to=user, by=self.supervisor)
            task.refresh_from_db()
        if node == "draft_communication":
            # Drafting builds the package: the demo file holds what it needs, as a real one must.
            complete_file_for_drafting(
                self.process.case,
                self.lawyer,
                summary_ru="Демонстрационное дело, вымышленные факты. " + self.run.summary,
            )
        if node == "approve_submission" and not can_view_identity(user, self.process.case):
            # The approver reads the draft, names included: the lawyer adds them to the team.
            grant_case_access(
                case=self.process.case,
                user=user,
                perms=["view_case_identity"],
                by=self.lawyer,
                reason="Reviews the draft communication",
            )
        data = self.data(node)
        data.update(overrides)
        services.complete_task(task=task, by=user, data=data)
        self.process = CaseProcess.objects.get(pk=self.process.pk)

    def data(self, node: str) -> dict:
        case = self.process.case
        n_done = len(self.run.instances) - len(self.remaining)
        if node == "file_proceeding":
            level = self.remaining[0]
            return {
                "level": level,
                "procedure_type": "civil",
                "body": {
                    "first_instance": "District court",
                    "appeal": "Regional court, appellate board",
                    "cassation": "Supreme Court, cassation board",
                }[level],
                "body_ru": {
                    "first_instance": "Районный суд",
                    "appeal": "Областной суд, апелляционная коллегия",
                    "cassation": "Верховный Суд, кассационная коллегия",
                }[level],
                "body_kk": {
                    "first_instance": "Аудандық сот",
                    "appeal": "Облыстық сот, апелляциялық сот алқасы",
                    "cassation": "Жоғарғы Сот, кассациялық сот алқасы",
                }[level],
                "claims_raised": ", ".join(str(n) for n in self.run.articles),
                "covenant_invoked": "true",
                "court_case_number": f"{2000 + n_done}-{case.pk:04d}",
                "filed_on": self.day(20 + 60 * n_done),
            }
        if node == "record_decision":
            self.remaining.pop(0)
            decided_on = self.day(50 + 60 * n_done)
            return {
                "decided_on": decided_on,
                "outcome": "dismissed",
                "decision_summary": "The complaint was dismissed as unfounded.",
                "decision_existing": self.decision_document(decided_on).pk,
            }
        if node == "decide_next":
            if self.remaining:
                return {"next_step": "next_instance", "next_instance": self.remaining[0]}
            return {"next_step": "exhausted"}
        base = 60 * len(self.run.instances) + 30
        session, decided_on = committee_session(D(self.day(base + 900)))
        return {
            "screen": {"decision": "strategic"},
            "assign": {"lawyer": self.lawyer.pk},
            "primary_aid": {
                "action": "complete",
                "outcome": "litigate",
                "activity_kind": "consultation",
                "activity_on": self.day(3),
                "activity_text": "First consultation; complaint drafted.",
            },
            "argue_exhaustion": {
                "basis": "exhausted",
                "argument": "The Supreme Court dismissed the cassation appeal; a request for "
                "supervisory review is not a remedy the Committee requires.",
            },
            "confirm_exhaustion": {"confirmed": "yes"},
            "draft_communication": {"ready": "on", "notes": "Draft with annexes 1-6."},
            "approve_submission": {"decision": "approve", "filing": self.draft_pk()},
            "submit": {
                "filing": self.final_package_pk(),
                "state": self.kz.pk,
                "submitted_on": self.submission_day(),
                "channel": "email",
                "proof": self.proof().pk,
            },
            "register": {
                "number": self.communication_number(base),
                "registered_on": self.day(base + 100),
                "transmitted_on": self.day(base + 105),
            },
            "state_observations": {"received_on": self.day(base + 290)},
            "author_comments": {"sent_on": self.day(base + 350)},
            "committee_decision": {
                "outcome": "views",
                "decided_on": decided_on.isoformat(),
                "document_symbol": f"CCPR/C/{session}/D/{self.communication_number(base)}",
                "violations_found": [str(v.pk) for v in case.violations.all()],
                "remedies_ordered": "Effective remedy, including adequate compensation; "
                "take steps to prevent similar violations.",
            },
            "follow_up": round_form_data(
                case,
                assessed_on=self.day(base + 1100),
                grade="C",
                source_kind="state",
                remedies=(
                    ("Adequate compensation", "compensation"),
                    ("Prevent similar violations", "non_repetition"),
                ),
                round_notes="The State says the decisions were lawful.",
                dialogue="ongoing",
            )
            if node == "follow_up"
            else None,
        }[node]

    def draft_pk(self) -> int | str:
        draft = communication_selectors.latest_draft_package(self.process.case)
        return draft.pk if draft else ""

    def submission_day(self) -> str:
        return self.day(60 * len(self.run.instances) + 30 + 40)

    def final_package_pk(self) -> int | str:
        """The final package, built by the lawyer after the approval (only when submitting)."""
        if self.open_task("submit") is None:
            return ""
        finals = communication_selectors.final_packages_after_approval(self.process.case)
        if finals.exists():
            return finals.first().pk
        filing, _result = communication_services.build_hrc_package(
            case=self.process.case, by=self.lawyer, final=True
        )
        self.date_as_the_story_does(filing)
        return filing.pk

    def date_as_the_story_does(self, final: Filing) -> None:
        date_submission_papers(self.process.case, final, sent_on=D(self.submission_day()))

    def request_interim_measures(self) -> None:
        """An urgent request (rule 94) beside the route: opened, sent and granted today (the
        request's moments cannot be in the past of its opening); compliance is being watched."""
        case = self.process.case
        run = services.interim_measures_open(
            case=case,
            by=self.supervisor,
            data={
                "state": self.kz.pk,
                "grounds": "extradition",
                "explanation": "Суд санкционировал депортацию автора; исполнение возможно в "
                "течение нескольких дней. Автору грозит заключение по приговору, вынесенному "
                "заочно за его активизм.",
                "explanation_en": "A court authorised the author's deportation, which may be "
                "carried out within days. He faces imprisonment under a sentence passed in "
                "absentia for his activism.",
                "measures_sought": "Не депортировать автора, пока Комитет рассматривает "
                "его сообщение.",
                "measures_sought_en": "Not to deport the author while his communication is "
                "under consideration by the Committee.",
            },
        )
        now = timezone.localtime()
        for node, data in (
            ("send_request", {"sent_at": now.strftime("%Y-%m-%dT%H:%M"), "channel": "email"}),
            (
                "await_response",
                {
                    "response": "granted",
                    "response_on": now.date().isoformat(),
                    "committee_reference": "G/SO 215/51 (demo)",
                },
            ),
        ):
            task = run.task_set.get(flow_task=getattr(InterimMeasuresFlow, node))
            user = task.owner or self.supervisor
            services.complete_task(task=task, by=user, data=data)

    def communication_number(self, base: int) -> str:
        # The Committee numbers a communication in the year it registers it (e.g. 2827/2016).
        return f"{4100 + self.process.case.pk}/{D(self.day(base + 100)).year}"

    def decision_document(self, decided_on: str):
        """The court's decision as the lawyer received it (a demo PDF in Russian)."""
        proceeding = self.process.current_proceeding
        return decision_document(
            self.process.case, proceeding, self.lawyer, decided_on=decided_on, summary=""
        )

    def proof(self):

        case = self.process.case
        doc = case.documents.filter(title="Proof of submission (e-mail receipt)").first()
        return doc or document_upload(
            case=case,
            by=self.lawyer,
            uploaded=SimpleUploadedFile(
                "receipt.txt", b"Delivered to petitions@ohchr.org (demo receipt)\n"
            ),
            title="Proof of submission (e-mail receipt)",
            kind="correspondence",
            language="en",
            confidentiality="normal",
        )

    def advance_to(self, target: str) -> None:
        """Complete open happy-path steps (looping through instances) until `target` is open."""
        for _ in range(60):
            if self.open_task(target) is not None:
                return
            step = next((s for s in HAPPY_PATH if self.open_task(s) is not None), None)
            if step is None:
                break
            if (
                step == "approve_submission"
                and self.run.returned_once
                and (self.process.review_rounds == 0)
            ):
                self.do(
                    step,
                    decision="return",
                    comments="Shorten section IV; add the translation of the cassation ruling.",
                )
            else:
                self.do(step)
        raise RuntimeError(f"demo case {self.run.title!r} could not reach {target}")


def seed(stdout: TextIO) -> None:
    supervisor = _user("supervisor", Role.SUPERVISOR, "almaty")
    kz, _ = StateParty.objects.get_or_create(
        code="KZ",
        defaults={"name": "Kazakhstan", "op_in_force_on": dt.date(2009, 9, 30), "verified": True},
    )
    created = 0
    for run in RUNS:
        if Case.objects.filter(title=run.title, processes__isnull=False).exists():
            continue
        lawyer = _user(run.lawyer, Role.LAWYER, run.branch)
        data = {
            "title": run.title,
            "branch": Branch.objects.get(code=run.branch).pk,
            "theme": Theme.objects.get(code=run.theme).pk,
            "confidentiality": "normal",
            "summary": run.summary,
            "client_name": run.client,
            "victim_is_client": "" if run.victim else "on",
            "victim_name": run.victim,
            "articles": list(
                CovenantArticle.objects.filter(number__in=run.articles).values_list("pk", flat=True)
            ),
            "consent_signed_on": run.opened,
            "power_of_attorney_signed_on": run.opened,
            "conflict_checked": "on",
        }
        process = services.intake(data=data, by=lawyer, opened_on=D(run.opened))
        driver = Driver(run, process, lawyer, supervisor, kz)
        if run.stop_at == "declined":
            driver.do(
                "screen",
                decision="decline",
                reason="A private dispute: no State act "
                "engages the Covenant. Referred to a legal clinic.",
            )
        elif run.stop_at == "withdrawn":
            driver.advance_to("file_proceeding")
            services.process_stop(
                process=driver.process,
                exit="withdrawn",
                by=lawyer,
                effective_on=D(run.opened) + dt.timedelta(days=30),
                notes="The client withdrew consent after police visited his family.",
            )
        elif run.stop_at == "views":
            driver.advance_to("follow_up")
            driver.do("follow_up")
            driver.do(
                "follow_up",
                **round_form_data(
                    driver.process.case,
                    assessed_on=driver.day(60 * 3 + 30 + 1300),
                    grade="A",
                    dialogue="closed_satisfactory",
                    concluded="on",
                ),
            )
        else:
            if run.returned_once:
                driver.advance_to("approve_submission")
                driver.do(
                    "approve_submission",
                    decision="return",
                    comments="Shorten section IV; add the translation of the cassation ruling.",
                )
            driver.advance_to(run.stop_at)
            if run.interim:
                driver.request_interim_measures()
            if run.stop_at == "follow_up":
                driver.do("follow_up")  # one assessment recorded; monitoring goes on
        created += 1
        stdout.write(f"  flow: {driver.process.case.reference} → {run.stop_at}\n")
    joined = _join_existing_caseload()
    stdout.write(
        f"Workflow demo: {created} case(s) run through the litigation flow, "
        f"{joined} existing case(s) joined it at their stage.\n"
    )


def _join_existing_caseload() -> int:
    """The base demo's open cases join the route where they stand (as a real migration would)."""
    joined = 0
    for case in (
        Case.objects.filter(processes__isnull=True)
        .exclude(stage=Stage.CLOSED)
        .select_related("responsible_lawyer", "created_by")
        .order_by("reference")
    ):
        by = case.responsible_lawyer or case.created_by
        if by is None:
            continue
        try:
            services.start_flow_for_case(case=case, by=by)
        except (PermissionDenied, ValidationError):
            continue  # e.g. the creator has no access any more: leave the case for a person
        joined += 1
    return joined


def date_submission_papers(case: Case, final: Filing, *, sent_on: dt.date) -> None:
    """The demo (and the tests' routes) replay years of a case in seconds. The case's drafts,
    reviews and final package are dated as the story says — shifted back together, in their
    order, so that the final package was built the day before the communication was sent on
    `sent_on` — not the second the seed ran: "sent no earlier than the package was built"
    then holds for them as for real cases. Demo and test data only."""
    built = timezone.make_aware(dt.datetime.combine(sent_on, dt.time(9))) - dt.timedelta(days=1)
    shift = Filing.objects.get(pk=final.pk).generated_at - built
    if shift <= dt.timedelta(0):
        return
    Filing.objects.filter(case=case).update(generated_at=F("generated_at") - shift)
    SubmissionReview.objects.filter(case=case).update(reviewed_at=F("reviewed_at") - shift)
