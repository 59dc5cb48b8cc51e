"""The permission matrix's rows for the read API and the account's token pages
(tests/test_permission_matrix.py merges them). Anonymous readers get 404 for what no council publishes (the
demo publishes nothing); an object answers 404, never 403, where its page would refuse: the API does not
tell that an object exists. POST is never allowed (405)."""

from django.urls import reverse

from tests import clock

REPUBLIC = [404, 200, 200, 200, 200, 200, 200, 404, 404, 404]  # as the republic council's pages
DOCUMENTS = [404, 200, 200, 200, 404, 200, 404, 404, 404, 404]  # the agenda is not sent yet (R-000-10e)
DRAFT = [404, 200, 200, 200, 404, 200, 404, 404, 404, 404]  # the protocol is a draft (R-000-11b)
EVERYONE = [200] * 10
NOBODY = [404] * 10

API_MATRIX = {
    "api_tokens": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "oparl_system": EVERYONE,
    "oparl_bodies": EVERYONE,  # each reader's list holds only their own councils
    "oparl_body": REPUBLIC,
    "oparl_body_organizations": REPUBLIC,
    "oparl_body_people": REPUBLIC,
    "oparl_body_memberships": REPUBLIC,
    "oparl_organization": REPUBLIC,
    "oparl_organization_body": REPUBLIC,
    "oparl_person": REPUBLIC,
    "oparl_membership": REPUBLIC,
    "oparl_membership_officer": REPUBLIC,
    "oparl_body_terms": REPUBLIC,
    "oparl_term": REPUBLIC,
    "oparl_body_meetings": REPUBLIC,
    "oparl_body_agenda_items": REPUBLIC,
    "oparl_body_locations": REPUBLIC,
    "oparl_meeting": REPUBLIC,
    "oparl_location": REPUBLIC,
    "oparl_agenda_item": REPUBLIC,
    "oparl_body_papers": REPUBLIC,
    "oparl_body_files": REPUBLIC,
    "oparl_paper_material": DOCUMENTS,
    "oparl_file_material": DOCUMENTS,
    "oparl_paper_protocol": DRAFT,
    "oparl_paper_decision": DRAFT,
    "oparl_file_protocol": NOBODY,  # a draft has no stored PDF
    "oparl_protocol_export": NOBODY,  # only a signed protocol is exported
    # The page's export: refused as the protocol's page is (R-000-11b), and there is none for a draft.
    "protocol_export": [302, 404, 404, 404, 403, 404, 403, 404, 404, 404],
}

API_POST_MATRIX = {
    # The owner revokes their token (back to the page); nobody else learns it exists.
    "api_token_revoke": [302, 404, 302, 404, 404, 404, 404, 404, 404, 404],
    "page:api_tokens": [302, 200, 200, 200, 200, 200, 200, 200, 200, 200],  # the empty form again
    **{f"page:{name}": [405] * 10 for name in API_MATRIX if name.startswith("oparl_")},
    "page:protocol_export": [302, 405, 405, 405, 405, 405, 405, 405, 405, 405],
}


def api_urls(demo, w, user_named):
    from council.models import Appointment, Body, CouncilOfficer

    republic = demo["republic"]
    appointment = Appointment.objects.filter(position__seats__council=republic).order_by("pk").first()
    officer = CouncilOfficer.objects.filter(council=republic).order_by("pk").first()
    mvd = Body.objects.get(code="mvd")
    meeting, material, protocol = w["meeting"], w["material"], w["protocol"]
    r = republic.pk
    return {
        "api_tokens": reverse("api_tokens"),
        "oparl_system": reverse("oparl-system"),
        "oparl_bodies": reverse("oparl-bodies"),
        "oparl_body": reverse("oparl-body", args=[r]),
        "oparl_body_organizations": reverse("oparl-body-organizations", args=[r]),
        "oparl_body_people": reverse("oparl-body-people", args=[r]),
        "oparl_body_memberships": reverse("oparl-body-memberships", args=[r]),
        "oparl_organization": reverse("oparl-organization", args=[r]),
        "oparl_organization_body": reverse("oparl-organization-body", args=[r, mvd.pk]),
        "oparl_person": reverse("oparl-person", args=[user_named("chair").pk]),
        "oparl_membership": reverse("oparl-membership", args=[r, appointment.pk]),
        "oparl_membership_officer": reverse("oparl-membership-officer", args=[r, officer.pk]),
        "oparl_body_terms": reverse("oparl-body-terms", args=[r]),
        "oparl_term": reverse("oparl-term", args=[w["plan"].pk]),
        "oparl_body_meetings": reverse("oparl-body-meetings", args=[r]),
        "oparl_body_agenda_items": reverse("oparl-body-agenda-items", args=[r]),
        "oparl_body_locations": reverse("oparl-body-locations", args=[r]),
        "oparl_meeting": reverse("oparl-meeting", args=[meeting.pk]),
        "oparl_location": reverse("oparl-location", args=[meeting.pk]),
        "oparl_agenda_item": reverse("oparl-agenda-item", args=[w["item"].pk]),
        "oparl_body_papers": reverse("oparl-body-papers", args=[r]),
        "oparl_body_files": reverse("oparl-body-files", args=[r]),
        "oparl_paper_material": reverse("oparl-paper-material", args=[material.pk]),
        "oparl_file_material": reverse("oparl-file-material", args=[material.pk]),
        "oparl_paper_protocol": reverse("oparl-paper-protocol", args=[protocol.pk]),
        "oparl_paper_decision": reverse("oparl-paper-decision", args=[w["decision"].pk]),
        "oparl_file_protocol": reverse("oparl-file-protocol", args=[protocol.pk, "ru"]),
        "oparl_protocol_export": reverse("oparl-protocol-export", args=[protocol.pk]),
        "protocol_export": reverse("protocols:protocol_export", args=[protocol.pk]),
    }


def api_actions(user_named):

    from council.token_services import api_token_create

    token, _raw = api_token_create(actor=user_named("secretary"), name="matrix", now=clock.now())
    return {"api_token_revoke": reverse("api_token_revoke", args=[token.pk])}
