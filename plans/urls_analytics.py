"""Unplanned analytical work (seed 004), under its own namespace."""

from django.urls import path

from council.files import document_download

from . import views_analytics as views

app_name = "analytics"
urlpatterns = [
    path("councils/<slug:code>/unplanned/", views.unplanned_list, name="unplanned_list"),
    path("councils/<slug:code>/unplanned/new/", views.unplanned_new, name="unplanned_new"),
    path("unplanned/<int:pk>/", views.unplanned_detail, name="unplanned_detail"),
    path("unplanned/<int:pk>/accept/", views.unplanned_accept, name="unplanned_accept"),
    path("unplanned/<int:pk>/refuse/", views.unplanned_refuse, name="unplanned_refuse"),
    path("unplanned/<int:pk>/answer/", views.unplanned_answer, name="unplanned_answer"),
    path("unplanned/<int:pk>/result/", views.unplanned_result, name="unplanned_result"),
    path("unplanned/<int:pk>/close/", views.unplanned_close, name="unplanned_close"),
    path("unplanned/<int:pk>/confirm/", views.unplanned_confirm, name="unplanned_confirm"),
    path("unplanned/documents/<int:pk>/", document_download, {"kind": "unplanned"}, name="unplanned_document"),
]
