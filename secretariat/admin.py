from django.contrib import admin

from council.admin_scope import CouncilScopedAdmin, HistoryAdmin, ReadOnlyAdmin, council_filter

from .models import AgendaItem, Invitee, Meeting


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("number", "question_ru", "responsible_body")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin, CouncilScopedAdmin, HistoryAdmin):
    """Read-only: meetings move through the secretary's pages, where every rule is checked."""

    list_display = ("date", "council", "kind", "status", "online")
    list_filter = ("status", "kind", council_filter("council"))
    date_hierarchy = "date"
    list_select_related = ("council",)
    inlines = [AgendaItemInline]


@admin.register(Invitee)
class InviteeAdmin(ReadOnlyAdmin, CouncilScopedAdmin, HistoryAdmin):
    council_lookup = "item__meeting__council"
    list_display = ("full_name_ru", "position_ru", "item", "attendance_confirmed_at", "documents_received_at")
    search_fields = ("full_name_ru", "full_name_kk", "position_ru")
    list_select_related = ("item__meeting__council",)

    def council_ids_of(self, obj):
        return {obj.item.meeting.council_id}
