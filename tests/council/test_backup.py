"""Backups that restore: `manage.py backup` writes one pg_dump snapshot and the stored files with their
SHA-256 manifest; `manage.py restore` brings them back into an empty PostgreSQL database and an empty media
folder. Checked on the real PostgreSQL with the demo's lived-in cycle (a signed protocol's PDFs in Kazakh and
Russian among the stored files): every table has the same number of rows, every file the same SHA-256."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from council.backup import DUMP, MANIFEST, BackupError, Database, backup_create, backup_restore, files_under, sha256_of
from protocols.demo import load_demo_cycle
from tests import clock

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def scratch(settings):
    """An empty database of its own beside the test database, dropped afterwards."""
    base = Database.from_settings(settings.DATABASES["default"])
    db = Database(name=f"{base.name}_restore", user=base.user, password=base.password, host=base.host, port=base.port)
    admin = Database(name="postgres", user=base.user, password=base.password, host=base.host, port=base.port)
    with admin.connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db.name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db.name}"')
    yield db
    with admin.connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db.name}" WITH (FORCE)')


def row_counts(cursor):
    cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def hashes(root):
    return {p.as_posix(): sha256_of(Path(root) / p) for p in files_under(root)}


def restore_command(folder, db, media_root):
    """`manage.py restore` as an operator runs it, with the scratch database as DATABASE_URL."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "council.settings",
        "SECRET_KEY": "restore-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://{db.user}@{db.host}:{db.port}/{db.name}",
        "MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(demo, today, media, scratch, tmp_path):
    made = load_demo_cycle(today=today, password="demo-pass-123")
    protocol = made["protocol"]
    call_command("backup", output=str(tmp_path / "backups"), keep=3)
    [folder] = (tmp_path / "backups").iterdir()
    manifest = (folder / MANIFEST).read_text()
    assert f"  {DUMP}\n" in manifest
    assert f"{protocol.sha256_kk}  media/{protocol.pdf_kk.name}" in manifest
    assert f"{protocol.sha256_ru}  media/{protocol.pdf_ru.name}" in manifest

    restored_media = tmp_path / "restored-media"
    result = restore_command(folder, scratch, restored_media)
    assert result.returncode == 0, result.stderr

    with connection.cursor() as cursor:
        source = row_counts(cursor)
        cursor.execute("SELECT hash FROM council_auditevent ORDER BY id DESC LIMIT 1")
        last_audit_hash = cursor.fetchone()[0]
    with scratch.connect() as conn, conn.cursor() as cursor:
        restored = row_counts(cursor)
        cursor.execute("SELECT hash FROM council_auditevent ORDER BY id DESC LIMIT 1")
        assert cursor.fetchone()[0] == last_audit_hash
    assert len(source) > 50 and source["protocols_protocol"] == 1 and source["council_user"] > 20
    assert restored == source
    assert hashes(restored_media) == hashes(media)
    assert len(hashes(media)) >= 2  # the protocol's PDFs in Kazakh and Russian


def test_a_damaged_backup_is_refused_and_nothing_is_restored(demo, today, media, scratch, tmp_path):
    load_demo_cycle(today=today, password="demo-pass-123")
    folder = backup_create(
        database=Database.from_settings(connection.settings_dict),
        media_root=media,
        destination=tmp_path / "backups",
        now=dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC),
    )
    stored = next(p for p in folder.joinpath("media").rglob("*.pdf"))
    stored.write_bytes(stored.read_bytes() + b"%")
    restored_media = tmp_path / "restored-media"
    result = restore_command(folder, scratch, restored_media)
    assert result.returncode != 0
    with translation.override("ru"):  # the site's language, in which the command answers
        refusal = gettext("%(file)s does not match its SHA-256 in the manifest.") % {
            "file": stored.relative_to(folder).as_posix()
        }
    assert refusal in result.stderr
    with scratch.connect() as conn:
        assert (
            conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").fetchone()[0]
            == 0
        )
    assert not restored_media.exists()


def test_restore_refuses_a_database_that_is_not_empty(demo, media, tmp_path):
    database = Database.from_settings(connection.settings_dict)
    folder = backup_create(database=database, media_root=media, destination=tmp_path, now=clock.now())
    with translation.override("en"), pytest.raises(BackupError, match="is not empty"):
        backup_restore(folder=folder, database=database, media_root=tmp_path / "elsewhere")
    with translation.override("en"), pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(folder))


def test_old_backups_beyond_the_retention_are_removed(db, media, tmp_path):
    database = Database.from_settings(connection.settings_dict)
    days = [dt.datetime(2026, 11, day, 2, 0, tzinfo=dt.UTC) for day in (20, 21, 22)]
    for day in days:
        backup_create(database=database, media_root=media, destination=tmp_path, now=day, keep=2)
    (tmp_path / ".partial-council-20261123-020000").mkdir()  # a run that broke off is not a backup
    assert sorted(p.name for p in tmp_path.glob("council-*")) == ["council-20261121-020000", "council-20261122-020000"]
