"""One stored-document model: materials, execution reports, proposals' justification notes and
territorial approvals are stored by one upload service (name, size, SHA-256, content type) and given by one
download view that checks the SHA-256 on record, the proposal's note included."""

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from council.models import AuditEvent, Body
from council.uploads import CONTENT_TYPES, MATERIAL_TYPES, fill_stored_facts, store_upload
from tests.helpers import NOW, at, content, office_file, pdf_of, upload

pytestmark = pytest.mark.django_db

DOCX = CONTENT_TYPES[".docx"]
ODT = CONTENT_TYPES[".odt"]
PDF = "application/pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def submit_material(request, user_named, data):
    from secretariat.services import material_submit

    document = material_submit(
        actor=user_named("sec_mvd"),
        item=request.getfixturevalue("scheduled_item"),
        kind="other",
        upload=upload("Справка МВД.docx", data),
        now=NOW,
    )
    return document, "sec_mvd", NOW, reverse("secretariat:material_download", args=[document.pk])


def submit_report(request, user_named, data):
    from protocols import control
    from protocols.models import Assignment
    from protocols.services import protocol_dispatch

    signed = request.getfixturevalue("signed")
    protocol_dispatch(actor=user_named("secretary"), protocol=signed, now=at(dt.date(2026, 12, 8), 9))
    now = at(dt.date(2026, 12, 10))
    document = control.report_submit(
        actor=user_named("sec_mvd"),
        assignment=Assignment.objects.get(decision__item__protocol=signed, responsible=True),
        text="Исполнено",
        upload=upload("Отчёт.odt", data),
        now=now,
    )
    return document, "sec_mvd", now, reverse("protocols:report_file", args=[document.pk])


def submit_proposal(request, user_named, data):
    from plans.services import proposal_submit

    demo = request.getfixturevalue("demo")
    document = proposal_submit(
        actor=user_named("member_mvd"),
        council=demo["republic"],
        period_start=dt.date(2027, 7, 1),
        question_kk="Жол қауіпсіздігі туралы",
        question_ru="О безопасности дорожного движения",
        justification_file=upload("Обоснование.pdf", data),
        responsible_body=Body.objects.get(code="mvd"),
        now=NOW,
    )
    return document, "member_mvd", NOW, reverse("plans:proposal_file", args=[document.pk])


def submit_approval(request, user_named, data):
    from territorial.models import Approval
    from territorial.services import approval_create

    demo = request.getfixturevalue("demo")
    document = approval_create(
        actor=user_named("oblast_secretary"),
        council=demo["oblast"],
        kind=Approval.Kind.REGULATION,
        document=upload("Положение.pdf", data),
        now=NOW,
    )
    return document, "oblast_secretary", NOW, reverse("territorial:approval_document", args=[document.pk])


# kind -> (how the product stores it, the bytes, the name given, the content type recorded)
KINDS = {
    "material": (submit_material, office_file("docx"), "Справка МВД.docx", DOCX),
    "report": (submit_report, office_file("odt"), "Отчёт.odt", ODT),
    "proposal": (submit_proposal, pdf_of(3), "Обоснование.pdf", PDF),
    "approval": (submit_approval, pdf_of(1), "Положение.pdf", PDF),
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_records_name_size_sha256_and_content_type_and_is_given_back_as_stored(
    request, client, user_named, kind
):
    submit, data, name, content_type = KINDS[kind]
    document, uploader, when, url = submit(request, user_named, data)

    document.refresh_from_db()
    assert document.original_name == name
    assert document.size == len(data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.content_type == content_type
    assert Path(document.stored_file.path).read_bytes() == data
    assert (document.uploaded_by, document.uploaded_at) == (user_named(uploader), when)

    client.force_login(user_named(uploader))
    response = client.get(url)
    assert response.status_code == 200
    assert content(response) == data
    assert response["Content-Type"] == content_type


def test_an_altered_proposal_note_is_refused_and_recorded(request, client, user_named, sign_in):
    """The note's SHA-256 is taken when the proposal is submitted and checked on every download."""
    proposal, _uploader, _when, url = submit_proposal(request, user_named, pdf_of(3))
    sign_in("secretary")
    assert client.get(url).status_code == 200

    Path(proposal.justification_file.path).write_bytes(b"%PDF-1.4 forged\n%%EOF\n")
    response = client.get(url)

    assert response.status_code == 409
    assert "Обоснование.pdf" in response.content.decode()
    event = AuditEvent.objects.get(verb="file.integrity_failed")
    assert (event.subject_type, event.subject_id) == ("plans.proposal", proposal.pk)
    assert event.data["expected_sha256"] == proposal.sha256


def test_a_refused_upload_leaves_the_document_without_a_file():
    from django.core.exceptions import ValidationError

    from secretariat.models import Material

    material = Material()
    with pytest.raises(ValidationError):
        store_upload(material, upload("Справка.pdf", b"not a pdf"), allowed=MATERIAL_TYPES)
    assert not material.file and (material.original_name, material.sha256, material.size) == ("", "", 0)


def test_documents_stored_before_the_facts_were_recorded_get_them_from_their_files(demo, user_named):
    """The data migrations' fill: content type from the name; size and SHA-256 from the file on disk where
    they are missing; a missing file is skipped; a SHA-256 on record is kept even if the file changed."""
    from plans.models import Proposal

    data = pdf_of(2)

    def proposal(name, **extra):
        return Proposal.objects.create(
            council=demo["republic"],
            period_start=dt.date(2027, 7, 1),
            author=user_named("member_mvd"),
            body=Body.objects.get(code="mvd"),
            responsible_body=Body.objects.get(code="mvd"),
            question_kk="Сұрақ",
            question_ru="Вопрос",
            justification_file=ContentFile(data, name=name) if name else "",
            original_name=name,
            created_at=NOW,
            **extra,
        )

    old = proposal("Обоснование.pdf")
    gone = proposal("Пропавшее.pdf")
    kept = proposal("Записка.pdf", sha256="0" * 64)
    without_file = proposal("")
    Path(gone.justification_file.path).unlink()

    fill_stored_facts(Proposal, file_field="justification_file")

    for row in (old, gone, kept, without_file):
        row.refresh_from_db()
    assert (old.size, old.sha256, old.content_type) == (len(data), hashlib.sha256(data).hexdigest(), PDF)
    assert (gone.size, gone.sha256, gone.content_type) == (0, "", PDF)
    assert (kept.size, kept.sha256) == (len(data), "0" * 64)
    assert (without_file.size, without_file.sha256, without_file.content_type) == (0, "", "")


@pytest.mark.parametrize(
    "name, data",
    [
        ("report.xlsx", None),  # a ZIP of a web page, renamed (finding 15 of the second trust round)
        ("report.xlsx", "docx"),  # a Word package named as a workbook
        ("note.docx", "xlsx"),
        ("note.odt", "ods"),  # an OpenDocument of the other type
        ("note.docx", b"PK\x03\x04" + b"\x00" * 200),  # the signature and nothing readable after it
    ],
)
def test_a_package_without_its_formats_parts_is_refused(name, data):
    from django.core.exceptions import ValidationError

    from council.uploads import validate_document

    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("evil.html", "<script>alert(1)</script>")
        data = buffer.getvalue()
    elif isinstance(data, str):
        data = office_file(data)
    with pytest.raises(ValidationError) as refused:
        validate_document(upload(name, data), allowed=(".docx", ".xlsx", ".odt", ".ods"))
    assert refused.value.code == "content"


def test_real_office_files_are_accepted():
    import openpyxl

    from council.uploads import validate_document

    book = io.BytesIO()
    openpyxl.Workbook().save(book)
    kinds = (".docx", ".xlsx", ".odt", ".ods")
    assert validate_document(upload("Свод.xlsx", book.getvalue()), allowed=kinds) == "Свод.xlsx"
    for kind in ("docx", "odt", "ods"):
        assert validate_document(upload(f"file.{kind}", office_file(kind)), allowed=kinds) == f"file.{kind}"
