from django import template

from casework.models import Role

register = template.Library()


@register.filter
def role_label(name: str) -> str:
    """A role group's name ("branch_head") as the role's translated label ("Branch head")."""
    return Role(name).label if name in Role.values else name
