"""Stored files: every document is given only through a view that checks who asks, a frozen document's
SHA-256 is checked on every download, a missing file gets a clear 404 page, a failed upload leaves no
file behind and a long file name keeps its extension.

Who may read what follows the page that lists the document: materials once the agenda is sent
(R-000-10e), execution reports to whoever opens the assignment (R-000-11d), a proposal to its author, its
body and the secretariat (R-000-9a, R-000-8 body-scoped work), a territorial council's documents to that
council and the republic council over it (R-000-14), the signed protocol to the members (R-000-11c)."""

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core import mail
from django.db import DataError
from django.urls import reverse

from council.models import AuditEvent, Body, Notification
from council.uploads import clean_original_name
from tests.helpers import NOW, content, pdf_of, upload
from tests.world import ROLES

pytestmark = pytest.mark.django_db

# download -> expected status per role, in the order of ROLES (302: anonymous visitors go to the login page)
EXPECTED = {
    # the agenda of this meeting is not sent yet: members read its documents once it is (R-000-10e)
    "material": [302, 200, 200, 200, 403, 200, 403, 404, 404, 404],
    # whoever opens the assignment's page reads its reports (R-000-11d)
    "report_file": [302, 200, 200, 200, 200, 200, 200, 404, 404, 404],
    # the author, the author's body, the secretariat and the chair (R-000-9a); another body does not
    "proposal_file": [302, 200, 200, 200, 200, 200, 403, 404, 404, 404],
    # the oblast council and the republic council over it (R-000-14)
    "approval_document": [302, 200, 200, 200, 404, 200, 404, 200, 200, 404],
}

REPORT_PDF = pdf_of(2)
PROPOSAL_PDF = pdf_of(3)
MATERIAL_PDF = pdf_of(1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test stores its files in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ADMINS = [("Administrator", "admin-desk@council.example.kz")]
    return settings.MEDIA_ROOT


def stored_files(root):
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file())


@pytest.fixture
def files(demo, user_named, scheduled_item):
    """One stored document of every kind, each submitted the way the product submits it."""
    from plans.services import proposal_submit
    from protocols import control
    from protocols.models import Assignment, Decision, Protocol, ProtocolItem
    from secretariat.models import Invitee
    from secretariat.services import material_submit
    from territorial.models import Approval
    from territorial.services import approval_create
    from tests.factories import UserFactory

    mvd = Body.objects.get(code="mvd")
    meeting = scheduled_item.meeting
    Invitee.objects.create(item=scheduled_item, person=UserFactory(username="judge"), full_name_ru="Судья")
    material = material_submit(
        actor=user_named("sec_mvd"),
        item=scheduled_item,
        kind="other",
        upload=upload("Справка МВД.pdf", MATERIAL_PDF),
        now=NOW,
    )
    protocol = Protocol.objects.create(
        meeting=meeting, council=demo["republic"], created_by=user_named("secretary"), created_at=NOW
    )
    pitem = ProtocolItem.objects.create(protocol=protocol, number=1, question_kk="Мәселе", question_ru="Вопрос")
    decision = Decision.objects.create(item=pitem, number=1, text_kk="Шешім", text_ru="Решение")
    assignment = Assignment.objects.create(
        decision=decision,
        council=demo["republic"],
        body=mvd,
        responsible=True,
        order=1,
        due_date=dt.date(2027, 3, 1),
        original_due_date=dt.date(2027, 3, 1),
        created_at=NOW,
    )
    report = control.report_submit(
        actor=user_named("sec_mvd"),
        assignment=assignment,
        text="Проведено 12 рейдов",
        upload=upload("Отчёт об исполнении.pdf", REPORT_PDF),
        now=NOW,
    )
    proposal = proposal_submit(
        actor=user_named("member_mvd"),
        council=demo["republic"],
        period_start=dt.date(2027, 7, 1),
        question_kk="Жол қауіпсіздігі туралы",
        question_ru="О безопасности дорожного движения",
        justification_file=upload("Обоснование.pdf", PROPOSAL_PDF),
        responsible_body=mvd,
        now=NOW,
    )
    approval = approval_create(
        actor=user_named("oblast_secretary"),
        council=demo["oblast"],
        kind=Approval.Kind.REGULATION,
        document=upload("Положение.pdf", pdf_of(1)),
        now=NOW,
    )
    return {
        "material": material,
        "report": report,
        "proposal": proposal,
        "approval": approval,
        "assignment": assignment,
        "urls": {
            "material": reverse("secretariat:material_download", args=[material.pk]),
            "report_file": reverse("protocols:report_file", args=[report.pk]),
            "proposal_file": reverse("plans:proposal_file", args=[proposal.pk]),
            "approval_document": reverse("territorial:approval_document", args=[approval.pk]),
        },
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_download_answers_each_role_as_its_page_does(client, files, user_named, role):
    """Allowed: 200 and the very bytes submitted; another council's member: 404; no access here: 403."""
    if role != "anonymous":
        client.force_login(user_named(role))
    submitted = {
        "material": MATERIAL_PDF,
        "report_file": REPORT_PDF,
        "proposal_file": PROPOSAL_PDF,
        "approval_document": None,
    }
    got = {}
    for name, url in files["urls"].items():
        response = client.get(url)
        got[name] = response.status_code
        if response.status_code == 200:
            body = content(response)
            assert body.startswith(b"%PDF-")
            if submitted[name] is not None:
                assert body == submitted[name]
    assert got == {name: statuses[ROLES.index(role)] for name, statuses in EXPECTED.items()}


def test_the_assignment_page_links_the_report_document(client, files, sign_in):
    sign_in("secretary")
    page = client.get(files["assignment"].get_absolute_url()).content.decode()
    link = reverse("protocols:report_file", args=[files["report"].pk])
    assert f'href="{link}"' in page
    assert "Отчёт об исполнении.pdf" in page
    response = client.get(link)
    assert response.status_code == 200
    assert "filename*=utf-8" in response["Content-Disposition"] or "Отчёт" in response["Content-Disposition"]
    assert content(response) == REPORT_PDF


def test_the_proposal_list_links_the_justification_note(client, files, sign_in):
    sign_in("member_mvd")
    page = client.get(reverse("plans:proposal_list", args=["republic"])).content.decode()
    link = reverse("plans:proposal_file", args=[files["proposal"].pk])
    assert f'href="{link}"' in page
    assert "Обоснование.pdf" in page
    assert content(client.get(link)) == PROPOSAL_PDF


def test_a_body_that_does_not_see_the_proposal_gets_no_link_and_403(client, files, sign_in):
    """R-000-8: the Ministry of Justice's acting minister sees neither the Ministry of Internal Affairs'
    proposal nor its note."""
    sign_in("acting_mju")
    page = client.get(reverse("plans:proposal_list", args=["republic"])).content.decode()
    link = reverse("plans:proposal_file", args=[files["proposal"].pk])
    assert link not in page
    assert client.get(link).status_code == 403


def tamper(field_file, data=b"%PDF-1.4 forged\n%%EOF\n"):
    Path(field_file.path).write_bytes(data)


def test_an_altered_material_is_refused_recorded_and_reported_once(
    client, files, sign_in, user_named, django_capture_on_commit_callbacks
):
    """The checksum taken at submission is checked on every download: a file changed on disk is not given
    out; the user sees why; the audit log has the attempt; the administrators hear of it once."""
    material = files["material"]
    tamper(material.file)
    sign_in("secretary", language="ru")
    url = reverse("secretariat:material_download", args=[material.pk])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Справка МВД.pdf" in page
    assert "%PDF-1.4 forged" not in page
    event = AuditEvent.objects.get(verb="file.integrity_failed")
    assert (event.actor, event.subject_type, event.subject_id) == (
        user_named("secretary"),
        "secretariat.material",
        material.pk,
    )
    assert event.data["expected_sha256"] == material.sha256
    assert event.data["actual_sha256"] == hashlib.sha256(b"%PDF-1.4 forged\n%%EOF\n").hexdigest()
    to_admins = [m for m in mail.outbox if m.to == ["admin-desk@council.example.kz"]]
    assert len(to_admins) == 1
    assert "Справка МВД.pdf" in to_admins[0].subject
    assert material.sha256 in to_admins[0].body
    notice = Notification.objects.get(recipient=user_named("admin"), key__startswith="file.integrity_failed")
    assert "Справка МВД.pdf" in notice.title
    assert not Notification.objects.filter(recipient=user_named("secretary"), key__startswith="file.").exists()

    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(url)

    assert again.status_code == 409
    assert AuditEvent.objects.filter(verb="file.integrity_failed").count() == 2  # every attempt is recorded
    assert len([m for m in mail.outbox if m.to == ["admin-desk@council.example.kz"]]) == 1  # told once


def test_the_refusal_page_is_in_the_layout_and_the_readers_language(client, files, sign_in):
    tamper(files["material"].file)
    url = reverse("secretariat:material_download", args=[files["material"].pk])
    sign_in("secretary", language="en")
    english = client.get(url).content.decode()
    assert "The document cannot be given" in english
    assert "checksum does not match" in english
    sign_in("secretary", language="ru")
    russian = client.get(url).content.decode()
    assert '<html lang="ru">' in russian and "Секретариат" in russian  # the site's layout, in the reader's language


@pytest.mark.parametrize("which", ["report", "approval"])
def test_other_frozen_documents_are_checked_too(client, files, sign_in, which):
    target = files[which]
    tamper(target.file if which == "report" else target.document)
    sign_in("secretary")
    url = files["urls"]["report_file" if which == "report" else "approval_document"]
    assert client.get(url).status_code == 409
    assert AuditEvent.objects.filter(verb="file.integrity_failed", subject_id=target.pk).exists()


def test_a_missing_file_gets_a_clear_404_page(client, files, sign_in, user_named):
    material = files["material"]
    Path(material.file.path).unlink()
    sign_in("secretary", language="en")
    response = client.get(reverse("secretariat:material_download", args=[material.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "File not found" in page
    assert "Справка МВД.pdf" in page
    assert AuditEvent.objects.filter(verb="file.missing", subject_id=material.pk).exists()
    assert Notification.objects.filter(recipient=user_named("admin"), key__startswith="file.missing").exists()


def test_the_meeting_pack_is_refused_when_one_of_its_files_is_altered(client, files, sign_in):
    sign_in("secretary")
    url = reverse("secretariat:meeting_pack", args=[files["material"].item.meeting_id])
    pack = zipfile.ZipFile(io.BytesIO(client.get(url).content))
    assert MATERIAL_PDF in [pack.read(n) for n in pack.namelist()]
    tamper(files["material"].file)
    assert client.get(url).status_code == 409
    Path(files["material"].file.path).unlink()
    assert client.get(url).status_code == 404


def test_the_signed_protocol_pdf_is_checked_on_every_download(client, signed, sign_in, user_named):
    """R-000-11c: members read the sent protocol; the bytes are those whose SHA-256 was recorded at
    signing. Altered, it is refused; gone, it is a 404 page; neither counts as read."""
    from protocols.models import ProtocolReceipt
    from protocols.services import protocol_dispatch
    from tests.helpers import at

    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=at(dt.date(2026, 12, 8), 9))
    url = reverse("protocols:protocol_pdf", args=[signed.pk, "kk"])
    sign_in("member_mvd")
    response = client.get(url)
    assert response.status_code == 200
    assert hashlib.sha256(content(response)).hexdigest() == signed.sha256_kk
    assert ProtocolReceipt.objects.get(protocol=signed, person=user_named("member_mvd")).opened_at is not None
    sign_in("oblast_member_dp")
    assert client.get(url).status_code == 404  # another council's member

    tamper(signed.pdf_kk)
    sign_in("member_knb")
    assert client.get(url).status_code == 409
    assert ProtocolReceipt.objects.get(protocol=signed, person=user_named("member_knb")).opened_at is None
    assert AuditEvent.objects.filter(
        verb="file.integrity_failed", subject_type="protocols.protocol", subject_id=signed.pk
    ).exists()
    Path(signed.pdf_ru.path).unlink()
    assert client.get(reverse("protocols:protocol_pdf", args=[signed.pk, "ru"])).status_code == 404


# Failed uploads -----------------------------------------------------------------------------------------


def test_a_report_refused_after_its_file_is_stored_leaves_no_file(files, user_named, media):
    """The report's text cannot be stored (a NUL byte): the document saved a moment before goes too."""
    from protocols import control
    from protocols.models import ExecutionReport

    before = stored_files(media)
    assignment = files["assignment"]
    assignment.refresh_from_db()
    assignment.status = "returned"
    assignment.save(update_fields=["status"])
    with pytest.raises(DataError):
        control.report_submit(
            actor=user_named("sec_mvd"),
            assignment=assignment,
            text="Дополнено\x00",
            upload=upload("Дополнение.pdf", pdf_of(1)),
            now=NOW,
        )
    assert stored_files(media) == before
    assert ExecutionReport.objects.filter(assignment=assignment).count() == 1


def test_a_material_refused_after_its_file_is_stored_leaves_no_file(scheduled_item, user_named, media):
    from secretariat.models import Material
    from secretariat.services import material_submit

    with pytest.raises(DataError):  # a kind that does not fit its column: refused by the database on insert
        material_submit(
            actor=user_named("secretary"),
            item=scheduled_item,
            kind="x" * 40,
            upload=upload("Справка.pdf", pdf_of(1)),
            now=NOW,
        )
    assert stored_files(media) == []
    assert not Material.objects.exists()


def test_a_territorial_document_refused_after_it_is_stored_leaves_no_file(demo, user_named, media):
    from territorial.models import Approval
    from territorial.services import approval_create

    with pytest.raises(DataError):
        approval_create(
            actor=user_named("oblast_secretary"),
            council=demo["oblast"],
            kind=Approval.Kind.REGULATION,
            note="Положение\x00",
            document=upload("Положение.pdf", pdf_of(1)),
            now=NOW,
        )
    assert stored_files(media) == []
    assert not Approval.objects.exists()


def test_a_refused_material_upload_through_the_page_keeps_no_file(client, scheduled_item, sign_in, media):
    """An eleven-page reference note is refused (R-000-10b) with the reason, and nothing is stored."""
    sign_in("sec_mvd")
    url = reverse("secretariat:item_materials", args=[scheduled_item.pk])
    response = client.post(url, {"kind": "reference_note", "file": upload("Справка.pdf", pdf_of(11))})
    assert response.status_code == 200
    assert "11" in response.content.decode()
    assert stored_files(media) == []


# File names ---------------------------------------------------------------------------------------------


def test_a_long_file_name_keeps_its_extension():
    long = "Справка о состоянии законности " * 10 + ".pdf"
    assert len(long) > 300
    cleaned = clean_original_name(long)
    assert len(cleaned) <= 200
    assert cleaned.endswith(".pdf")
    assert cleaned.startswith("Справка о состоянии законности")
    assert clean_original_name("a" * 300 + ".docx").endswith("a.docx")
    assert clean_original_name("../../etc/passwd") == "passwd"
    assert clean_original_name("x" * 250) == "x" * 200


def test_a_material_with_a_300_character_name_is_accepted_and_downloaded_as_pdf(client, scheduled_item, sign_in):
    from secretariat.models import Material

    sign_in("sec_mvd")
    name = "Ә" * 296 + ".pdf"
    response = client.post(
        reverse("secretariat:item_materials", args=[scheduled_item.pk]),
        {"kind": "other", "file": upload(name, pdf_of(1))},
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert len(material.original_name) == 200
    assert material.original_name.endswith(".pdf")
    download = client.get(reverse("secretariat:material_download", args=[material.pk]))
    assert download.status_code == 200
    assert ".pdf" in download["Content-Disposition"]


def test_downloads_stay_out_of_the_audit_log_when_nothing_is_wrong(client, files, sign_in):
    sign_in("secretary")
    for url in files["urls"].values():
        assert client.get(url).status_code == 200
    assert not AuditEvent.objects.filter(verb__startswith="file.").exists()


# Behind nginx (deploy/nginx/council.conf) the file is sent by the proxy from its internal location.
ACCEL = "/protected-media/"


@pytest.mark.parametrize("role", ROLES)
def test_with_the_proxy_a_download_is_handed_over_only_after_the_permission_check(client, files, user_named, role):
    """X_ACCEL_REDIRECT_PREFIX on: an allowed reader gets an empty response naming the stored file under the
    proxy's internal location, with the type and the download name; every refusal (login, 403, 404) carries
    no X-Accel-Redirect, so the proxy never sends the file to someone the page refuses (R-000-10e, R-000-11d,
    R-000-9a, R-000-14)."""
    from django.test import override_settings

    if role != "anonymous":
        client.force_login(user_named(role))
    stored = {
        "material": files["material"].stored_file.name,
        "report_file": files["report"].stored_file.name,
        "proposal_file": files["proposal"].stored_file.name,
        "approval_document": files["approval"].stored_file.name,
    }
    got = {}
    with override_settings(X_ACCEL_REDIRECT_PREFIX=ACCEL):
        for name, url in files["urls"].items():
            response = client.get(url)
            got[name] = response.status_code
            if response.status_code == 200:
                assert response["X-Accel-Redirect"] == ACCEL + stored[name]
                assert response["Content-Type"] == "application/pdf"
                assert response["Content-Disposition"].startswith("attachment; filename")
                assert content(response) == b""
            else:
                assert "X-Accel-Redirect" not in response
    assert got == {name: statuses[ROLES.index(role)] for name, statuses in EXPECTED.items()}


def test_with_the_proxy_an_altered_file_is_still_refused_by_the_application(client, files, sign_in):
    """The SHA-256 is checked before the hand-over: an altered file gets the 409 page, not the proxy."""
    from django.test import override_settings

    tamper(files["material"].file)
    sign_in("secretary")
    with override_settings(X_ACCEL_REDIRECT_PREFIX=ACCEL):
        response = client.get(files["urls"]["material"])
    assert response.status_code == 409
    assert "X-Accel-Redirect" not in response


def test_without_the_proxy_the_application_sends_the_file_itself(client, files, sign_in, settings):
    settings.X_ACCEL_REDIRECT_PREFIX = ""
    sign_in("secretary")
    response = client.get(files["urls"]["material"])
    assert response.status_code == 200
    assert "X-Accel-Redirect" not in response
    assert content(response) == MATERIAL_PDF
