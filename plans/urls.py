from django.urls import path

from council.files import document_download

from . import views, views_control

app_name = "plans"
urlpatterns = [
    path("councils/<slug:code>/plans/", views.plan_list, name="plan_list"),
    path("councils/<slug:code>/proposals/", views.proposal_list, name="proposal_list"),
    path("councils/<slug:code>/proposals/new/", views.proposal_new, name="proposal_new"),
    path("proposals/<int:pk>/decide/", views.proposal_decide, name="proposal_decide"),
    path("proposals/<int:pk>/file/", document_download, {"kind": "proposal"}, name="proposal_file"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/items/new/", views.item_new, name="item_new"),
    path("plans/<int:pk>/items/<int:number>/", views.item_edit, name="item_edit"),
    path("plans/<int:pk>/items/<int:number>/remove/", views.item_remove, name="item_remove"),
    path("plans/<int:pk>/items/<int:number>/control/", views_control.item_control, name="item_control"),
    path("plans/<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/decide/", views.plan_decide, name="plan_decide"),
    path("plans/<int:pk>/proposals/", views.plan_add_proposals, name="plan_add_proposals"),
    path("plans/<int:pk>/pdf/<str:lang>/", views.plan_pdf, name="plan_pdf"),
]
