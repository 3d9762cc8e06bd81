from django import template

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context) -> dict:
    """The bell in the top bar; its count comes with the banner's query (`top_bar`)."""
    top_bar = context.get("top_bar")
    return {"unread": top_bar.unread if top_bar is not None else 0}
