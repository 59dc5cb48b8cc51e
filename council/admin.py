from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Appointment, AuditEvent, Body, Council, CouncilOfficer, Position, Seat, User


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
