"""What an assignment executes, as the control of execution shows it: a decision of the protocol, or the
check of a citizen's question not answered in full at a police chief's report (R-002-16, R-002-19)."""

from django.utils.translation import gettext_lazy as _


def decision_number(item_number, number):
    """A decision's number as lists print it: the question's number, a dot, the decision's ("1.2")."""
    return f"{item_number}.{number}"


class ExecutedSubject:
    """Labels of an ``Assignment`` whatever it executes, for its list, page and the report to the chair."""

    @property
    def protocol(self):
        """The protocol the assignment comes from: its decision's, or its check's (R-002-16)."""
        return self.decision.item.protocol if self.decision_id else self.question_check.protocol

    @property
    def number(self):
        """ "1.2" for a decision; the citizen's question's number for a check."""
        if self.decision_id:
            return decision_number(self.decision.item.number, self.decision.number)
        return _("question %(number)s") % {"number": self.question_check.question.number}

    def text_in(self, lang=None):
        """What is to be executed, in ``lang`` ("kk", "ru") or the active language."""
        if self.decision_id:
            return getattr(self.decision, f"text_{lang}") if lang else self.decision.text
        return self.question_check.title(lang)

    @property
    def text(self):
        return self.text_in()

    @property
    def text_kk(self):
        return self.text_in("kk")

    @property
    def text_ru(self):
        return self.text_in("ru")
