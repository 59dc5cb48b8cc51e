"""Admin of the access rules of analytical work (seed 004): the position categories of Appendix 2 (edited by
administrators, every change kept), the access log auditors, and the access log itself (read only: the
database refuses any change). Sensitive material is not in admin: it opens only with a stated basis."""

from django.contrib import admin

from .admin_scope import HistoryAdmin, ReadOnlyAdmin
from .models import AccessAuditor, AccessLogEntry, PositionCategory


class SuperuserOnly:
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PositionCategory)
class PositionCategoryAdmin(SuperuserOnly, HistoryAdmin):
    list_display = ("number", "name_ru", "name_kk", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name_ru", "name_kk")


@admin.register(AccessAuditor)
class AccessAuditorAdmin(SuperuserOnly, HistoryAdmin):
    list_display = ("person", "council", "start", "end", "basis")
    list_select_related = ("person", "council")
    autocomplete_fields = ("person", "council")


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(SuperuserOnly, ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("at", "person_name", "category_number", "council", "material", "action", "basis_reference")
    list_filter = ("action",)
    date_hierarchy = "at"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False
