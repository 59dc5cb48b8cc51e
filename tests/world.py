"""One republic council's documents at every stage a page checks, for the permission matrix and the
search visibility tests: a draft plan with an item, a proposal of the Ministry of Justice, a meeting whose
agenda is not sent yet with a question and a material, a draft protocol with a decision, an assignment
under control with an execution report, a report to the chair, and an oblast approval. Every text
carries ``WORD`` so one query finds them all."""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import clock

# The demo users every matrix runs through; another council's people come last.
ROLES = [
    "anonymous",
    "admin",
    "secretary",
    "chair",
    "member_mvd",
    "sec_mvd",
    "acting_mju",
    "oblast_secretary",
    "oblast_member_dp",
    "judge",  # invited to a question of a coming meeting (R-000-12)
]

WORD = "Ксилофон"
PDF = b"%PDF-1.4\n%%EOF\n"


def build(demo, user_named):
    from council.models import Body
    from plans.models import Proposal
    from plans.services import plan_create, plan_item_save
    from protocols.models import (
        Assignment,
        ChairReport,
        Decision,
        ExecutionReport,
        Extension,
        Protocol,
        ProtocolItem,
    )
    from secretariat.models import AgendaItem, ExtraordinaryRequest, Invitee, Material, Meeting
    from territorial.models import Approval
    from territorial.services import approval_create
    from tests.factories import UserFactory

    now = clock.now()
    republic = demo["republic"]
    secretary = user_named("secretary")
    mvd, mju = Body.objects.get(code="mvd"), Body.objects.get(code="mju")
    approval = approval_create(
        actor=user_named("oblast_secretary"),
        council=demo["oblast"],
        kind=Approval.Kind.REGULATION,
        document=SimpleUploadedFile("p.pdf", PDF),
        now=now,
    )
    plan = plan_create(actor=secretary, council=republic, start=datetime.date(2027, 1, 1), now=now)
    plan_item = plan_item_save(
        actor=secretary, plan=plan, now=now, data={"question_kk": f"{WORD} мәселе", "question_ru": f"{WORD} вопрос"}
    )
    proposal = Proposal.objects.create(
        council=republic,
        period_start=datetime.date(2027, 1, 1),
        author=user_named("acting_mju"),
        body=mju,
        responsible_body=mju,
        question_kk=f"{WORD} ұсыныс",
        question_ru=f"{WORD} предложение",
        justification_ru="Обоснование",
        justification_file=ContentFile(PDF, name="justification.pdf"),
        original_name="justification.pdf",
        created_at=now,
    )
    meeting = Meeting.objects.create(
        council=republic, date=datetime.date(2027, 1, 22), created_by=secretary, created_at=now
    )
    item = AgendaItem.objects.create(
        meeting=meeting, number=1, question_kk=f"{WORD} мәселе", question_ru=f"{WORD} вопрос"
    )
    Invitee.objects.create(item=item, person=UserFactory(username="judge"), full_name_ru="Судья")
    material = Material.objects.create(
        item=item,
        body=mvd,
        kind="other",
        version=1,
        original_name=f"{WORD}.pdf",
        file=ContentFile(PDF, name="a.pdf"),
        sha256=hashlib.sha256(PDF).hexdigest(),
        size=len(PDF),
        submitted_by=user_named("sec_mvd"),
        submitted_at=now,
    )
    protocol = Protocol.objects.create(meeting=meeting, council=republic, created_by=secretary, created_at=now)
    protocol_item = ProtocolItem.objects.create(
        protocol=protocol, number=1, question_kk=f"{WORD} мәселе", question_ru=f"{WORD} вопрос"
    )
    decision = Decision.objects.create(item=protocol_item, number=1, text_kk=f"{WORD} шешім", text_ru=f"{WORD} решение")
    assignment = Assignment.objects.create(
        decision=decision,
        council=republic,
        body=mvd,
        responsible=True,
        order=1,
        due_date=datetime.date(2027, 3, 1),
        original_due_date=datetime.date(2027, 3, 1),
        created_at=now,
    )
    report = ExecutionReport.objects.create(
        assignment=assignment,
        version=1,
        text=f"{WORD} исполнено",
        file=ContentFile(PDF, name="report.pdf"),
        original_name="report.pdf",
        sha256=hashlib.sha256(PDF).hexdigest(),
        submitted_by=user_named("sec_mvd"),
        submitted_at=now,
    )
    extension = Extension.objects.create(
        assignment=assignment,
        reason="Нужно больше времени",
        old_due_date=datetime.date(2027, 3, 1),
        new_due_date=datetime.date(2027, 4, 1),
        requested_by=user_named("sec_mvd"),
        requested_at=now,
    )
    extraordinary = ExtraordinaryRequest.objects.create(
        council=republic,
        requested_by=user_named("member_mvd"),
        body=mvd,
        question_kk="Шұғыл мәселе",
        question_ru="Срочный вопрос",
        justification="Обстановка",
        desired_date=datetime.date(2027, 2, 1),
        created_at=now,
    )
    chair_report = ChairReport.objects.create(
        council=republic,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        conclusions_kk="Қорытынды",
        conclusions_ru="Выводы",
        created_by=secretary,
        created_at=now,
    )
    analytics = _analytics(republic, secretary, mvd, mju, user_named, now)
    from territorial.reports import regional_report_submit, regional_reports_open
    from tests.helpers import pdf_of

    (regional_report,) = regional_reports_open(today=timezone.localdate(now), now=now)  # R-003-33
    regional_report_submit(
        actor=user_named("oblast_secretary"),
        report=regional_report,
        upload=SimpleUploadedFile("q.pdf", pdf_of(1)),
        now=now,
    )
    from secretariat.services.member_requests import member_request_answer, member_request_create

    member_request = member_request_create(  # R-000-10d: the Ministry of Internal Affairs asks the Ministry of Justice
        actor=user_named("sec_mvd"),
        council=republic,
        from_body=mvd,
        to_body=mju,
        what=f"{WORD}: сведения",
        due_date=timezone.localdate(now) + datetime.timedelta(days=10),
        now=now,
    )
    member_request_answer(
        actor=user_named("acting_mju"),
        request=member_request,
        answer="Сведения прилагаются",
        uploads=[SimpleUploadedFile("a.pdf", PDF)],
        now=now,
    )
    from protocols.review import control_reviews_open

    control_review = next(
        r for r in control_reviews_open(today=timezone.localdate(now), now=now) if r.council == republic
    )
    return {
        **analytics,
        "control_review": control_review,  # R-003-49
        "member_request": member_request,
        "regional_report": regional_report,
        "approval": approval,
        "plan": plan,
        "plan_item": plan_item,
        "proposal": proposal,
        "meeting": meeting,
        "item": item,
        "material": material,
        "protocol": protocol,
        "protocol_item": protocol_item,
        "decision": decision,
        "assignment": assignment,
        "report": report,
        "chair_report": chair_report,
        "extension": extension,
        "extraordinary": extraordinary,
        "invitee": item.invitees.get(),
        **police_world(),
    }


def police_world():
    """A police body's report to the public held on 18 February 2026, with a source and three citizens'
    questions: one pending, one being checked, one forwarded (seed 002). None of ROLES has a role on it
    but the administrator."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from council.models import Body
    from protocols.services.police import check_open, forward_record
    from secretariat.services.police import publication_record, question_add, source_add
    from tests.helpers import at
    from tests.police import held_report, police_body

    report = held_report(date=datetime.date(2026, 2, 18), now=at(datetime.date(2026, 1, 10)))
    _council, _chief, secretary = police_body()
    day = at(datetime.date(2026, 2, 18), 18)
    source = source_add(
        actor=secretary, report=report, kind="statistics", upload=SimpleUploadedFile("s.pdf", PDF), now=day
    )
    publication = publication_record(
        actor=secretary, report=report, channel="periodical", outlet="Вечерний Алматы",
        published_on=datetime.date(2026, 2, 5), upload=SimpleUploadedFile("copy.pdf", PDF), now=day,
    )  # fmt: skip
    pending = question_add(
        actor=secretary, report=report, kind="remark", received="at", author="Жанна", text=f"{WORD} замечание", now=day
    )
    check_open(actor=secretary, question=report.questions.get(number=1), now=day)
    forward_record(
        actor=secretary, question=report.questions.get(number=2), body=Body.objects.get(code="almaty-akimat"),
        basis="territory", outgoing_number="1/1", outgoing_date=datetime.date(2026, 2, 18), now=day,
    )  # fmt: skip
    return {
        "police_council": report.council,
        "police_report": report,
        "report_source": source,
        "publication": publication,
        "question": pending,
        "checked_question": report.questions.get(number=1),
        "forwarded_question": report.questions.get(number=2),
    }


def _analytics(republic, secretary, mvd, mju, user_named, now):
    """Seed 004 on the republic council: the acting Minister of Justice's position is of a listed category
    (Appendix 2), so only acting_mju opens sensitive material; a state body's request under assessment with
    a stored document, and its result as sensitive material."""
    from django.contrib.contenttypes.models import ContentType

    from council.appendix2 import ensure_position_categories
    from council.models import DisclosureOrder, Position, PositionCategory, SensitiveMaterial
    from plans.models import UnplannedDocument, UnplannedWork

    ensure_position_categories()
    Position.objects.filter(body=mju, is_head=True).update(category=PositionCategory.objects.get(number=4))
    unplanned = UnplannedWork.objects.create(
        council=republic,
        basis=UnplannedWork.Basis.REQUEST,
        number="1-А",
        date=datetime.date(2026, 11, 20),
        author="Министр внутренних дел",
        requesting_body=mvd,
        agreed_by="Генеральный Прокурор",
        received_on=datetime.date(2026, 11, 20),
        text_kk=f"{WORD} сұрау",
        text_ru=f"{WORD} запрос",
        executor=user_named("acting_mju"),
        created_by=secretary,
        created_at=now,
    )
    unplanned_document = UnplannedDocument.objects.create(
        work=unplanned,
        kind=UnplannedDocument.Kind.REFUSAL_REPORT,
        file=ContentFile(PDF, name="report.pdf"),
        original_name="report.pdf",
        sha256=hashlib.sha256(PDF).hexdigest(),
        size=len(PDF),
        submitted_by=secretary,
        submitted_at=now,
    )
    sensitive = SensitiveMaterial.objects.create(
        council=republic,
        subject_type=ContentType.objects.get_for_model(UnplannedWork),
        subject_id=unplanned.pk,
        title_kk=f"{WORD} талдау",
        title_ru=f"{WORD} анализ",
        text_ru=f"{WORD} ИИН 850101300123",
        created_by=secretary,
        created_at=now,
    )
    order = DisclosureOrder.objects.create(
        material=sensitive,
        number="1-ө",
        date=datetime.date(2026, 11, 20),
        scope="ФИО",
        fields=["names"],
        valid_until=datetime.date(2026, 12, 31),
        recorded_by=secretary,
        recorded_at=now,
    )
    return {
        "unplanned": unplanned,
        "unplanned_document": unplanned_document,
        "sensitive": sensitive,
        "disclosure_order": order,
    }
