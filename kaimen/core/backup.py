"""Backup and restore of a whole site: the database's rows, the stored files and which keys
they need — never the keys themselves (those are kept apart, see docs/operations.md).

A backup is one .tar.gz: `manifest.json` (when, Django's database vendor, row and file counts,
the ids of the keys), `data.json` (every row, `dumpdata` with primary keys, so event chains and
references come back as they were) and `media/` (the stored files). `restore` checks the
manifest against the configured keys, empties the database, loads the rows and puts the files
back; `verify_events` then proves the chain came back whole.
"""

import hashlib
import io
import json
import tarfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

FORMAT = 1


def _fingerprint(secret: str) -> str:
    """A key's id: enough to tell which key a backup needs, useless for decrypting."""
    return hashlib.sha256(f"kaimen-key-id:{secret}".encode()).hexdigest()[:16]


def key_ids() -> dict[str, Any]:
    return {
        "identity": [_fingerprint(str(key)) for key in settings.KAIMEN_IDENTITY_KEYS],
        "receipt": _fingerprint(str(settings.KAIMEN_RECEIPT_KEY)),
        "event_seal": [pair.partition(":")[0].strip() for pair in settings.KAIMEN_EVENT_SEAL_KEYS],
        "national_crypto": bool(getattr(settings, "KAIMEN_NATIONAL_CRYPTO", False)),
    }


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def backup_write(target: Path) -> dict[str, Any]:
    """Write the backup to `target` (.tar.gz); returns its manifest."""
    data = io.StringIO()
    with transaction.atomic():  # one consistent snapshot of every table
        call_command("dumpdata", "--all", "--indent=0", stdout=data, verbosity=0)
    rows = data.getvalue().encode()
    files = _media_files()
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "rows": len(json.loads(rows)),
        "files": len(files),
        "data_sha256": hashlib.sha256(rows).hexdigest(),
        "keys": key_ids(),
    }
    root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target, "w:gz") as archive:
        _add(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add(archive, "data.json", rows)
        for path in files:
            archive.add(path, arcname=f"media/{path.relative_to(root).as_posix()}")
    return manifest


class RestoreError(Exception):
    pass


def backup_read_manifest(source: Path) -> dict[str, Any]:
    with tarfile.open(source, "r:gz") as archive:
        member = archive.extractfile("manifest.json")
        if member is None:
            raise RestoreError("not a Kaimen backup: manifest.json is missing")
        manifest: dict[str, Any] = json.loads(member.read())
    return manifest


def restore_problems(manifest: dict[str, Any]) -> list[str]:
    """What the configured keys lack to read this backup (empty: it can be restored)."""
    problems = []
    if manifest.get("format") != FORMAT:
        problems.append(f"backup format {manifest.get('format')} is not {FORMAT}")
    ours, theirs = key_ids(), manifest.get("keys", {})
    if theirs.get("identity") and not set(theirs["identity"]) & set(ours["identity"]):
        problems.append("none of the identity keys the backup was made with is configured")
    if theirs.get("receipt") != ours["receipt"]:
        problems.append("KAIMEN_RECEIPT_KEY differs: restored receipts would not be found")
    if not set(theirs.get("event_seal", [])) <= set(ours["event_seal"]):
        problems.append("KAIMEN_EVENT_SEAL_KEYS lacks a key id the chain was sealed with")
    return problems


def backup_restore(source: Path) -> dict[str, Any]:
    """Replace the database's rows and the stored files by the backup's."""
    manifest = backup_read_manifest(source)
    problems = restore_problems(manifest)
    if problems:
        raise RestoreError("; ".join(problems))
    root = Path(settings.MEDIA_ROOT)
    with tarfile.open(source, "r:gz") as archive:
        data_member = archive.extractfile("data.json")
        if data_member is None:
            raise RestoreError("not a Kaimen backup: data.json is missing")
        rows = data_member.read()
        if hashlib.sha256(rows).hexdigest() != manifest["data_sha256"]:
            raise RestoreError("data.json does not match its manifest (damaged backup)")
        fixture = root.parent / f".restore-{timezone.now():%Y%m%d%H%M%S}.json"
        fixture.write_bytes(rows)
        try:
            with transaction.atomic():
                # Rows keep their ids (content types included), so nothing is re-created first.
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                call_command("loaddata", str(fixture), verbosity=0)
        finally:
            fixture.unlink()
        for member in archive.getmembers():
            path = PurePosixPath(member.name)
            if not member.isfile() or path.parts[:1] != ("media",) or ".." in path.parts:
                continue
            target = root.joinpath(*path.parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = archive.extractfile(member)
            if handle is not None:
                target.write_bytes(handle.read())
    return manifest
