"""`{% case_communication_panel case %}`: the communication card on a case's overview."""

from __future__ import annotations

from django import template

from communications import selectors
from communications.forms import BuildPackageForm

register = template.Library()


@register.inclusion_tag("communications/_case_panel.html", takes_context=True)
def case_communication_panel(context, case) -> dict:
    """The admissibility self-check and the latest filings (the page opened `case` already)."""
    communication = selectors.communication_for(case)
    counted = context.get("counts") or {}
    return {
        **context.flatten(),
        "communication": communication,
        "buildable": selectors.buildable_filings(
            case, communication, decided_proceedings=counted.get("decided_proceedings")
        ),
        "assessment": selectors.assess_case(case, communication=communication),
        "latest_filings": list(selectors.filings_of(case)[:3]),
        "build_form": BuildPackageForm(),
    }
