"""Who reads what through the read API: personal tokens (shown once, stored as a digest, revoked by their
owner), the pages' own permissions (R-000-8: another council's objects do not exist for the reader;
R-000-10e: materials before the agenda is sent; R-000-11b: draft protocols), anonymous readers limited to
what a council publishes (R-002-8), a throttle per token, and the list filters."""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from council.models import ApiToken, AuditEvent, token_digest
from council.token_services import api_token_create
from tests import clock
from tests.oparl_walk import Walker

pytestmark = pytest.mark.django_db

API = "/api/oparl/v1/"


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def token_for(user):
    return api_token_create(actor=user, name="test", now=clock.now())[1]


def walk(client, raw=None):
    headers = bearer(raw) if raw else {}
    return Walker(lambda path: client.get(path, **headers)).walk()


@pytest.fixture
def world(demo, user_named):
    from tests.world import build

    return build(demo, user_named)


# Tokens


def test_a_token_is_shown_once_and_stored_only_as_its_digest(client, sign_in):
    user = sign_in("member_mvd")
    response = client.post(reverse("api_tokens"), {"name": "Офис МВД"})
    assert response.status_code == 200
    raw = response.context["raw"]
    assert raw and raw in response.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.digest == token_digest(raw) and raw not in (token.digest, token.prefix, token.name)
    assert AuditEvent.objects.filter(verb="api_token.create", subject_id=token.pk).exists()
    again = client.get(reverse("api_tokens")).content.decode()
    assert raw not in again and token.prefix in again and "Офис МВД" in again
    assert client.get(API + "body/", **bearer(raw)).status_code == 200


def test_a_revoked_token_is_refused(client, sign_in):
    user = sign_in("member_mvd")
    token, raw = api_token_create(actor=user, name="x", now=clock.now())
    assert client.get(API + "body/", **bearer(raw)).status_code == 200
    response = client.post(reverse("api_token_revoke", args=[token.pk]), follow=True)
    assert "revoked" in response.content.decode() or "отозван" in response.content.decode()
    client.logout()
    refused = client.get(API + "body/", **bearer(raw))
    assert refused.status_code == 401 and refused["WWW-Authenticate"].startswith("Bearer")
    assert client.get(API + "body/", **bearer("not-a-token")).status_code == 401


def test_a_token_is_revoked_only_by_its_owner(client, sign_in, user_named):
    token, raw = api_token_create(actor=user_named("secretary"), name="x", now=clock.now())
    sign_in("chair")
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_empty_or_overlong_name_is_refused_with_a_reason(client, sign_in):
    sign_in("member_mvd")
    assert client.post(reverse("api_tokens"), {"name": ""}).context["raw"] is None
    response = client.post(reverse("api_tokens"), {"name": "x" * 101})
    assert response.status_code == 200 and response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


# The pages' permissions


def _public_councils():
    """Councils that publish their schedule (the police chief's report, R-002-8): readable by anyone."""
    from council.deadline_services import council_profile
    from council.models import Council

    return {str(c.pk) for c in Council.objects.all() if council_profile(c).typed.public_schedule}


def _councils_seen(seen):
    return {url.split("/body/")[1].split("/")[0] for url in seen if "/api/oparl/v1/body/" in url}


def test_a_reader_of_one_council_never_sees_another_councils_objects(client, demo, world, user_named):
    """R-000-8: the oblast member's token reads the oblast council only; nothing of the republic council
    (its meetings, questions, materials, protocols, people) is listed or opens by its URL."""
    oblast, republic = demo["oblast"], demo["republic"]
    raw = token_for(user_named("oblast_member_dp"))
    seen = walk(client, raw)
    public = _public_councils()
    assert _councils_seen(seen) - public == {str(oblast.pk)}
    body_urls = {o.get("body") for o in seen.values() if o.get("body")}
    assert all(any(f"/body/{pk}/" in u for pk in {str(oblast.pk), *public}) for u in body_urls)
    for name, pk in [
        ("oparl-body", republic.pk),
        ("oparl-meeting", world["meeting"].pk),
        ("oparl-agenda-item", world["item"].pk),
        ("oparl-paper-material", world["material"].pk),
        ("oparl-paper-protocol", world["protocol"].pk),
        ("oparl-paper-decision", world["decision"].pk),
        ("oparl-term", world["plan"].pk),
        ("oparl-person", user_named("chair").pk),
    ]:
        assert client.get(reverse(name, args=[pk]), **bearer(raw)).status_code == 404, name
    assert client.get(reverse("oparl-body-meetings", args=[republic.pk]), **bearer(raw)).status_code == 404
    # And the other way round: the republic member reads nothing of the oblast council.
    member = walk(client, token_for(user_named("member_mvd")))
    assert _councils_seen(member) - public == {str(republic.pk)}


def test_drafts_and_unsent_materials_stay_with_those_who_prepare_them(client, world, user_named):
    """R-000-11b, R-000-10e: the member sees neither the draft protocol nor the material of a meeting whose
    agenda is not sent; the secretary sees both; the lists agree with the objects' URLs."""
    draft = reverse("oparl-paper-protocol", args=[world["protocol"].pk])
    material = reverse("oparl-paper-material", args=[world["material"].pk])
    member, secretary = token_for(user_named("member_mvd")), token_for(user_named("secretary"))
    member_seen, secretary_seen = walk(client, member), walk(client, secretary)
    assert not any(draft in url or material in url for url in member_seen)
    assert any(url.endswith(draft) for url in secretary_seen) and any(url.endswith(material) for url in secretary_seen)
    assert client.get(draft, **bearer(member)).status_code == 404
    assert client.get(draft, **bearer(secretary)).status_code == 200


# Anonymous readers


def test_anonymous_readers_see_nothing_that_no_council_publishes(client, world):
    seen = walk(client)
    # What the police chief's report publishes (R-002-8) is all there is; no coordination council's object.
    assert _councils_seen(seen) <= _public_councils()
    assert not {str(world["meeting"].council_id)} & _councils_seen(seen)
    assert client.get(reverse("oparl-meeting", args=[world["meeting"].pk])).status_code == 404


@pytest.fixture
def public_report(demo, user_named):
    """A police chief's report to the public, whose profile publishes the schedule (R-002-8), with one
    meeting and its question."""
    from council.deadline_services import profile_ensure_presets
    from council.models import Council
    from secretariat.models import AgendaItem, Meeting

    council = Council.objects.create(
        code="police-report",
        kind=Council.Kind.PUBLIC_REPORT,
        name_kk="Полиция бастығының есебі",
        name_ru="Отчёт начальника полиции",
        profile=profile_ensure_presets()["public-report"],
    )
    meeting = Meeting.objects.create(
        council=council,
        date=datetime.date(2027, 2, 10),
        time=datetime.time(15, 0),
        place_ru="г. Алматы, Дворец культуры",
        place_kk="Алматы қ., Мәдениет сарайы",
        created_by=user_named("secretary"),
        created_at=clock.now(),
    )
    item = AgendaItem.objects.create(meeting=meeting, number=1, question_kk="Есеп", question_ru="Отчёт")
    return {"council": council, "meeting": meeting, "item": item}


def test_anonymous_readers_see_only_the_published_schedule(client, public_report):
    """R-002-8: time, place and schedule are published; the questions, people and papers are not."""
    seen = walk(client)
    types = {o["type"].rsplit("/", 1)[-1] for o in seen.values()}
    assert types <= {"Body", "Organization", "Meeting", "Location"} and "Meeting" in types
    meeting = next(o for o in seen.values() if o["type"].endswith("/Meeting"))
    assert meeting["start"].startswith("2027-02-10T15:00") and "Дворец культуры" in meeting["location"]["description"]
    assert "agendaItem" not in meeting
    organizations = [o for o in seen.values() if o["type"].endswith("/Organization")]
    assert organizations and not any("membership" in o for o in organizations)  # a public schedule names nobody
    assert client.get(reverse("oparl-agenda-item", args=[public_report["item"].pk])).status_code == 404
    council = public_report["council"].pk
    for name in ("oparl-body-people", "oparl-body-papers", "oparl-body-agenda-items", "oparl-body-files"):
        assert client.get(reverse(name, args=[council])).json()["data"] == [], name


# Throttle and list filters


@override_settings(OPARL_THROTTLE_RATE="3/min")
def test_each_token_has_its_own_throttle(client, user_named):
    cache.clear()
    first, second = token_for(user_named("secretary")), token_for(user_named("chair"))
    assert [client.get(API, **bearer(first)).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert client.get(API, **bearer(second)).status_code == 200
    cache.clear()


def test_modified_since_and_pages(client, world, user_named):
    raw = token_for(user_named("secretary"))
    url = reverse("oparl-body-meetings", args=[world["meeting"].council_id])
    everything = client.get(url, **bearer(raw)).json()
    assert everything["pagination"]["totalElements"] >= 1
    future = (clock.now() + datetime.timedelta(days=1)).isoformat()
    past = (clock.now() - datetime.timedelta(days=1)).isoformat()
    assert client.get(url, {"modified_since": future}, **bearer(raw)).json()["data"] == []
    assert client.get(url, {"modified_since": past}, **bearer(raw)).json()["pagination"] == everything["pagination"]
    bad = client.get(url, {"modified_since": "yesterday"}, **bearer(raw))
    assert bad.status_code == 400 and "modified_since" in bad.json()["detail"]
    for junk in ("2026-02-30", "0001-01-01T00:00:00", "²"):
        assert client.get(url, {"modified_since": junk, "page": junk}, **bearer(raw)).status_code == 400, junk
    papers = reverse("oparl-body-papers", args=[world["meeting"].council_id])
    one = client.get(papers, {"limit": 1}, **bearer(raw)).json()
    assert len(one["data"]) == 1 and one["pagination"]["totalPages"] == one["pagination"]["totalElements"]
    assert "limit=1" in one["links"]["next"] and "prev" not in one["links"]
    assert client.get(papers, {"limit": "0"}, **bearer(raw)).status_code == 400
