from django.urls import path

from council.files import document_download

from . import police_views, views, views_control, views_review

app_name = "protocols"
urlpatterns = [
    path("councils/<slug:code>/protocols/", views.protocol_list, name="protocol_list"),
    path("protocols/<int:pk>/", views.protocol_detail, name="protocol_detail"),
    path("protocol-items/<int:pk>/", views.item_edit, name="item_edit"),
    path("protocols/<int:pk>/public/", views.public_part, name="public_part"),
    path("protocol-items/<int:pk>/decisions/new/", views.decision_edit, name="decision_new"),
    path("protocol-items/<int:pk>/decisions/<int:decision_pk>/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/votes/", views.decision_votes, name="decision_votes"),
    path("protocols/<int:pk>/send/", views.protocol_send, name="protocol_send"),
    path("protocols/<int:pk>/answer/", views.protocol_answer, name="protocol_answer"),
    path("protocols/<int:pk>/rework/", views.protocol_rework, name="protocol_rework"),
    path("protocols/<int:pk>/remarks/", views.remark_handle, name="remark_handle"),
    path("protocols/<int:pk>/present/", views.protocol_present, name="protocol_present"),
    path("protocols/<int:pk>/sign/", views.protocol_sign, name="protocol_sign"),
    path("protocols/<int:pk>/dispatch/", views.protocol_dispatch, name="protocol_dispatch"),
    path("protocols/<int:pk>/correct/", views.protocol_correct, name="protocol_correct"),
    path("protocols/<int:pk>/pdf/<str:lang>/", views.protocol_pdf, name="protocol_pdf"),
    path("protocols/<int:pk>/export.zip", views.protocol_export, name="protocol_export"),
    path("councils/<slug:code>/execution/", views_control.assignment_list, name="assignment_list"),
    path("assignments/<int:pk>/", views_control.assignment_detail, name="assignment_detail"),
    path("assignments/<int:pk>/report/", views_control.assignment_report, name="assignment_report"),
    path("reports/<int:pk>/file/", document_download, {"kind": "report"}, name="report_file"),
    path("assignments/<int:pk>/analyse/", views_control.assignment_analyse, name="assignment_analyse"),
    path("assignments/<int:pk>/removal/", views_control.assignment_removal, name="assignment_removal"),
    path("assignments/<int:pk>/extension/", views_control.extension_request, name="extension_request"),
    path("assignments/<int:pk>/cancel/", views_review.assignment_cancel_view, name="assignment_cancel"),
    path("councils/<slug:code>/oral-instructions/", views_review.oral_instructions, name="oral_instructions"),
    path("control-reviews/<int:pk>/", views_review.control_review, name="control_review"),
    path("extensions/<int:pk>/decide/", views_control.extension_decide, name="extension_decide"),
    path("councils/<slug:code>/execution/report/", views_control.chair_report, name="chair_report"),
    path("chair-reports/<int:pk>/pdf/<str:lang>/", views_control.chair_report_pdf, name="chair_report_pdf"),
    path("compliance/", views_control.compliance_dashboard, name="compliance"),
    path("search/", views_control.search, name="search"),
    # A citizen's question at a police chief's report: its check or forwarding (R-002-16, R-002-17)
    path("citizen-questions/<int:pk>/follow-up/", police_views.question_follow_up, name="question_follow_up"),
    path("citizen-questions/<int:pk>/check/", police_views.question_check_new, name="question_check_new"),
    path("citizen-questions/<int:pk>/forward/", police_views.question_forward_new, name="question_forward_new"),
    path("citizen-questions/<int:pk>/check/close/", police_views.check_close, name="check_close"),
    path("citizen-questions/<int:pk>/forward/notice/", police_views.forward_notify, name="forward_notify"),
]
