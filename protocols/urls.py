from django.urls import path

from . import views

app_name = "protocols"
urlpatterns = [
    path("councils/<slug:code>/protocols/", views.protocol_list, name="protocol_list"),
    path("protocols/<int:pk>/", views.protocol_detail, name="protocol_detail"),
    path("protocol-items/<int:pk>/", views.item_edit, name="item_edit"),
    path("protocol-items/<int:pk>/decisions/new/", views.decision_edit, name="decision_new"),
    path("protocol-items/<int:pk>/decisions/<int:decision_pk>/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/votes/", views.decision_votes, name="decision_votes"),
    path("protocols/<int:pk>/send/", views.protocol_send, name="protocol_send"),
    path("protocols/<int:pk>/answer/", views.protocol_answer, name="protocol_answer"),
    path("protocols/<int:pk>/rework/", views.protocol_rework, name="protocol_rework"),
    path("protocols/<int:pk>/present/", views.protocol_present, name="protocol_present"),
    path("protocols/<int:pk>/sign/", views.protocol_sign, name="protocol_sign"),
    path("protocols/<int:pk>/dispatch/", views.protocol_dispatch, name="protocol_dispatch"),
    path("protocols/<int:pk>/correct/", views.protocol_correct, name="protocol_correct"),
    path("protocols/<int:pk>/pdf/<str:lang>/", views.protocol_pdf, name="protocol_pdf"),
]
