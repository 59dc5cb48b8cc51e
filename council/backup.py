"""Backups that restore: the PostgreSQL database as one pg_dump snapshot and the stored files, with a
SHA-256 manifest of both; restore into an empty database and an empty media folder, checked against it.

A backup is a folder ``council-<UTC time>`` under the backup directory::

    database.dump      pg_dump's custom format: one transaction snapshot, so the database is consistent
    media/...          every file under MEDIA_ROOT, copied after the dump
    MANIFEST.sha256    "<sha256>  <path>" for database.dump and every file (the format of sha256sum -c)

The dump is taken first and the files after it: a document's file is written before its row commits
(``council.uploads.store_upload``) and stored files are never rewritten, so every file the dump refers to is
in the copy (a file uploaded meanwhile is copied too, without its row: harmless). The folder is written
under a temporary name and renamed when complete, so a broken run never looks like a backup; the oldest
complete backups beyond ``keep`` are then removed.
"""

import datetime as dt
import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.utils.translation import gettext as _

MANIFEST = "MANIFEST.sha256"
DUMP = "database.dump"
MEDIA = "media"
PREFIX = "council-"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why."""


@dataclass(frozen=True)
class Database:
    """Where a PostgreSQL database is, as Django's DATABASES entry gives it."""

    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, entry):
        if entry.get("ENGINE") != "django.db.backends.postgresql":
            raise BackupError(
                _("Backups need PostgreSQL; the database is %(engine)s.") % {"engine": entry.get("ENGINE")}
            )
        return cls(
            name=entry["NAME"],
            user=entry.get("USER") or "",
            password=entry.get("PASSWORD") or "",
            host=entry.get("HOST") or "",
            port=str(entry.get("PORT") or ""),
        )

    def environment(self):
        """libpq's variables for pg_dump and pg_restore (the password never on a command line)."""
        env = {**os.environ, "PGDATABASE": self.name}
        for variable, value in (("PGUSER", self.user), ("PGPASSWORD", self.password)):
            if value:
                env[variable] = value
        for variable, value in (("PGHOST", self.host), ("PGPORT", self.port)):
            if value:
                env[variable] = value
        return env

    def connect(self):
        return psycopg.connect(
            dbname=self.name,
            user=self.user or None,
            password=self.password or None,
            host=self.host or None,
            port=self.port or None,
            autocommit=True,
        )


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(root):
    """Every regular file under ``root``, as paths relative to it in a stable order."""
    root = Path(root)
    if not root.exists():
        return []
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def _run(command, *, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]}: {result.stderr.strip() or result.returncode}")


def backup_create(*, database, media_root, destination, now, keep=None):
    """Write a complete backup under ``destination``; return its folder. ``keep``: how many complete backups
    to keep there (the oldest beyond it are removed); ``None`` keeps all."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    name = PREFIX + now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    final = destination / name
    if final.exists():
        raise BackupError(_("A backup named %(name)s exists already.") % {"name": name})
    partial = destination / f".partial-{name}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial / DUMP}"],
             env=database.environment())  # fmt: skip
        lines = [f"{sha256_of(partial / DUMP)}  {DUMP}"]
        for relative in files_under(media_root):
            target = partial / MEDIA / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(media_root) / relative, target)
            lines.append(f"{sha256_of(target)}  {MEDIA}/{relative.as_posix()}")
        (partial / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if keep is not None:
        backups_prune(destination=destination, keep=keep)
    return final


def backups_prune(*, destination, keep):
    """Remove the oldest complete backups beyond the newest ``keep`` (at least one is always kept)."""
    complete = sorted(p for p in Path(destination).glob(PREFIX + "*") if (p / MANIFEST).is_file())
    removed = complete[: max(len(complete) - max(keep, 1), 0)]
    for folder in removed:
        shutil.rmtree(folder)
    return removed


def manifest_read(folder):
    """{relative path: sha256} of the backup's manifest."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(
            _("%(folder)s has no %(manifest)s: not a complete backup.") % {"folder": folder, "manifest": MANIFEST}
        )
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _sep, relative = line.partition("  ")
        if len(digest) != 64 or not relative or relative.startswith("/") or ".." in Path(relative).parts:
            raise BackupError(_("The manifest has a line that is not “<sha256>  <path>”: %(line)s") % {"line": line})
        entries[relative] = digest
    if DUMP not in entries:
        raise BackupError(_("The manifest does not list %(dump)s.") % {"dump": DUMP})
    return entries


def backup_verify(folder):
    """The manifest, after checking that the backup holds exactly its files with their SHA-256."""
    folder = Path(folder)
    entries = manifest_read(folder)
    present = {p.as_posix() for p in files_under(folder)} - {MANIFEST}
    if missing := sorted(set(entries) - present):
        raise BackupError(_("Files listed in the manifest are missing: %(files)s") % {"files": ", ".join(missing)})
    if extra := sorted(present - set(entries)):
        raise BackupError(_("Files not in the manifest: %(files)s") % {"files": ", ".join(extra)})
    for relative, digest in entries.items():
        if sha256_of(folder / relative) != digest:
            raise BackupError(_("%(file)s does not match its SHA-256 in the manifest.") % {"file": relative})
    return entries


def _tables(database):
    with database.connect() as conn:
        rows = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").fetchall()
    return [row[0] for row in rows]


def backup_restore(*, folder, database, media_root):
    """Bring a verified backup back into an empty database and an empty (or absent) media folder, then check
    every restored file against the manifest. Refuses, changing nothing, when either is not empty."""
    folder = Path(folder)
    entries = backup_verify(folder)
    if tables := _tables(database):
        raise BackupError(
            _("The database %(name)s is not empty (%(count)d tables); restore only into an empty database.")
            % {"name": database.name, "count": len(tables)}
        )
    media_root = Path(media_root)
    if files_under(media_root):
        raise BackupError(_("The media folder %(folder)s is not empty.") % {"folder": media_root})
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         f"--dbname={database.name}", str(folder / DUMP)],
        env=database.environment(),
    )  # fmt: skip
    media_root.mkdir(parents=True, exist_ok=True)
    for relative, digest in entries.items():
        if relative == DUMP:
            continue
        target = media_root / Path(relative).relative_to(MEDIA)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / relative, target)
        if sha256_of(target) != digest:
            raise BackupError(_("%(file)s changed while it was restored.") % {"file": relative})
    return entries
