"""The core app's part of ``/api/oparl/v1/`` (the other apps add theirs from their own ``api`` modules)."""

from django.urls import path

from . import objects

urlpatterns = [
    path("", objects.SystemView.as_view(), name="oparl-system"),
    path("body/", objects.BodyList.as_view(), name="oparl-bodies"),
    path("body/<int:pk>/", objects.BodyDetail.as_view(), name="oparl-body"),
    path("body/<int:pk>/organization/", objects.OrganizationList.as_view(), name="oparl-body-organizations"),
    path("body/<int:pk>/person/", objects.PersonList.as_view(), name="oparl-body-people"),
    path("body/<int:pk>/membership/", objects.MembershipList.as_view(), name="oparl-body-memberships"),
    path("organization/<int:pk>/", objects.OrganizationDetail.as_view(), name="oparl-organization"),
    path(
        "organization/<int:pk>/body/<int:body_pk>/", objects.StateBodyDetail.as_view(), name="oparl-organization-body"
    ),
    path("person/<int:pk>/", objects.PersonDetail.as_view(), name="oparl-person"),
    path("membership/<int:pk>/<int:appointment_pk>/", objects.MembershipDetail.as_view(), name="oparl-membership"),
    path(
        "membership/<int:pk>/officer/<int:officer_pk>/",
        objects.OfficerDetail.as_view(),
        name="oparl-membership-officer",
    ),
]
