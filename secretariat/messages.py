"""What the secretariat's notices say (``council.messages``): registered in ``SecretariatConfig.ready()``."""

from django.utils.translation import gettext as _

from council.messages import day, pick

from .models import AgendaItem


def item_refused(p):
    """To the responsible body: the secretary refused its question, the ground with its rule (R-001-1.2)."""
    title = _("Question %(number)s of the meeting of %(date)s is refused: %(question)s") % {
        "number": p["number"],
        "date": day(p["meeting"]),
        "question": pick(p["question"]),
    }
    wording = str(AgendaItem.REFUSAL_WORDING.get(p.get("ground"), ""))
    return title, f"{wording} {p.get('note', '')}".strip()


SECRETARIAT_MESSAGES = {"item.refused": item_refused}
