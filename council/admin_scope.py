"""Django admin scoped by council: a territorial secretary manages only their own council; the republic
secretariat sees the territorial councils under it read-only (R-000-8, R-000-14). Superusers see all."""

from django.db.models import Q
from django.utils import timezone

from .models import Appointment, Council, CouncilOfficer, Seat
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
        return qs.filter(**{f"{self.council_lookup}__in": readable}).distinct()

    def _allowed(self, request, obj, which):
        readable, editable = admin_scope(request)
        ids = editable if which == "edit" else readable
        return bool(ids) if obj is None else bool(self.council_ids_of(obj) & ids)

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


class CouncilInlineScope:
    """Inline permissions follow the parent council's scope."""

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
