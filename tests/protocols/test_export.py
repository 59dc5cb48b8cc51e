"""The export of a signed protocol for the electronic document system: one ZIP with both PDFs and
metadata.json (registration number, date, signers, decisions and executors), from the protocol's page and
through the read API, for those who read the protocol only."""

import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from council.token_services import api_token_create
from tests import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def protocol(demo, today):
    from protocols.demo import load_demo_cycle

    return load_demo_cycle(today=today, password="demo-pass-123")["protocol"]


def _open(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive, json.loads(archive.read("metadata.json"))


def test_the_zip_holds_both_pdfs_and_their_metadata(client, sign_in, protocol):
    sign_in("member_mvd")
    page = client.get(protocol.get_absolute_url()).content.decode()
    url = reverse("protocols:protocol_export", args=[protocol.pk])
    assert url in page
    archive, meta = _open(client.get(url))
    pdfs = sorted(n for n in archive.namelist() if n.endswith(".pdf"))
    assert len(pdfs) == 2 and {n[-6:-4] for n in pdfs} == {"kk", "ru"}
    assert meta["registrationNumber"] == protocol.registration
    assert meta["date"] == timezone.localtime(protocol.signed_at).date().isoformat()
    assert {s["capacity"] for s in meta["signers"]} == set(protocol.signatures.values_list("capacity", flat=True))
    decisions = [d for q in meta["questions"] for d in q["decisions"]]
    assert decisions and all(d["text_ru"] and d["executors"] for d in decisions)
    first = decisions[0]["executors"]
    assert [e["order"] for e in first] == sorted(e["order"] for e in first)  # the first organises (R-000-11e)
    for f in meta["files"]:
        data = archive.read(f["name"])
        assert hashlib.sha256(data).hexdigest() == f["sha256"] == getattr(protocol, f"sha256_{f['language']}")


def test_the_api_gives_the_same_export_to_a_token_and_nothing_to_another_council(client, protocol, user_named):
    _t, raw = api_token_create(actor=user_named("secretary"), name="edo", now=clock.now())
    paper = client.get(reverse("oparl-paper-protocol", args=[protocol.pk]), HTTP_AUTHORIZATION=f"Bearer {raw}")
    export = paper.json()["kz:export"]
    _archive, meta = _open(client.get(export, HTTP_AUTHORIZATION=f"Bearer {raw}"))
    assert meta["registrationNumber"] == protocol.registration
    _t, other = api_token_create(actor=user_named("oblast_secretary"), name="x", now=clock.now())
    assert client.get(export, HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
    assert client.get(export).status_code == 404  # anonymous: the council publishes nothing


def test_an_altered_stored_pdf_is_not_exported(client, sign_in, protocol):
    path = protocol.pdf_kk.path
    with open(path, "ab") as f:
        f.write(b"%")
    sign_in("secretary")
    assert client.get(reverse("protocols:protocol_export", args=[protocol.pk])).status_code == 409
