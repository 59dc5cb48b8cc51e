"""Search answers with the same predicates as the pages: a document appears in a user's results exactly
when its page answers 200 to that user (R-000-8 a council's documents stay within it, R-000-10e members
read the agenda's documents once it is sent, R-000-11b members read the protocol once the draft is sent)."""

import pytest
from django.urls import reverse

from tests.world import WORD, build

pytestmark = pytest.mark.django_db

ALL = {"plan_item", "proposal", "agenda_item", "material", "protocol_item", "decision", "assignment", "report"}
COUNCIL_WIDE = {"plan_item", "agenda_item", "assignment", "report"}
# Seed 004: unplanned analytical work for the analysts (acting_mju acts in a position of a listed category),
# the secretary and the chair; sensitive material only for a listed category (R-004-11).
UNPLANNED = {"unplanned"}
# What each role finds of the republic council's documents: the draft protocol and the materials of an
# agenda not yet sent are the preparers'; a proposal is its author's, its body's, the secretary's and
# the chair's.
EXPECTED = {
    "admin": ALL | UNPLANNED,
    "secretary": ALL | UNPLANNED,
    "chair": ALL | UNPLANNED,
    "member_mvd": COUNCIL_WIDE,
    "sec_mvd": ALL - {"proposal"},  # the secretariat employee of the Ministry of Internal Affairs
    "acting_mju": COUNCIL_WIDE | {"proposal", "unplanned", "sensitive"},  # the proposal's author, an analyst
    "oblast_secretary": set(),
    "oblast_member_dp": set(),
    "judge": set(),  # invited to the question: no search of the council's internal documents (R-000-12)
}


@pytest.fixture
def world(demo, user_named):
    return build(demo, user_named)


def pages(world):
    """The page each kind of hit links to."""
    return {
        "plan_item": world["plan"].get_absolute_url(),
        "proposal": reverse("plans:proposal_list", args=["republic"]),
        "agenda_item": world["meeting"].get_absolute_url(),
        "material": reverse("secretariat:item_materials", args=[world["item"].pk]),
        "protocol_item": world["protocol"].get_absolute_url(),
        "decision": world["protocol"].get_absolute_url(),
        "assignment": world["assignment"].get_absolute_url(),
        "report": world["assignment"].get_absolute_url(),
        "unplanned": world["unplanned"].get_absolute_url(),
        "sensitive": reverse("access:material_open", args=[world["sensitive"].pk]),
    }


def found(client, **params):
    response = client.get(reverse("protocols:search"), {"q": WORD, **params})
    assert response.status_code == 200
    return response.context["hits"]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_a_user_finds_exactly_the_documents_whose_pages_they_may_open(client, user_named, world, role):
    client.force_login(user_named(role))
    hits = found(client)
    assert {h.kind for h in hits} == EXPECTED[role]
    for hit in hits:  # every link answers
        assert client.get(hit.url.split("#")[0]).status_code == 200, hit.kind
    for kind, url in pages(world).items():
        if kind not in EXPECTED[role] and kind != "proposal":  # the proposal list itself is open, filtered
            assert client.get(url).status_code in (403, 404), kind


def test_a_member_does_not_find_draft_decisions_even_when_asking_for_drafts(client, user_named, world):
    """The hole: a member who gets 403 on the draft protocol saw its decisions in search."""
    client.force_login(user_named("member_mvd"))
    assert client.get(world["protocol"].get_absolute_url()).status_code == 403
    assert found(client) and not [h for h in found(client) if h.kind in ("decision", "protocol_item")]
    assert found(client, status="decision:draft") == []
    assert found(client, kind="decision") == []


def test_members_find_the_decisions_once_the_draft_is_sent_to_them(client, user_named, world):
    from protocols.models import Protocol

    Protocol.objects.filter(pk=world["protocol"].pk).update(status=Protocol.Status.AGREEMENT)
    client.force_login(user_named("member_mvd"))
    assert {h.kind for h in found(client)} >= {"decision", "protocol_item"}
    assert client.get(world["protocol"].get_absolute_url()).status_code == 200


def test_members_find_the_materials_once_the_agenda_is_sent(client, user_named, world):
    from secretariat.models import Meeting

    client.force_login(user_named("member_mvd"))
    assert "material" not in {h.kind for h in found(client)}
    Meeting.objects.filter(pk=world["meeting"].pk).update(status=Meeting.Status.DISPATCHED)
    assert "material" in {h.kind for h in found(client)}


def test_a_proposal_is_found_by_its_bodys_people_and_not_by_other_members(client, user_named, world):
    from council.models import Body
    from plans.models import Proposal

    client.force_login(user_named("sec_mvd"))
    assert "proposal" not in {h.kind for h in found(client)}
    Proposal.objects.filter(pk=world["proposal"].pk).update(body=Body.objects.get(code="mvd"))
    assert "proposal" in {h.kind for h in found(client)}
    listed = client.get(reverse("plans:proposal_list", args=["republic"]))
    assert world["proposal"] in listed.context["proposals"]
