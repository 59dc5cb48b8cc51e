from django.contrib import admin

from council.admin_scope import CouncilScopedAdmin, HistoryAdmin, ReadOnlyAdmin, council_filter

from .models import Approval


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdmin, CouncilScopedAdmin, HistoryAdmin):
    """Read-only in admin: approvals move only through the secretary's and the chair's actions."""

    list_display = ("council", "kind", "status", "created_at", "decided_at")
    list_filter = ("status", "kind", council_filter("council"))
    search_fields = ("council__name_ru", "council__name_kk", "note", "remarks")
    list_select_related = ("council",)
