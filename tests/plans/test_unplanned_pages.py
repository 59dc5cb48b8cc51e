"""The pages of unplanned analytical work (R-004-6..10, R-004-14): what analysts, the chair and others see."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from plans.models import UnplannedDocument, UnplannedWork
from tests.analytics_world import build
from tests.helpers import NOW, pdf_of, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(demo, user_named):
    return build(demo, user_named)


def _post_request(client, w, **overrides):
    data = {
        "basis": "request",
        "number": "12-3/456",
        "date": "2026-11-20",
        "author": "Министр внутренних дел",
        "requesting_body": w["mvd"].pk,
        "agreed_by": "Заместитель Генерального Прокурора",
        "received_on": "2026-11-23",
        "text_kk": "Сұрау",
        "text_ru": "Запрос",
        "executor": w["analyst"].pk,
        **overrides,
    }
    return client.post(reverse("analytics:unplanned_new", args=[w["office"].code]), data)


def test_an_analyst_records_assesses_and_attaches_results(client, w, time_machine):
    time_machine.move_to(NOW)
    client.force_login(w["analyst"])
    response = _post_request(client, w)
    work = UnplannedWork.objects.get()
    assert response.status_code == 302 and response.url == work.get_absolute_url()
    page = client.get(work.get_absolute_url()).content.decode()
    assert "R-004-6" in page and "30.11.2026" in page  # 5 calendar days, moved off Saturday

    client.post(reverse("analytics:unplanned_accept", args=[work.pk]), {"due_date": ""})
    work.refresh_from_db()
    assert work.status == "accepted" and work.due_date == dt.date(2026, 12, 23)
    assert "23.12.2026" in client.get(work.get_absolute_url()).content.decode()

    client.post(
        reverse("analytics:unplanned_result", args=[work.pk]),
        {"title_kk": "Нәтиже", "title_ru": "Результат", "text_kk": "", "text_ru": "Итоги", "personal_terms": ""},
    )
    work.refresh_from_db()
    assert work.status == "reported"
    page = client.get(work.get_absolute_url()).content.decode()
    material = work_material(work)
    assert material.title_ru in page and reverse("access:material_open", args=[material.pk]) in page


def test_a_refusal_and_the_answer_are_stored_with_their_documents(client, w, time_machine):
    time_machine.move_to(NOW)
    client.force_login(w["analyst"])
    _post_request(client, w)
    work = UnplannedWork.objects.get()
    client.post(
        reverse("analytics:unplanned_refuse", args=[work.pk]),
        {"reason": "Нет сведений", "report": upload("report.pdf", pdf_of(1))},
    )
    client.post(
        reverse("analytics:unplanned_answer", args=[work.pk]),
        {"answer": upload("answer.pdf", pdf_of(1)), "number": "исх-1", "dispatched_on": "2026-11-23"},
    )
    work.refresh_from_db()
    assert work.status == "refused"
    answer = work.documents.get(kind=UnplannedDocument.Kind.ANSWER)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "answer.pdf" in page and "23.11.2026" in page
    assert client.get(reverse("analytics:unplanned_document", args=[answer.pk])).status_code == 200


def test_a_refusal_without_its_report_is_refused_with_a_reason(client, w, time_machine):
    time_machine.move_to(NOW)
    client.force_login(w["analyst"])
    _post_request(client, w)
    work = UnplannedWork.objects.get()
    response = client.post(reverse("analytics:unplanned_refuse", args=[work.pk]), {"reason": "Нет"}, follow=True)
    work.refresh_from_db()
    assert work.status == "assessment" and response.status_code == 200
    with translation.override("ru"):  # the page's language: the missing document's field is named
        label = gettext("Reasoned report to the Prosecutor General")
    assert f"{label}:" in response.content.decode()


def test_a_member_without_a_category_neither_sees_nor_records(client, w):
    """R-004-11: only officials of the listed categories (and the secretary and the chair) see this work."""
    client.force_login(w["plain"])
    assert client.get(reverse("analytics:unplanned_list", args=[w["office"].code])).status_code == 403
    assert _post_request(client, w).status_code == 403
    assert not UnplannedWork.objects.exists()
    client.force_login(w["secretary"])
    assert client.get(reverse("analytics:unplanned_list", args=[w["office"].code])).status_code == 200


def work_material(work):
    from council.models import SensitiveMaterial

    return SensitiveMaterial.objects.get(subject_id=work.pk, subject_type__model="unplannedwork")
