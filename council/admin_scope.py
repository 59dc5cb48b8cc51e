"""Django admin scoped by council: a territorial secretary manages only their own council; the republic
secretariat sees the territorial councils under it read-only (R-000-8, R-000-14). Superusers see all."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Appointment, Council, CouncilOfficer, Position, Seat, User
from .selectors import active_on


def admin_scope(request):
    """(readable council ids, editable council ids) for the request's user, computed once per request."""
    cached = getattr(request, "_council_admin_scope", None)
    if cached is not None:
        return cached
    user, day = request.user, timezone.localdate()
    if not user.is_authenticated or not user.is_active:
        return set(), set()
    officer = active_on(CouncilOfficer.objects.filter(person=user), day)
    editable = set(officer.filter(role=CouncilOfficer.Role.SECRETARY).values_list("council_id", flat=True))
    own = set(officer.values_list("council_id", flat=True))
    children = set(Council.objects.filter(parent_id__in=own).values_list("pk", flat=True))
    request._council_admin_scope = (own | children, editable)
    return request._council_admin_scope


def councils_of_person(person) -> set:
    """Councils where the person is registered, or holds or held a role: a seat's position (as holder or
    acting official) or a place in the secretariat, at any time."""
    ids = {person.home_council_id} if person.home_council_id else set()
    ids |= set(CouncilOfficer.objects.filter(person=person).values_list("council_id", flat=True))
    positions = Appointment.objects.filter(person=person).values("position_id")
    ids |= set(Seat.objects.filter(position_id__in=positions).values_list("council_id", flat=True))
    return ids


def keeps_all(request, council_ids) -> bool:
    """Whether the user keeps (edits) every one of these councils; an empty set is kept by nobody but
    administrators (R-000-8: a council's secretariat manages that council only)."""
    if request.user.is_superuser:
        return True
    return bool(council_ids) and set(council_ids) <= admin_scope(request)[1]


def chairs_anywhere(person, day) -> bool:
    """Whether the person holds, or acts in, a chair's position on any council on ``day``."""
    chair_positions = active_on(Seat.objects.filter(role=Seat.Role.CHAIR), day, "valid_from", "valid_to").values(
        "position_id"
    )
    return active_on(Appointment.objects.filter(person=person, position_id__in=chair_positions), day).exists()


def managed_by_administrators(person, day) -> bool:
    """Accounts that carry a power are changed only by administrators (R-004-11): an administrator's, an
    access log auditor's, and those of people who hold or act in a position with a seat on a council (members
    and chairs vote and sign with their password) or with a listed category (they open sensitive material).
    Whoever could set such an account's password, e-mail or login could act as its holder."""
    from .models import AccessAuditor

    if person.is_superuser:
        return True
    seated = active_on(Seat.objects.all(), day, "valid_from", "valid_to").values("position_id")
    powered = Appointment.objects.filter(person=person).filter(
        Q(position_id__in=seated) | Q(position__category__isnull=False)
    )
    return active_on(powered, day).exists() or active_on(AccessAuditor.objects.filter(person=person), day).exists()


def may_edit_person(request, person) -> bool:
    """A user's account (change, password) is edited only by someone who keeps every council where that
    user holds or held a role; accounts that carry a power (``managed_by_administrators``) only by
    administrators."""
    if request.user.is_superuser:
        return True
    if managed_by_administrators(person, timezone.localdate()):
        return False
    return keeps_all(request, councils_of_person(person))


def eligible_people(request):
    """People a council keeper may name in a form: those of the councils they keep."""
    qs = User.objects.filter(is_active=True)
    if request.user.is_superuser:
        return qs
    return qs.filter(people_scope(admin_scope(request)[1])).exclude(is_superuser=True).distinct()


def eligible_positions(request):
    """Positions a council keeper may seat or appoint to: none of a listed category (R-004-11: its holders open
    sensitive material, and only administrators grant that), no seat on a council they do not keep, and no
    holder from outside their councils (seating such a position would bring its holder in)."""
    qs = Position.objects.all()
    if request.user.is_superuser:
        return qs
    qs = qs.filter(category__isnull=True)  # a listed category's holders are appointed by administrators
    foreign = Seat.objects.exclude(council_id__in=admin_scope(request)[1]).values("position_id")
    outsiders = Appointment.objects.exclude(person__in=eligible_people(request)).values("position_id")
    return qs.exclude(pk__in=foreign).exclude(pk__in=outsiders)


class ScopedCouncilListFilter(admin.RelatedFieldListFilter):
    """A council filter that offers only the councils the user may read."""

    def field_choices(self, field, request, model_admin):
        if request.user.is_superuser:
            return super().field_choices(field, request, model_admin)
        readable = admin_scope(request)[0]
        return [(c.pk, str(c)) for c in Council.objects.filter(pk__in=readable).order_by("name_ru")]


def council_filter(lookup):
    return (lookup, ScopedCouncilListFilter)


class CouncilScopedAdmin:
    """Mixin for ModelAdmin. ``council_lookup`` is the path from the model to its council."""

    council_lookup = "council"

    def council_ids_of(self, obj):
        return {getattr(obj, f"{self.council_lookup}_id")}

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        readable, _ = admin_scope(request)
        if "__" not in self.council_lookup:  # the row's own council: a plain condition
            return qs.filter(**{f"{self.council_lookup}__in": readable})
        # Through relations that may match a row many times (a position seated on several councils): a
        # semi-join on the ids, not a join made DISTINCT, which the count, the date hierarchy and each
        # page would sort and compare in full.
        scoped = self.model._base_manager.filter(**{f"{self.council_lookup}__in": readable}).values("pk")
        return qs.filter(pk__in=scoped)

    def _allowed(self, request, obj, which):
        readable, editable = admin_scope(request)
        if obj is None:
            return bool(editable if which == "edit" else readable)
        if which == "edit":
            # Every council the object touches must be kept: a position seated on two councils is not
            # managed from one of them alone.
            return keeps_all(request, self.council_ids_of(obj))
        return bool(self.council_ids_of(obj) & readable)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            # Records of a council are ended (with a date), never deleted in bulk by a council keeper.
            actions.pop("delete_selected", None)
        return actions

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(admin_scope(request)[0])

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self._allowed(request, obj, "view")

    def has_add_permission(self, request, *args):
        return request.user.is_superuser or bool(admin_scope(request)[1])

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        return self._allowed(request, obj, "edit")

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("council", "home_council") and not request.user.is_superuser:
            kwargs["queryset"] = Council.objects.filter(pk__in=admin_scope(request)[1])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


FOREIGN_PERSON = _("This person is not of the councils you keep; their own council's secretariat manages them.")
FOREIGN_POSITION = _("This position sits on a council you do not keep; that council's secretariat manages it.")
CATEGORY_POSITION = _(
    "This position is of a listed category: its holders open sensitive analytical material, and only an "
    "administrator appoints them."
)


def _as_key(field, value):
    """``value`` as a value of the key ``field``, or None when it is none ("abc", "None", a NUL byte, a
    number beyond a bigint column): what the admin may pass on to the database."""
    try:
        key = field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return None
    if isinstance(key, int) and not -(2**63) <= key < 2**63:
        return None
    return key


class SafeAutocompleteSelect(AutocompleteSelect):
    """Admin's autocomplete, showing a form posted back with a value that is no id ("None", "abc") as an
    empty choice with the form's error, where Django's would pass the value to the database and fail."""

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.model._meta.get_field(self.field.remote_field.field_name)
        kept = [v for v in value if _as_key(target, v) is not None]
        return super().optgroups(name, kept, attr)


class SafeAutocomplete:
    """Admins and inlines with ``autocomplete_fields`` use ``SafeAutocompleteSelect``."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        widget = getattr(field, "widget", None)
        inner = getattr(widget, "widget", widget)  # inside the add/change-related wrapper
        if type(inner) is AutocompleteSelect:
            inner.__class__ = SafeAutocompleteSelect
        return field


class PeopleAndPositionsScope:
    """A form's person and position accept only those of the councils the user keeps: the accepted values,
    not only the shown choices (R-000-8). An acting official for another council's chair, or another
    council's person in this council's secretariat, is refused with the form's own error."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["queryset"] = eligible_people(request)
            kwargs["error_messages"] = {"invalid_choice": FOREIGN_PERSON}
        elif db_field.name == "position":
            kwargs["queryset"] = eligible_positions(request)
            kwargs["error_messages"] = {"invalid_choice": FOREIGN_POSITION}
            kwargs["form_class"] = ScopedPositionField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedPositionField(forms.ModelChoiceField):
    """A position outside the user's choices, with the reason: a listed category, or another council's."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if (
                error.code == "invalid_choice"
                and Position.objects.filter(pk=value if str(value).isdigit() else None, category__isnull=False).exists()
            ):
                raise ValidationError(CATEGORY_POSITION, code="invalid_choice") from error
            raise


class CouncilInlineScope(SafeAutocomplete, PeopleAndPositionsScope):
    """Inline permissions follow the parent council's scope; people and positions named in a row are
    checked against the councils the user keeps."""

    def _edit(self, request, obj):
        if request.user.is_superuser:
            return True
        _, editable = admin_scope(request)
        return obj is None and bool(editable) or obj is not None and obj.pk in editable

    def has_view_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        readable, _ = admin_scope(request)
        return obj is None or obj.pk in readable

    def has_add_permission(self, request, obj=None):
        return self._edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._edit(request, obj)


def people_scope(council_ids):
    """People of these councils: registered by, appointed to a seat's position in, or serving them."""
    positions = Seat.objects.filter(council_id__in=council_ids).values("position_id")
    appointed = Appointment.objects.filter(position_id__in=positions).values("person_id")
    officers = CouncilOfficer.objects.filter(council_id__in=council_ids).values("person_id")
    return Q(home_council_id__in=council_ids) | Q(pk__in=appointed) | Q(pk__in=officers)


class ReadOnlyAdmin:
    """For records that only services write (deadlines, approvals, audit): admin shows, never edits."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "id"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RegistryReaderAdmin:
    """Any council secretary or secretariat member may open it; only those who edit a council may add."""

    def has_module_permission(self, request):
        return request.user.is_superuser or bool(admin_scope(request)[0])

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or bool(admin_scope(request)[0])

    def has_add_permission(self, request, *args):
        return request.user.is_superuser or bool(admin_scope(request)[1])


def checked_pk(model, value):
    """``value`` from an admin URL as ``model``'s primary key, or a 404: "abc", a NUL byte or a number beyond
    the column are no object's (django-simple-history's views would pass them on to the database)."""
    pk = _as_key(model._meta.pk, unquote(value))
    if pk is None:
        raise Http404
    return pk


class HistoryAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    """History is read by whoever may read the object. A revert writes the current object, and
    django-simple-history checks only the right to view there: here it is refused unless the user is an
    administrator who may change the object as it is now (a read-only record, such as a signed protocol,
    is never reverted)."""

    def history_view(self, request, object_id, extra_context=None):
        checked_pk(self.model, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        checked_pk(self.model, object_id)
        checked_pk(self.model.history.model, version_id)
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not request.user.is_superuser or not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context=extra_context)

    def revert_disabled(self, request, obj=None):
        return not request.user.is_superuser or super().revert_disabled(request, obj)
