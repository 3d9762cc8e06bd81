from django import template

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context) -> dict:
    """The bell in the top bar: one COUNT query per page."""
    user = context["request"].user
    return {"unread": unread_count(user) if user.is_authenticated else 0}
