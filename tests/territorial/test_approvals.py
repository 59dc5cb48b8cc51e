"""The republic chair approves territorial councils' regulations and composition (R-000-6, R-000-14)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from council.deadline_services import profile_ensure_presets
from council.models import Council, Notification
from territorial.models import Approval
from territorial.services import approval_create, approval_decide, approval_submit
from tests import clock

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="Положение.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_regulation_goes_from_draft_to_approval_and_sets_the_profile(client, sign_in, demo, user_named):
    oblast = demo["oblast"]
    profile = profile_ensure_presets()["territorial-council"]
    sign_in("oblast_secretary")
    response = client.post(
        reverse("territorial:approval_new", args=[oblast.code]),
        {"kind": "regulation", "note": "Новая редакция положения", "document": pdf(), "profile": profile.pk},
    )
    approval = Approval.objects.get()
    assert response.status_code == 302 and response["Location"] == approval.get_absolute_url()
    assert approval.status == Approval.Status.DRAFT
    assert approval.original_name == "Положение.pdf" and len(approval.sha256) == 64
    assert not approval.document.name.endswith("Положение.pdf")  # stored under a safe generated name

    client.post(reverse("territorial:approval_submit", args=[approval.pk]))
    approval.refresh_from_db()
    assert approval.status == Approval.Status.SUBMITTED
    assert Notification.objects.filter(recipient__username="chair", url=approval.get_absolute_url()).exists()

    sign_in("chair")
    awaiting = client.get(reverse("territorial:approvals_awaiting")).content.decode()
    assert approval.get_absolute_url() in awaiting
    client.post(reverse("territorial:approval_decide", args=[approval.pk]), {"decision": "approve"})
    approval.refresh_from_db()
    oblast.refresh_from_db()
    assert approval.status == Approval.Status.APPROVED
    assert oblast.profile == profile
    assert [(s.from_status, s.to_status) for s in approval.steps.all()] == [
        ("draft", "submitted"),
        ("submitted", "approved"),
    ]
    assert Notification.objects.filter(recipient__username="oblast_secretary", key__contains="approved").exists()


def test_returning_needs_remarks_and_the_council_resubmits(client, sign_in, demo, user_named):
    now = clock.now()
    approval = approval_create(
        actor=user_named("oblast_secretary"), council=demo["oblast"], kind="composition", now=now
    )
    assert len(approval.composition) == 5
    approval_submit(actor=user_named("oblast_secretary"), approval=approval, now=now)
    sign_in("chair")
    response = client.post(reverse("territorial:approval_decide", args=[approval.pk]), {"decision": "return"})
    assert response.status_code == 400
    assert "Напишите замечания" in response.content.decode()
    approval.refresh_from_db()
    assert approval.status == Approval.Status.SUBMITTED
    client.post(
        reverse("territorial:approval_decide", args=[approval.pk]),
        {"decision": "return", "remarks": "Включите начальника ДЧС"},
    )
    approval.refresh_from_db()
    assert (approval.status, approval.remarks) == (Approval.Status.RETURNED, "Включите начальника ДЧС")
    approval_submit(actor=user_named("oblast_secretary"), approval=approval, now=now)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.SUBMITTED


def test_an_illegal_move_is_refused_with_the_reason(demo, user_named):
    now = clock.now()
    approval = approval_create(
        actor=user_named("oblast_secretary"), council=demo["oblast"], kind="composition", now=now
    )
    with translation.override("en"), pytest.raises(ValidationError, match="cannot become"):
        approval_decide(actor=user_named("chair"), approval=approval, approve=True, now=now)
    approval.refresh_from_db()
    assert approval.status == Approval.Status.DRAFT


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "не является допустимым типом"),
        ("renamed.pdf", b"MZ\x90\x00binary", "не похож на файл PDF"),
        ("empty.pdf", b"", "пуст"),
    ],
)
def test_a_bad_file_is_refused_and_the_form_keeps_what_was_typed(client, sign_in, demo, name, content, message):
    sign_in("oblast_secretary")
    response = client.post(
        reverse("territorial:approval_new", args=[demo["oblast"].code]),
        {"kind": "regulation", "note": "Текст сопроводительной записки", "document": pdf(name, content)},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text
    assert "Текст сопроводительной записки" in text
    assert not Approval.objects.exists()


def test_only_the_councils_secretary_prepares(client, sign_in, demo, user_named):
    sign_in("oblast_member_dp")
    assert client.get(reverse("territorial:approval_new", args=["almaty-oblast"])).status_code == 403
    sign_in("member_mvd")
    assert client.get(reverse("territorial:approval_new", args=["almaty-oblast"])).status_code == 404


def test_only_the_republic_chair_decides(demo, user_named):
    now = clock.now()
    approval = approval_create(
        actor=user_named("oblast_secretary"), council=demo["oblast"], kind="composition", now=now
    )
    approval_submit(actor=user_named("oblast_secretary"), approval=approval, now=now)
    from django.core.exceptions import PermissionDenied

    for username in ("oblast_chair", "secretary", "oblast_secretary"):
        with pytest.raises(PermissionDenied):
            approval_decide(actor=user_named(username), approval=approval, approve=True, now=now)


def test_the_republic_council_has_no_approvals_page(client, sign_in, demo, user_named):
    sign_in("secretary")
    assert client.get(reverse("territorial:approval_list", args=["republic"])).status_code == 404
    assert Council.objects.get(code="republic").parent is None
