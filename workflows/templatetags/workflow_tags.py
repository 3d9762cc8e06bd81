from django import template

from communications.forms import InterimDocumentForm
from workflows import selectors, services

register = template.Library()


@register.simple_tag
def task_url(task, action: str = "index") -> str:
    """URL of a task page (`execute`, `assign`, `unassign`, `detail`)."""
    return selectors.task_url(task, action)


@register.inclusion_tag("workflows/_case_flow_panel.html", takes_context=True)
def case_flow_panel(context, case):
    """The litigation route of `case` for the current user (case page panel)."""
    return {**context.flatten(), "flow": selectors.case_flow_summary(case, context["request"].user)}


@register.inclusion_tag("workflows/_interim_panel.html", takes_context=True)
def case_interim_panel(context, case, compact: bool = False):
    """The case's urgent interim-measures requests (rule 94): state, open steps, documents."""
    user = context["request"].user
    return {
        **context.flatten(),
        "interim_rows": selectors.interim_rows(case, user),
        "may_open_interim": services.may_open_interim_measures(user, case),
        "interim_document_form": InterimDocumentForm(),
        "compact": compact,
    }
