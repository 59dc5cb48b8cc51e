"""Protocol drafts keep every version's remarks visible with how each was handled (R-000-11b); a question
without "Heard" and "Decided" text cannot be presented for signature nor signed (R-000-11a)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from council.models import AuditEvent
from protocols import services
from protocols.models import Protocol
from tests.helpers import DAY, TZ, decide, votes_for

pytestmark = pytest.mark.django_db


def _remarks_section(page):
    start = page.index('id="remarks"')
    return page[start : page.index("</section>", start)]


def test_remarks_of_version_one_and_their_handling_stay_visible_on_version_two(voted, user_named, sign_in, client):
    """R-000-11b: members' remarks are worked into a new version; the page keeps them, per version, with
    how the secretariat handled each."""
    secretary, knb = user_named("secretary"), user_named("member_knb")
    services.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=dt.date(2026, 12, 3), now=DAY)
    services.protocol_answer(actor=knb, protocol=voted, agrees=False, remarks="Добавить срок отчёта", now=DAY)
    services.protocol_rework(actor=secretary, protocol=voted, now=DAY)
    decide(voted, user_named, text="Принять к сведению; отчитаться к 1 марта", kk="Назарға алынсын; 1 наурызға")

    sign_in("secretary", "en")
    section = _remarks_section(client.get(voted.get_absolute_url()).content.decode())
    assert "Добавить срок отчёта" in section and "Version 1" in section
    assert "not recorded yet" in section

    answer = voted.answers.get(version=1, person=knb)
    url = reverse("protocols:remark_handle", args=[voted.pk])
    refused = client.post(url, {"answer": answer.pk, "handling": "  "}, follow=True).content.decode()
    assert "Write how the remarks were handled." in refused
    client.post(url, {"answer": answer.pk, "handling": "Срок отчёта добавлен в решение 1.2"})

    # Version 2 goes out; the member reads version 1's remarks and their handling on the draft.
    for d in voted.items.get(number=1).decisions.filter(adopted__isnull=True):
        services.votes_record(actor=secretary, decision=d, choices=votes_for(voted, {}), now=DAY)
    services.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=dt.date(2026, 12, 4), now=DAY)
    voted.refresh_from_db()
    assert voted.version == 2
    sign_in("member_knb", "en")
    section = _remarks_section(client.get(voted.get_absolute_url()).content.decode())
    assert "Добавить срок отчёта" in section
    assert "Срок отчёта добавлен в решение 1.2" in section
    assert secretary.display_name in section
    assert AuditEvent.objects.filter(verb="protocol.remark_handled").count() == 1


def test_a_member_cannot_record_the_handling_of_remarks(voted, user_named, sign_in, client):
    secretary, knb = user_named("secretary"), user_named("member_knb")
    services.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=dt.date(2026, 12, 3), now=DAY)
    answer = services.protocol_answer(actor=knb, protocol=voted, agrees=False, remarks="Уточнить", now=DAY)
    sign_in("member_knb")
    response = client.post(
        reverse("protocols:remark_handle", args=[voted.pk]), {"answer": answer.pk, "handling": "Учтено"}
    )
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.handling == ""


def test_a_question_without_heard_text_is_neither_presented_nor_signed(voted, user_named, sign_in, client):
    """R-000-11a: the protocol records what was heard and what was decided on every question."""
    secretary = user_named("secretary")
    services.protocol_send_for_agreement(actor=secretary, protocol=voted, agree_by=dt.date(2026, 12, 3), now=DAY)
    item = voted.items.get(number=1)
    item.heard_kk = ""  # the Kazakh text is missing
    item.save(update_fields=["heard_kk"])
    after = dt.datetime(2026, 12, 4, 10, tzinfo=TZ)  # silence is consent (R-003-65)
    with pytest.raises(ValidationError, match="1"):
        services.protocol_present(actor=secretary, protocol=voted, now=after)

    sign_in("secretary", "en")
    page = client.post(reverse("protocols:protocol_present", args=[voted.pk]), follow=True).content.decode()
    assert "Questions 1 have no “Heard” text in Kazakh and Russian or no decision" in page  # the refusal
    voted.refresh_from_db()
    assert voted.status == Protocol.Status.AGREEMENT

    # Presented before the text went missing: the signature is refused too.
    item.heard_kk = "Баяндама"
    item.save(update_fields=["heard_kk"])
    services.protocol_present(actor=secretary, protocol=voted, now=after)
    item.decisions.all().delete()
    with pytest.raises(ValidationError, match="1"):
        services.protocol_sign(actor=user_named("chair"), protocol=voted, password="demo-pass-123", now=after)
    assert not voted.signatures.exists()
