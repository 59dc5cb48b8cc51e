"""State machines of workflow objects: each model has a ``status`` field and a ``TRANSITIONS`` table next to
it; ``move()`` checks the table, refuses an illegal move with a translated reason, and records every move
(who, when, from, to, comment) in the object's step model and the audit log.

What a move sets off in other objects is declared next to the table too, as ``CASCADES = {status: (dotted
path of a function taking (obj, *, actor, now), ...)}``; ``move()`` calls them after the status changes,
so a service never writes a cascade by hand."""

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .models import illegal_transition
from .services import audit


class Step(models.Model):
    """One recorded move. Concrete step models add the foreign key to their object, named ``subject``'s
    field and reached through the related name ``steps``."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    at = models.DateTimeField(_("when"))
    from_status = models.CharField(_("from"), max_length=32)
    to_status = models.CharField(_("to"), max_length=32)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"

    def _label(self, value):
        subject = getattr(self, self.subject_field)
        return type(subject).Status(value).label

    @property
    def from_label(self):
        return self._label(self.from_status)

    @property
    def to_label(self):
        return self._label(self.to_status)


def move(obj, to, *, actor, now, council, comment="", subject=None):
    """Move ``obj`` to status ``to`` if its TRANSITIONS allow it; record the step (for models with a step
    model) and an audit event on ``council``, then run the CASCADES the model declares for ``to``. The
    caller saves ``obj`` (with whatever else the move changes) in the same transaction. ``subject`` names
    the object the audit event is about when it is not ``obj`` itself (an extension is about its
    assignment)."""
    if council is None:
        raise ValueError("A move is recorded on its council.")
    Status = type(obj).Status
    if to not in type(obj).TRANSITIONS[obj.status]:
        raise illegal_transition(obj, Status(obj.status).label, Status(to).label)
    if hasattr(obj, "steps"):
        obj.steps.create(actor=actor, at=now, from_status=obj.status, to_status=to, comment=comment)
    audit(
        actor=actor,
        verb=f"{type(obj)._meta.model_name}.{to}",
        subject=obj if subject is None else subject,
        council=council,
        at=now,
        comment=comment,
        **{"from": obj.status},
    )
    obj.status = to
    for cascade in getattr(type(obj), "CASCADES", {}).get(to, ()):
        import_string(cascade)(obj, actor=actor, now=now)
