import datetime

from django import template

register = template.Library()


@register.filter
def isodate(value, fmt="%d.%m.%Y"):
    """An ISO date string (as kept in snapshots) shown as DD.MM.YYYY."""
    try:
        return datetime.date.fromisoformat(value).strftime(fmt)
    except (TypeError, ValueError):
        return value or ""


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, None when absent."""
    return mapping.get(key) if mapping else None
