from django import template

from workflows import selectors

register = template.Library()


@register.simple_tag
def task_url(task, action: str = "index") -> str:
    """URL of a task page (`execute`, `assign`, `unassign`, `detail`)."""
    return selectors.task_url(task, action)


@register.inclusion_tag("workflows/_case_flow_panel.html", takes_context=True)
def case_flow_panel(context, case):
    """The litigation route of `case` for the current user (case page panel)."""
    return {**context.flatten(), "flow": selectors.case_flow_summary(case, context["request"].user)}
