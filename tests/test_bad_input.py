"""Bad input never gives a server error: a value no form of the site sends (a year out of range, letters
where an id goes, a NUL byte) gets the 400 page with the reason; text longer than its column gets a form
error that keeps what was typed. Nothing is written in either case (checked on PostgreSQL)."""

import pytest
from django.urls import reverse

from tests import site_map

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo, user_named):
    return site_map.build(demo, user_named)


def refused_400(response, *words):
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="topbar"' in page  # the site's layout, with the menu
    for word in words:
        assert word in page
    return page


@pytest.mark.parametrize(
    "url,query,word",
    [
        ("/compliance/", "year=99999", "2100"),
        ("/compliance/", "year=0", "2000"),
        ("/compliance/", "quarter=7", "quarter"),
        ("/compliance/", "year=abc", "2000"),
        ("/councils/republic/protocols/", "year=99999", "2100"),
        ("/councils/republic/protocols/", "year=0", "2000"),
        ("/councils/republic/protocols/", "year=%C2%B2", "2000"),  # a superscript two is a "digit" to Python
        ("/councils/republic/protocols/", "q=a%00b", "NUL"),
        ("/search/", "q=%00", "NUL"),
        ("/search/", "year=99999", "2100"),
        ("/search/", "year=0", "2000"),
        ("/search/", "body=abc", "Body"),
        ("/search/", "body=99999999999999999999", "Body"),
        ("/search/", "council=a%00", "NUL"),
        ("/search/", "status=decision:%00", "NUL"),
        ("/councils/republic/execution/", "body=abc", "Body"),
        ("/deadlines/", "council=a%00b", "NUL"),
    ],
)
def test_a_malformed_query_gets_the_400_page_with_the_reason(client, world, sign_in, url, query, word):
    sign_in("secretary", language="en")
    refused_400(client.get(f"{url}?{query}"), word)


def test_the_compliance_dashboard_still_answers_a_good_year(client, world, sign_in):
    sign_in("secretary", language="en")
    assert client.get("/compliance/?year=2026&quarter=4").status_code == 200
    assert client.get("/compliance/?year=&quarter=").status_code == 200


def test_a_long_search_text_is_refused_not_run(client, world, sign_in):
    sign_in("secretary", language="en")
    refused_400(client.get("/search/", {"q": "Ә" * 5000}), "5000")


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "1.5"])
def test_a_proposal_id_that_is_not_an_id_adds_nothing(client, world, sign_in, value):
    sign_in("secretary", language="en")
    before = site_map.snapshot()
    response = client.post(reverse("plans:plan_add_proposals", args=[world["plan"].pk]), {"proposal": value})
    refused_400(response, "Proposal")
    assert site_map.snapshot() == before


def test_a_plan_item_id_that_is_not_an_id_schedules_no_meeting(client, world, sign_in):
    sign_in("secretary", language="en")
    before = site_map.snapshot()
    response = client.post(
        reverse("secretariat:meeting_new", args=["republic"]),
        {"date": "2027-02-12", "place_ru": "Астана", "plan_item": "abc"},
    )
    refused_400(response, "plan_item")
    assert site_map.snapshot() == before


def test_an_unknown_seat_on_the_meeting_day_records_nothing_and_keeps_the_choices(client, world, sign_in):
    """R-000-9d: attendance is recorded per seat of this council; a made-up seat is refused."""
    sign_in("secretary", language="en")
    seat = world["seats"][0]
    before = site_map.snapshot()
    response = client.post(
        reverse("secretariat:meeting_day", args=[world["day_meeting"].pk]),
        {f"seat-{seat}": "present", "seat-abc": "present"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "not on this meeting" in page
    assert site_map.snapshot() == before


@pytest.mark.parametrize("field", ["presiding", "invitee"])
def test_a_malformed_presiding_seat_or_invitee_records_nothing(client, world, sign_in, field):
    sign_in("secretary", language="en")
    before = site_map.snapshot()
    response = client.post(reverse("secretariat:meeting_day", args=[world["day_meeting"].pk]), {field: "x1"})
    assert response.status_code == 200
    assert "not on this meeting" in response.content.decode()
    assert site_map.snapshot() == before


def test_an_overlong_invitee_name_is_refused_with_the_reason(client, world, sign_in):
    from secretariat.models import Invitee

    sign_in("secretary", language="en")
    count = Invitee.objects.count()
    response = client.post(
        reverse("secretariat:invitee_add", args=[world["item"].pk]),
        {"full_name_ru": "Ә" * 201, "position_ru": "п" * 301},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 200 characters" in page
    assert "at most 300 characters" in page
    assert Invitee.objects.count() == count


def test_the_invitee_form_tells_the_browser_the_lengths(client, world, sign_in):
    sign_in("secretary", language="en")
    page = client.get(world["meeting"].get_absolute_url()).content.decode()
    assert 'maxlength="200"' in page and 'maxlength="300"' in page


def test_an_overlong_meeting_place_keeps_what_was_typed(client, world, sign_in):
    sign_in("secretary", language="en")
    before = site_map.snapshot()
    place = "Астана, Бас прокуратура, " + "ғимарат " * 50
    response = client.post(
        reverse("secretariat:meeting_new", args=["republic"]), {"date": "2027-02-12", "place_kk": place}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 300 characters" in page
    assert place.strip() in page
    assert site_map.snapshot() == before


def test_an_overlong_form_of_completion_keeps_what_was_typed(client, world, sign_in):
    sign_in("secretary", language="en")
    before = site_map.snapshot()
    response = client.post(
        reverse("plans:item_new", args=[world["plan"].pk]),
        {"question_kk": "Мәселе", "question_ru": "Вопрос", "form_ru": "Справка " * 50},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 300 characters" in page
    assert "Вопрос" in page
    assert site_map.snapshot() == before


@pytest.mark.parametrize(
    "name,field",
    [
        ("plans:plan_decide", "remarks"),
        ("protocols:protocol_answer", "remarks"),
        ("protocols:assignment_analyse", "certificate"),
        ("protocols:assignment_removal", "comment"),
        ("protocols:extension_decide", "comment"),
        ("secretariat:meeting_answer", "comment"),
        ("secretariat:item_decide", "remarks"),
        ("secretariat:item_report", "note"),
        ("secretariat:item_allow_late", "reason"),
        ("secretariat:extraordinary_decide", "reason"),
        ("plans:proposal_decide", "note"),
    ],
)
def test_a_nul_byte_in_a_buttons_text_is_refused(client, world, sign_in, name, field):
    targets = {
        "plans:plan_decide": world["plan"].pk,
        "protocols:protocol_answer": world["protocol"].pk,
        "protocols:assignment_analyse": world["assignment"].pk,
        "protocols:assignment_removal": world["assignment"].pk,
        "protocols:extension_decide": world["extension"].pk,
        "secretariat:meeting_answer": world["meeting"].pk,
        "secretariat:item_decide": world["item"].pk,
        "secretariat:item_report": world["item"].pk,
        "secretariat:item_allow_late": world["item"].pk,
        "secretariat:extraordinary_decide": world["extraordinary"].pk,
        "plans:proposal_decide": world["proposal"].pk,
    }
    sign_in("chair", language="en")
    before = site_map.snapshot()
    response = client.post(reverse(name, args=[targets[name]]), {field: "Замечание\x00", "decision": "x"})
    refused_400(response, "NUL")
    assert site_map.snapshot() == before


def test_the_400_page_is_translated_and_in_the_layout(client, world, sign_in):
    sign_in("secretary", language="en")
    page = refused_400(client.get("/compliance/?year=99999"), "The request cannot be processed")
    assert '<html lang="en">' in page
    sign_in("secretary", language="kk")
    assert '<html lang="kk">' in client.get("/compliance/?year=99999").content.decode()


@pytest.mark.parametrize(
    "name,args,data",
    [
        ("secretariat:meeting_new", ["republic"], {"date": "9999-12-31", "place_ru": "Астана"}),
        ("plans:plan_list", ["republic"], {"period": "half_year", "start": "0001-01-01"}),
        ("plans:item_new", None, {"question_kk": "Мәселе", "question_ru": "Вопрос", "deadline": "9999-12-31"}),
    ],
)
def test_a_date_the_calendar_cannot_count_is_a_form_error(client, world, sign_in, name, args, data):
    """Deadlines are counted in working days of the calendar's years (R-000-9c, R-000-10b): a date far
    outside them is refused on the form, with what was typed kept."""
    sign_in("secretary", language="en")
    before = site_map.snapshot()
    response = client.post(reverse(name, args=args or [world["plan"].pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose a date from 01.01.2000 to 31.12.2100." in page
    assert site_map.snapshot() == before


def test_remarks_that_cannot_be_stored_never_let_an_approval_through(client, world, sign_in, user_named):
    """R-000-14: the republic chair's decision on an oblast council's regulation carries its remarks; remarks
    the database cannot store are refused on the form (kept), not silently dropped."""
    from territorial.models import Approval
    from territorial.services import approval_submit

    approval = approval_submit(actor=user_named("oblast_secretary"), approval=world["approval"], now=world["now"])
    sign_in("chair", language="en")
    response = client.post(
        reverse("territorial:approval_decide", args=[approval.pk]), {"decision": "approve", "remarks": "Учесть\x00"}
    )
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()
    assert Approval.objects.get(pk=approval.pk).status == Approval.Status.SUBMITTED


def test_a_bad_request_raised_anywhere_gets_the_page_in_the_layout(client, sign_in, demo):
    """A view that raises Django's BadRequest (no decorator of ours) still answers with the layout."""
    from django.test import RequestFactory

    from council.views import bad_request

    request = RequestFactory().get("/")
    request.user = sign_in("secretary")
    response = bad_request(request, None)
    assert response.status_code == 400
    assert "mainnav" in response.content.decode()


def test_a_refused_value_raised_anywhere_is_named_on_the_page(sign_in, demo):
    from django.test import RequestFactory

    from council.http import BadInput
    from council.views import bad_request

    request = RequestFactory().get("/")
    request.user = sign_in("secretary", "en")
    response = bad_request(request, BadInput("“year” must be a whole number from 2000 to 2100."))
    assert response.status_code == 400
    assert "from 2000 to 2100" in response.content.decode()
