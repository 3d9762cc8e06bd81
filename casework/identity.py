"""Identity masking: who may read the name of a client, victim, author or relative.

The State is hostile: a leaked victim name can cost someone their freedom. Users without the
case's "view identity" permission see a stable pseudonym ("Victim A") instead of the name, and
"[identity hidden]" instead of the birth date, address and contacts. Masking is decided per case
(a person may be a client in one case and a witness in another), here and nowhere else; templates
only ask `IdentityMask` for a label.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import PROTECTED_PARTY_ROLES, Case, CaseParty, PartyRole, Person, User
from .name_finder import NameFinder
from .selectors import VIEW_IDENTITY, cases_visible_to, granted_case_ids

HIDDEN = gettext_lazy("[identity hidden]")

# Person fields that identify someone. Their values, and diffs of them, are masked; the person
# form is made of exactly these (in this order), so a new identifying field cannot be forgotten.
IDENTIFYING_PERSON_FIELDS = (
    "full_name",
    "full_name_latin",
    "full_name_cyrillic",
    "birth_date",
    "birth_place",
    "birth_place_ru",
    "birth_place_en",
    "nationality",
    "nationality_ru",
    "nationality_en",
    "address",
    "phone",
    "email",
    "notes",
)


def cases_with_identity_for(user: User) -> QuerySet[Case]:
    """Visible cases on which `user` holds an explicit "view identity" grant.

    Used by search and by the person picker: a name may only match, or be offered, where the
    user could read it anyway.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    return cases_visible_to(user).filter(pk__in=granted_case_ids(user, VIEW_IDENTITY))


def people_visible_to(user: User) -> QuerySet[Person]:
    """People whose identity `user` may read: parties of cases with a "view identity" grant."""
    return Person.objects.filter(
        case_roles__case__in=cases_with_identity_for(user).values("pk")
    ).distinct()


def masks_for(user: User, cases: list[Case]) -> dict[int, IdentityMask]:
    """One IdentityMask per case of a list page, in two queries whatever the page size."""
    ids = [case.pk for case in cases]
    revealed = set(cases_with_identity_for(user).filter(pk__in=ids).values_list("pk", flat=True))
    parties: dict[int, list[CaseParty]] = {pk: [] for pk in ids if pk not in revealed}
    for party in CaseParty.objects.filter(case_id__in=list(parties)).select_related("person"):
        parties[party.case_id].append(party)
    return {
        case.pk: IdentityMask.for_case(
            case, reveal=case.pk in revealed, parties=parties.get(case.pk, [])
        )
        for case in cases
    }


def protected_names_of(case: Case) -> dict[str, str]:
    """Every spelling of the names of `case`'s protected people → the person's pseudonym.

    For the warning when a free-text field is saved (`casework.forms.NamesCheckMixin`).
    """
    return IdentityMask.for_case(case, reveal=False).protected_names


def _letter(index: int) -> str:
    letters = string.ascii_uppercase
    label = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        label = letters[rem] + label
    return label


@dataclass
class IdentityMask:
    """What one user may read about the people of one case.

    `reveal` is True when the user holds "view identity" on the case. Otherwise people with a
    protected role get a pseudonym built from their role and a letter in order of appearance
    ("Victim A", "Client B"); people the case does not list at all are simply "[identity hidden]".
    """

    reveal: bool
    protected_labels: dict[int, str] = field(default_factory=dict)
    unprotected_ids: set[int] = field(default_factory=set)
    # Every spelling on record of each protected person's name → their pseudonym.
    protected_names: dict[str, str] = field(default_factory=dict)
    _finder: NameFinder | None = field(default=None, repr=False)

    @classmethod
    def for_case(cls, case: Case, *, reveal: bool, parties=None) -> IdentityMask:
        mask = cls(reveal=reveal)
        if reveal:
            return mask
        if parties is None:
            parties = CaseParty.objects.filter(case=case).select_related("person").order_by("id")
        else:
            parties = sorted(parties, key=lambda p: p.pk)
        protected_roles: dict[int, str] = {}
        people: dict[int, Person] = {}
        all_ids: set[int] = set()
        for party in parties:
            if not party.person_id:
                continue
            all_ids.add(party.person_id)
            people[party.person_id] = party.person
            if party.role in PROTECTED_PARTY_ROLES and party.person_id not in protected_roles:
                protected_roles[party.person_id] = party.role
        for index, (person_id, role) in enumerate(protected_roles.items()):
            label = _("%(role)s %(letter)s") % {
                "role": PartyRole(role).label,
                "letter": _letter(index),
            }
            mask.protected_labels[person_id] = label
            person = people[person_id]
            for spelling in (person.full_name, person.full_name_latin):
                if spelling:
                    mask.protected_names.setdefault(spelling, label)
        mask.unprotected_ids = all_ids - set(protected_roles)
        return mask

    def text(self, value: object) -> object:
        """Free text (a reason, a note, a title) with protected people's names masked.

        Names typed into free text are masked like the name fields : in every
        script and spelling `casework.name_finder` recognises, replaced by the person's pseudonym.
        """
        if self.reveal or not self.protected_names or not isinstance(value, str) or not value:
            return value
        if self._finder is None:
            self._finder = NameFinder(self.protected_names)
        return self._finder.mask(value, label_of=self.protected_names.__getitem__)

    def is_masked(self, person_id: int | None) -> bool:
        if self.reveal or person_id is None:
            return False
        return person_id not in self.unprotected_ids

    def name(self, person: Person | None, person_id: int | None = None) -> str:
        """The name `person` may be shown under: the real name or a pseudonym."""
        if person is not None:
            person_id = person.pk
        if person_id is None:
            return ""
        if not self.is_masked(person_id):
            return person.full_name if person is not None else f"#{person_id}"
        return self.protected_labels.get(person_id, str(HIDDEN))

    def field(self, person: Person | None, name: str, value: object = None) -> object:
        """A Person field value, or the hidden marker when the person is masked."""
        if person is None:
            return value
        if name in IDENTIFYING_PERSON_FIELDS and self.is_masked(person.pk):
            return HIDDEN
        return getattr(person, name) if value is None else value
