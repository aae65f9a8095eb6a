"""`backup` and `restore` round-trip a small site to an identical state, chain intact."""

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from conftest import World
from kaimen.reports.models import Report, ReportAttachment
from kaimen.reports.tests import factories
from kaimen.timeline.services import event_record, events_seal_all

# Committed rows, as in a real restore: PostgreSQL will not empty tables that a still-open
# transaction has pending checks on.
pytestmark = pytest.mark.django_db(transaction=True)


def _rows() -> list[Any]:
    out = io.StringIO()
    call_command("dumpdata", "--all", stdout=out, verbosity=0)
    return sorted(json.loads(out.getvalue()), key=lambda row: (row["model"], str(row["pk"])))


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _site(world: World, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    submission = factories.submit(world)
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="JPEG")
    ReportAttachment.objects.create(
        report=submission.report,
        file=SimpleUploadedFile("photo.jpg", out.getvalue()),
        content_type="image/jpeg",
        size=len(out.getvalue()),
        kind_label="JPEG",
    )
    events_seal_all()


def test_backup_and_restore_round_trip_to_an_identical_state(
    world: World, settings: Any, tmp_path: Path
) -> None:
    _site(world, settings, tmp_path)
    rows, files = _rows(), _files(settings.MEDIA_ROOT)
    archive = tmp_path / "kaimen.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    # Damage: a report and a file gone, an event added.
    Report.objects.all().delete()
    for path in Path(settings.MEDIA_ROOT).rglob("*.jpg"):
        path.unlink()
    event_record(
        actor=world.users["supervisor"], action="test.after_backup", target=world.projects["draft"]
    )
    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert _rows() == rows
    assert _files(settings.MEDIA_ROOT) == files
    assert "restored" in out.getvalue()
    call_command("verify_events", stdout=io.StringIO())  # raises when the chain is broken


def test_the_backup_names_keys_but_never_holds_them(
    world: World, settings: Any, tmp_path: Path
) -> None:
    _site(world, settings, tmp_path)
    archive = tmp_path / "kaimen.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    content = gzip.decompress(archive.read_bytes())
    for secret in [*settings.KAIMEN_IDENTITY_KEYS, settings.KAIMEN_RECEIPT_KEY]:
        assert secret.encode() not in content
    for pair in settings.KAIMEN_EVENT_SEAL_KEYS:
        assert pair.partition(":")[2].encode() not in content
    assert b'"identity"' in content


def test_restore_refuses_without_the_keys_the_backup_needs(
    world: World, settings: Any, tmp_path: Path
) -> None:
    _site(world, settings, tmp_path)
    archive = tmp_path / "kaimen.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    settings.KAIMEN_RECEIPT_KEY = "another receipt key"

    with pytest.raises(CommandError, match="KAIMEN_RECEIPT_KEY"):
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert Report.objects.count() == 1  # nothing was touched
