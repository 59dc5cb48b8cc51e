from django.urls import path

from council.files import document_download

from . import police_views, views, views_calendar, views_requests

app_name = "secretariat"
urlpatterns = [
    path("calendar/month/", views_calendar.calendar_month, name="calendar_month"),
    path("calendar/feed/", views_calendar.calendar_feed, name="calendar_feed"),
    path("calendar/feed/<str:token>.ics", views_calendar.calendar_ics, name="calendar_ics"),
    path("councils/<slug:code>/calendar/", views_calendar.council_calendar, name="council_calendar"),
    path("councils/<slug:code>/meetings/", views.meeting_list, name="meeting_list"),
    path("councils/<slug:code>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/agreement/", views.meeting_request_agreement, name="meeting_request_agreement"),
    path("meetings/<int:pk>/answer/", views.meeting_answer, name="meeting_answer"),
    path("agenda-items/<int:pk>/invitees/", views.invitee_add, name="invitee_add"),
    path("invitees/<int:pk>/confirm/", views.invitee_confirm, name="invitee_confirm"),
    path("agenda-items/<int:pk>/materials/", views.item_materials, name="item_materials"),
    path("materials/<int:pk>/", document_download, {"kind": "material"}, name="material_download"),
    path("agenda-items/<int:pk>/report/", views.item_report, name="item_report"),
    path("agenda-items/<int:pk>/decide/", views.item_decide, name="item_decide"),
    path("agenda-items/<int:pk>/allow-late/", views.item_allow_late, name="item_allow_late"),
    path("meetings/<int:pk>/approve/", views.agenda_approve, name="agenda_approve"),
    path("meetings/<int:pk>/dispatch/", views.agenda_dispatch, name="agenda_dispatch"),
    path("meetings/<int:pk>/pack/", views.meeting_pack, name="meeting_pack"),
    path("meetings/<int:pk>/book/<str:lang>/", views.meeting_book, name="meeting_book"),
    path("meetings/<int:pk>/agenda/<str:lang>/", views.meeting_agenda_pdf, name="meeting_agenda_pdf"),
    path("councils/<slug:code>/requests/", views_requests.member_requests, name="member_requests"),
    path("member-requests/<int:pk>/", views_requests.member_request, name="member_request"),
    path(
        "member-request-files/<int:pk>/",
        document_download,
        {"kind": "member_request_file"},
        name="member_request_file",
    ),
    path("my-meetings/", views.my_meetings, name="my_meetings"),
    path("meetings/<int:pk>/day/", views.meeting_day, name="meeting_day"),
    path("meetings/<int:pk>/media/", views_requests.meeting_media, name="meeting_media"),
    path("meetings/<int:pk>/hold/", views.meeting_hold, name="meeting_hold"),
    path("councils/<slug:code>/meetings/extraordinary/", views.extraordinary_new, name="extraordinary_new"),
    path("extraordinary/<int:pk>/decide/", views.extraordinary_decide, name="extraordinary_decide"),
    # A police chief's report to the public (seed 002)
    path("councils/<slug:code>/police-reports/", police_views.police_reports, name="police_reports"),
    path("councils/<slug:code>/police-reports/schedule/", police_views.schedule_approve, name="schedule_approve"),
    path("councils/<slug:code>/police-reports/new/", police_views.report_new, name="police_report_new"),
    path("police-reports/<int:pk>/", police_views.police_report, name="police_report"),
    path("police-reports/<int:pk>/topics/", police_views.report_topics, name="report_topics"),
    path("police-reports/<int:pk>/register/", police_views.report_register, name="report_register"),
    path("police-reports/<int:pk>/publications/", police_views.publication_add, name="publication_add"),
    path("police-reports/<int:pk>/sources/", police_views.source_add, name="source_add"),
    path("publications/<int:pk>/copy/", document_download, {"kind": "publication"}, name="publication_copy"),
    path("report-sources/<int:pk>/", document_download, {"kind": "report_source"}, name="report_source"),
    path("police-reports/<int:pk>/questions/", police_views.question_add, name="question_add"),
    path("citizen-questions/<int:pk>/answer/", police_views.question_answer, name="question_answer"),
    path("public/reports/<int:pk>/", police_views.public_report, name="public_report"),
    path("public/<slug:code>/reports/", police_views.public_reports, name="public_reports"),
]
