import json

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import composition_import
from .admin_scope import (
    CouncilInlineScope,
    CouncilScopedAdmin,
    HistoryAdmin,
    PeopleAndPositionsScope,
    ReadOnlyAdmin,
    RegistryReaderAdmin,
    admin_scope,
    council_filter,
    eligible_people,
    eligible_positions,
    may_edit_person,
    people_scope,
)
from .models import (
    Appointment,
    AuditEvent,
    AuditVerb,
    Body,
    CalendarDay,
    Council,
    CouncilOfficer,
    Deadline,
    Notification,
    Position,
    RegulationProfile,
    Seat,
    User,
)
from .pagination import LargeListAdmin
from .profile_schema import DEFAULTS, SETTINGS
from .services import audit


@admin.register(User)
class UserAdmin(RegistryReaderAdmin, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Council"), {"fields": ("full_name_kk", "full_name_ru", "preferred_language", "home_council")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "usable_password", "password1", "password2")}),
        (_("Council"), {"fields": ("full_name_kk", "full_name_ru", "email", "preferred_language", "home_council")}),
    )
    list_display = ("username", "full_name_ru", "full_name_kk", "email", "home_council", "is_active")
    list_filter = ("is_active", "is_staff", council_filter("home_council"))
    search_fields = ("username", "full_name_ru", "full_name_kk", "email")
    list_select_related = ("home_council",)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        # A council secretary keeps people's records, never their permissions.
        return (
            (None, {"fields": ("username", "password")}),
            (
                _("Council"),
                {
                    "fields": (
                        "full_name_kk",
                        "full_name_ru",
                        "email",
                        "preferred_language",
                        "home_council",
                        "is_active",
                    )
                },
            ),
        )

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(people_scope(admin_scope(request)[0])).distinct()

    def has_change_permission(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if obj is None:
            return bool(admin_scope(request)[1])
        # The account, its password and its groups: only for someone who keeps every council where the
        # person holds or held a role (R-000-8), so no council can take over another's people.
        return may_edit_person(request, obj)

    def user_change_password(self, request, id, form_url=""):
        # The new password and its audit event are written together, or neither is.
        with transaction.atomic():
            return super().user_change_password(request, id, form_url)

    def log_addition(self, request, obj, message):
        super().log_addition(request, obj, message)
        self._audit(request, obj, AuditVerb.USER_ACCOUNT_CREATE, message)

    def log_change(self, request, obj, message):
        # Every change of an account, its password included (the password form logs through here too), is an
        # audit event naming the fields changed, never their values.
        super().log_change(request, obj, message)
        self._audit(request, obj, AuditVerb.USER_ACCOUNT_CHANGE, message)

    @staticmethod
    def _audit(request, obj, verb, message):
        fields = sorted({f for part in message or [] for key in part.values() for f in key.get("fields", [])})
        audit(actor=request.user, verb=verb, subject=obj, council=obj.home_council, fields=fields)

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if _autocomplete_for(request, "person"):
            queryset = queryset.filter(pk__in=eligible_people(request).values("pk"))
        return queryset, duplicates

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "home_council" and not request.user.is_superuser:
            kwargs["queryset"] = Council.objects.filter(pk__in=admin_scope(request)[1])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SharedRegistryAdmin(RegistryReaderAdmin, HistoryAdmin):
    """Bodies and positions are one registry for all councils: every council secretary may read and add;
    only administrators correct or remove."""

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Body)
class BodyAdmin(SharedRegistryAdmin):
    list_display = ("name_ru", "name_kk", "code")
    search_fields = ("name_ru", "name_kk", "code", "short_name_ru", "short_name_kk")


def _autocomplete_for(request, field_name):
    """Whether an admin autocomplete request fills ``field_name`` of a council form (a seat, an
    appointment, a secretariat place): it then offers only what the form would accept."""
    return request.GET.get("app_label") == "council" and request.GET.get("field_name") == field_name


@admin.register(Position)
class PositionAdmin(SharedRegistryAdmin):
    list_display = ("title_ru", "body", "is_head", "category")
    list_filter = ("is_head", "category")
    search_fields = ("title_ru", "title_kk", "body__name_ru", "body__name_kk")
    list_select_related = ("body",)
    autocomplete_fields = ("body",)

    def get_readonly_fields(self, request, obj=None):
        # R-004-11: a listed category opens sensitive material; only administrators assign it.
        return () if request.user.is_superuser else ("category",)

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if _autocomplete_for(request, "position"):
            queryset = queryset.filter(pk__in=eligible_positions(request).values("pk"))
        return queryset, duplicates


class SeatInline(CouncilInlineScope, admin.TabularInline):
    model = Seat
    extra = 0
    autocomplete_fields = ("position",)
    fields = ("order", "position", "kind", "role", "side", "valid_from", "valid_to")


class OfficerInline(CouncilInlineScope, admin.TabularInline):
    model = CouncilOfficer
    extra = 0
    autocomplete_fields = ("person", "body")
    fields = ("role", "body", "person", "start", "end", "basis")


@admin.register(Council)
class CouncilAdmin(CouncilScopedAdmin, HistoryAdmin):
    council_lookup = "pk"
    list_display = ("name_ru", "kind", "parent", "profile", "is_active")
    list_filter = ("kind", "is_active", council_filter("parent"))
    search_fields = ("name_ru", "name_kk", "code", "region_ru", "region_kk")
    list_select_related = ("parent", "profile")
    inlines = [SeatInline, OfficerInline]

    change_form_template = "admin/council/council/change_form.html"

    def council_ids_of(self, obj):
        return {obj.pk}

    def get_urls(self):

        return [
            path(
                "<int:pk>/import-composition/",
                self.admin_site.admin_view(self.import_composition),
                name="council_council_import",
            ),
            *super().get_urls(),
        ]

    def import_composition(self, request, pk):
        """Upload -> preview with every row checked -> confirm: accepted rows are written, rejected ones listed."""

        council = get_object_or_404(Council, pk=pk)
        if not self.has_change_permission(request, council):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": council,
            "title": _("Import composition"),
            "columns": composition_import.COLUMNS,
            "required": composition_import.REQUIRED,
        }
        salt = f"composition-import:{council.pk}:{request.user.pk}"
        if request.method == "POST" and "payload" in request.POST:
            try:
                payload = signing.loads(request.POST["payload"], salt=salt, max_age=3600)
            except signing.BadSignature:
                messages.error(request, _("The preview has expired. Upload the file again."))
                return redirect(request.path)
            rows = composition_import.rows_from_payload(payload)
            counts = composition_import.apply(
                council=council, rows=rows, actor=request.user, now=timezone.now(), keeps=self._keeps(request)
            )
            messages.success(
                request,
                _(
                    "Imported %(rows)s rows: %(seats)s new seats, %(people)s new people, "
                    "%(appointments)s new appointments."
                )
                % counts,
            )
            if counts["rejected"]:
                messages.warning(
                    request,
                    _(
                        "%(rejected)s rows were not imported: the registry changed since the preview. "
                        "Upload the file again to see why."
                    )
                    % counts,
                )
            return redirect("admin:council_council_change", council.pk)
        if request.method == "POST":
            upload = request.FILES.get("file")
            try:
                if upload is None:
                    raise ValidationError(_("Choose a CSV or XLSX file."))
                if upload.size > 5 * 1024 * 1024:
                    raise ValidationError(_("The file is larger than 5 MB."))
                rows = composition_import.check_scope(
                    council=council,
                    rows=composition_import.parse(upload, today=timezone.localdate()),
                    keeps=self._keeps(request),
                    actor=request.user,
                )
            except ValidationError as exc:
                context["error"] = " ".join(exc.messages)
            else:
                context.update(
                    rows=rows,
                    accepted=sum(r.ok for r in rows),
                    rejected=[r for r in rows if not r.ok],
                    payload=signing.dumps(composition_import.rows_to_payload(rows), salt=salt),
                )
        return TemplateResponse(request, "admin/council/council/import_composition.html", context)

    @staticmethod
    def _keeps(request):
        if request.user.is_superuser:
            return set(Council.objects.values_list("pk", flat=True))
        return admin_scope(request)[1]

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ()
        # A territorial secretary keeps names and composition; kind, parent and profile are approved above.
        return ("code", "kind", "parent", "profile", "is_active")

    def has_add_permission(self, request, *args):
        return request.user.is_superuser


@admin.register(Appointment)
class AppointmentAdmin(LargeListAdmin, PeopleAndPositionsScope, CouncilScopedAdmin, HistoryAdmin):
    """Who holds or acts in a position. Nobody but an administrator appoints themselves: a secretary does
    not make themselves the acting chair."""

    council_lookup = "position__seats__council"
    list_display = ("person", "position", "kind", "start", "end")
    list_filter = ("kind", council_filter("position__seats__council"))
    search_fields = ("person__full_name_ru", "person__full_name_kk", "person__username", "position__title_ru")
    autocomplete_fields = ("person", "position")
    list_select_related = ("person", "position")
    date_hierarchy = "start"

    def council_ids_of(self, obj):
        return set(obj.position.seats.values_list("council_id", flat=True)) if obj.position_id else set()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "person" and not request.user.is_superuser:
            field.queryset = field.queryset.exclude(pk=request.user.pk)
        return field


@admin.register(AuditEvent)
class AuditEventAdmin(LargeListAdmin, ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("at", "actor", "council", "verb", "subject_type", "subject_id")
    list_filter = ("verb",)
    date_hierarchy = "at"


@admin.register(CalendarDay)
class CalendarDayAdmin(HistoryAdmin):
    """Entering next year's decree: one row per moved day, with the decree's number and date."""

    list_display = ("day", "weekday", "kind", "name_ru", "name_kk", "decree_number", "decree_date")
    list_filter = ("kind",)
    date_hierarchy = "day"
    search_fields = ("decree_number", "name_ru", "name_kk")
    fields = ("day", "kind", "name_kk", "name_ru", "decree_number", "decree_date", "note")

    @admin.display(description=_("day of the week"))
    def weekday(self, obj):
        return date_format(obj.day, "l")


@admin.register(RegulationProfile)
class RegulationProfileAdmin(HistoryAdmin):
    """Rules and settings are JSON checked against ``council/profile_schema.py`` (``RegulationProfile.clean``):
    an unknown key or a value of the wrong type is refused with the key named."""

    list_display = ("name_ru", "code", "version", "created_at")
    list_filter = ("code",)
    readonly_fields = ("created_at",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "rules":
            field.help_text = _(
                'Rule ids of REGULATION.md with their adjustments, such as {"R-000-10b": {"amount": 10}}: "amount", '
                '"unit" and "direction". A rule the profile does not list applies as written.'
            )
        elif db_field.name == "settings":
            field.help_text = format_html(
                "{}<ul>{}</ul>",
                _("A setting left out takes its default, shown after the name."),
                format_html_join(
                    "",
                    "<li><code>{}</code> <code>{}</code>: {}</li>",
                    (
                        (name, json.dumps(DEFAULTS[name], ensure_ascii=False), f.metadata["help_text"])
                        for name, f in SETTINGS.items()
                    ),
                ),
            )
        return field

    def has_change_permission(self, request, obj=None):
        # A version in use is never edited: a successor regulation is a new version.
        if obj is not None and obj.councils.exists():
            return False
        return super().has_change_permission(request, obj)


@admin.register(Deadline)
class DeadlineAdmin(LargeListAdmin, ReadOnlyAdmin, CouncilScopedAdmin, admin.ModelAdmin):
    list_display = ("title_ru", "council", "rule_id", "due_date", "state", "responsible_body")
    list_filter = ("state", "rule_id", council_filter("council"))
    search_fields = ("title_ru", "title_kk", "rule_id")
    date_hierarchy = "due_date"
    list_select_related = ("council", "responsible_body")


@admin.register(Notification)
class NotificationAdmin(LargeListAdmin, admin.ModelAdmin):
    """Each notice with what became of its e-mail: pending, sent, failed (attempts and the last error)."""

    list_display = ("title", "recipient", "created_at", "read_at", "delivery", "email_attempts", "emailed_at")
    list_filter = ("delivery",)
    search_fields = ("title", "recipient__username")
    list_select_related = ("recipient",)
    readonly_fields = [f.name for f in Notification._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False


from . import admin_access  # noqa: E402, F401  (position categories, access log)
