from django import template

from consultations.selectors import invitations_for_stakeholder

register = template.Library()


@register.inclusion_tag("consultations/_stakeholder_invitations_table.html", takes_context=True)
def stakeholder_invitations(context, stakeholder):
    """The invitations section of a stakeholder's page in the registry."""
    return {"invitations": invitations_for_stakeholder(stakeholder=stakeholder), "city": context["city"]}
