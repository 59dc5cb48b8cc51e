from django.urls import path

from council.files import document_download

from . import views

app_name = "territorial"
urlpatterns = [
    path("councils/<slug:code>/approvals/", views.approval_list, name="approval_list"),
    path("councils/<slug:code>/approvals/new/", views.approval_new, name="approval_new"),
    path("approvals/", views.approvals_awaiting, name="approvals_awaiting"),
    path("approvals/<int:pk>/", views.approval_detail, name="approval_detail"),
    path("approvals/<int:pk>/document/", document_download, {"kind": "approval"}, name="approval_document"),
    path("approvals/<int:pk>/submit/", views.approval_submit_view, name="approval_submit"),
    path("councils/<slug:code>/regional-reports/", views.regional_reports, name="regional_reports"),
    path(
        "regional-reports/<int:pk>/document/",
        document_download,
        {"kind": "regional_report"},
        name="regional_report_document",
    ),
    path("approvals/<int:pk>/decide/", views.approval_decide_view, name="approval_decide"),
]
