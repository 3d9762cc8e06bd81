"""Reading publications: the gates, who is named in a case, the texts to scan, the snapshots.

The gates are computed here, one function (`gates_for`), and shown on the case's publication
page; `services.publication_publish` asks the same function and refuses unless every gate is open.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import (
    Authorisation,
    AuthorisationKind,
    Case,
    CaseParty,
    Confidentiality,
    Role,
    User,
)
from casework.selectors import case_team

from . import rendering
from .models import Publication, PublicationStep, Snapshot, SnapshotStatus, StepKind
from .residue import Hit, ResidueCheck, Text


def publication_for(case: Case) -> Publication | None:
    return Publication.objects.filter(case=case).select_related("theme").first()


def consent_to_publish_in_force(case: Case, on=None) -> bool:
    """A consent to publish of the case, signed, not expired, not withdrawn (DOMAIN.md)."""
    on = on or timezone.localdate()
    consents = Authorisation.objects.filter(case=case, kind=AuthorisationKind.CONSENT_TO_PUBLISH)
    return any(consent.is_in_force(on) for consent in consents)


def live_snapshot(publication: Publication) -> Snapshot | None:
    return publication.snapshots.filter(status=SnapshotStatus.LIVE).first()


def preparers_of(publication: Publication) -> set[int]:
    """Everyone who prepared or changed the publication: none of them may approve it."""
    ids = set(publication.steps.filter(kind=StepKind.PREPARED).values_list("by_id", flat=True))
    ids.add(publication.created_by_id)
    return {pk for pk in ids if pk}


def approval_of(publication: Publication, kind: str = StepKind.APPROVED) -> PublicationStep | None:
    """The approval of the current revision, if any (an approval holds for one revision)."""
    return (
        publication.steps.filter(kind=kind, revision=publication.revision)
        .select_related("by")
        .last()
    )


def why_not_publishable(publication: Publication, snapshot: Snapshot) -> tuple[str, str]:
    """Why a live version may no longer stay on the public site: (step kind, reason), or
    ("", "") when it may. The gates that depend on the case rather than on the texts: the case
    is not secret; a restricted case has an administrator's approval of the published revision;
    a consent to publish is in force."""
    case = publication.case
    if case.confidentiality == Confidentiality.SECRET:
        return StepKind.NOT_PUBLIC, _("The case is now secret")
    if (
        case.confidentiality == Confidentiality.RESTRICTED
        and not publication.steps.filter(
            kind=StepKind.ADMIN_APPROVED, revision=snapshot.revision
        ).exists()
    ):
        return StepKind.NOT_PUBLIC, _(
            "The case is now restricted and no administrator approved the published version"
        )
    if not consent_to_publish_in_force(case):
        return StepKind.CONSENT_WITHDRAWN, _("The consent to publish is no longer in force")
    return "", ""


# --- who the case names --------------------------------------------------------------------


def residue_check_for(case: Case) -> ResidueCheck:
    """Everything that names someone of the case: every party's names in every recorded form,
    contacts and addresses, and the names of the staff who worked on it."""
    names: list[str] = []
    phones, emails, addresses = [], [], []
    for party in CaseParty.objects.filter(case=case, person__isnull=False).select_related("person"):
        person = party.person
        names += [person.full_name, person.full_name_latin, person.full_name_cyrillic]
        phones.append(person.phone)
        emails.append(person.email)
        addresses.append(person.address)
    staff: set[User] = {user for user, _perms in case_team(case)}
    staff |= {u for u in (case.responsible_lawyer, case.created_by) if u is not None}
    for user in staff:
        names += [user.get_full_name(), user.full_name_latin, user.full_name_cyrillic]
        emails.append(user.email)
    return ResidueCheck(names=names, phones=phones, emails=emails, addresses=addresses)


def document_file_name(index: int) -> str:
    """The public name of a document's PDF: chosen by Remedy, never the uploaded file's name."""
    return f"document-{index}.pdf"


def publication_texts(publication: Publication, *, rendered: dict[int, bytes]) -> list[Text]:
    """Every text the public would see, labelled with where it is.

    `rendered`: the PDF of each public document (by its order in the list, from 1); their
    metadata and text are read back and scanned too.
    """
    texts = []
    for lang, label in (("ru", _("Russian")), ("kk", _("Kazakh")), ("en", _("English"))):
        texts.append(Text(_("Title (%(lang)s)") % {"lang": label}, publication.title_in(lang)))
        texts.append(Text(_("Summary (%(lang)s)") % {"lang": label}, publication.summary_in(lang)))
    texts.append(Text(_("Document symbol"), publication.views_symbol))
    texts.append(Text(_("Link to the official text"), publication.views_url))
    for number, step in enumerate(publication.route.all(), start=1):
        for lang in ("en", "ru", "kk"):
            texts.append(
                Text(
                    _("Route, step %(n)s: court or body (%(lang)s)") % {"n": number, "lang": lang},
                    getattr(step, f"body_{lang}"),
                )
            )
    for number, document in enumerate(publication.documents.all(), start=1):
        where = _("Document %(n)s") % {"n": number}
        texts.append(Text(_("%(where)s: title") % {"where": where}, document.title))
        texts.append(Text(_("%(where)s: text") % {"where": where}, document.text))
        texts.append(Text(_("%(where)s: file name") % {"where": where}, document_file_name(number)))
        if number in rendered:
            metadata, text = rendering.read_back(rendered[number])
            texts.append(
                Text(
                    _("%(where)s: PDF metadata") % {"where": where},
                    "\n".join(f"{k}: {v}" for k, v in metadata.items()),
                )
            )
            texts.append(Text(_("%(where)s: text of the PDF") % {"where": where}, text))
    return [t for t in texts if t.text]


def render_documents(publication: Publication) -> dict[int, bytes]:
    when = timezone.localdate()
    return {
        number: rendering.render_pdf(
            title=document.title, text=document.text, lang=document.language, when=when
        )
        for number, document in enumerate(publication.documents.all(), start=1)
    }


def residue_hits(
    publication: Publication, *, rendered: dict[int, bytes] | None = None
) -> list[Hit]:
    rendered = render_documents(publication) if rendered is None else rendered
    check = residue_check_for(publication.case)
    return check.scan_all(publication_texts(publication, rendered=rendered))


# --- the gates -----------------------------------------------------------------------------


@dataclass
class Gate:
    key: str
    label: str
    open: bool
    explanation: str = ""


@dataclass
class Gates:
    gates: list[Gate]
    hits: list[Hit] = field(default_factory=list)

    @property
    def all_open(self) -> bool:
        return all(gate.open for gate in self.gates)

    @property
    def closed(self) -> list[Gate]:
        return [gate for gate in self.gates if not gate.open]


def gates_for(publication: Publication, *, rendered: dict[int, bytes] | None = None) -> Gates:
    """Every condition of publishing, each open or closed with the reason (issue: the gates)."""
    case = publication.case
    gates = []
    secret = case.confidentiality == Confidentiality.SECRET
    gates.append(
        Gate(
            "confidentiality",
            _("The case is not secret"),
            not secret,
            _("A secret case is never published.") if secret else "",
        )
    )
    if case.confidentiality == Confidentiality.RESTRICTED:
        admin = approval_of(publication, StepKind.ADMIN_APPROVED)
        gates.append(
            Gate(
                "administrator",
                _("Restricted case: an administrator approved this revision"),
                admin is not None,
                ""
                if admin
                else _("A restricted case is published only with an administrator's approval."),
            )
        )
    consent = consent_to_publish_in_force(case)
    gates.append(
        Gate(
            "consent",
            _("A consent to publish is in force"),
            consent,
            ""
            if consent
            else _("Record the client's signed consent to publish (Authorisations tab)."),
        )
    )
    approval = approval_of(publication)
    gates.append(
        Gate(
            "approval",
            _("A supervisor other than the preparers approved this revision"),
            approval is not None,
            ""
            if approval
            else _("A supervisor who did not prepare the publication must approve it."),
        )
    )
    hits = residue_hits(publication, rendered=rendered)
    gates.append(
        Gate(
            "residue",
            _("The residue check finds no name, IIN, phone, e-mail or address"),
            not hits,
            ""
            if not hits
            else _("%(count)s identifying details found; see below.") % {"count": len(hits)},
        )
    )
    return Gates(gates, hits)


def is_supervisor(user: User) -> bool:
    return user.has_role(Role.SUPERVISOR)


def is_administrator(user: User) -> bool:
    return user.has_role(Role.ADMINISTRATOR)


# --- the public site -------------------------------------------------------------------------


def public_snapshots() -> QuerySet[Snapshot]:
    """What the public site is made of: live versions, and withdrawn ones (as tombstones).

    Reads the snapshot table alone (tests/publication/test_public_site.py asserts it): every text
    the site shows was frozen into `content` when it was published.
    """
    return (
        Snapshot.objects.filter(status__in=[SnapshotStatus.LIVE, SnapshotStatus.WITHDRAWN])
        .only("slug", "version", "status", "content", "published_at", "withdrawn_at")
        .order_by("slug", "-version")
    )
