from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Appointment,
    AuditEvent,
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


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Council"), {"fields": ("full_name_kk", "full_name_ru", "preferred_language")}),
    )
    list_display = ("username", "full_name_ru", "full_name_kk", "email", "is_active")
    search_fields = ("username", "full_name_ru", "full_name_kk", "email")


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "name_kk", "code")
    search_fields = ("name_ru", "name_kk", "code")


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ("title_ru", "body", "is_head")
    list_filter = ("is_head",)
    search_fields = ("title_ru", "title_kk", "body__name_ru")
    list_select_related = ("body",)


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    autocomplete_fields = ("position",)


class OfficerInline(admin.TabularInline):
    model = CouncilOfficer
    extra = 0
    autocomplete_fields = ("person", "body")


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name_ru", "name_kk", "code")
    inlines = [SeatInline, OfficerInline]


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    list_display = ("person", "position", "kind", "start", "end")
    list_filter = ("kind",)
    search_fields = ("person__full_name_ru", "person__username", "position__title_ru")
    autocomplete_fields = ("person", "position")
    list_select_related = ("person", "position")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "council", "verb", "subject_type", "subject_id")
    list_filter = ("verb",)
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    """Entering next year's decree: one row per moved day, with the decree's number and date."""

    list_display = ("day", "weekday", "kind", "name_ru", "name_kk", "decree_number", "decree_date")
    list_filter = ("kind",)
    date_hierarchy = "day"
    search_fields = ("decree_number", "name_ru", "name_kk")
    fieldsets = ((None, {"fields": ("day", "kind", "name_kk", "name_ru", "decree_number", "decree_date", "note")}),)

    @admin.display(description=_("day of the week"))
    def weekday(self, obj):
        from django.utils.formats import date_format

        return date_format(obj.day, "l")


@admin.register(RegulationProfile)
class RegulationProfileAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "code", "version", "created_at")
    list_filter = ("code",)
    readonly_fields = ("created_at",)

    def has_change_permission(self, request, obj=None):
        # A version in use is never edited: a successor regulation is a new version.
        if obj is not None and obj.councils.exists():
            return False
        return super().has_change_permission(request, obj)


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ("title_ru", "council", "rule_id", "due_date", "state", "responsible_body")
    list_filter = ("state", "rule_id", "council")
    search_fields = ("title_ru", "title_kk", "rule_id")
    date_hierarchy = "due_date"
    list_select_related = ("council", "responsible_body")
    readonly_fields = [f.name for f in Deadline._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "created_at", "read_at", "emailed_at")
    search_fields = ("title", "recipient__username")
    list_select_related = ("recipient",)
    readonly_fields = [f.name for f in Notification._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False
