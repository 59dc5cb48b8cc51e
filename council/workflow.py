"""State machines of workflow objects: each model has a ``status`` field and a ``TRANSITIONS`` table next to
it; ``move()`` checks the table, refuses an illegal move with a translated reason, and records every move
(who, when, from, to, comment) in the object's step model."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

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


def move(obj, to, *, actor, now, comment="", council=None):
    """Move ``obj`` to status ``to`` if its TRANSITIONS allow it; record the step and an audit event. The
    caller saves ``obj`` (with whatever else the move changes) in the same transaction."""
    Status = type(obj).Status
    if to not in type(obj).TRANSITIONS[obj.status]:
        raise ValidationError(
            _("This %(object)s is “%(from)s”; it cannot become “%(to)s”."),
            params={"object": type(obj)._meta.verbose_name, "from": Status(obj.status).label, "to": Status(to).label},
            code="illegal_transition",
        )
    obj.steps.create(actor=actor, at=now, from_status=obj.status, to_status=to, comment=comment)
    audit(
        actor=actor,
        verb=f"{type(obj)._meta.model_name}.{to}",
        subject=obj,
        council=council,
        at=now,
        comment=comment,
        **{"from": obj.status},
    )
    obj.status = to
