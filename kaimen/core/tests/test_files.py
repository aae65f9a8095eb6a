"""Stored files: random names, never public under /media/, sent by views (or the web server)."""

import io
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from conftest import World
from kaimen.reports.models import ReportAttachment
from kaimen.reports.tests import factories


def _photo() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, format="JPEG")
    return SimpleUploadedFile("举报人张三-家门口.JPG", out.getvalue(), content_type="image/jpeg")


def _attachment(world: World, settings: Any, tmp_path: Any) -> ReportAttachment:
    settings.MEDIA_ROOT = tmp_path
    factories.category()
    data = {
        "kind": "service_request",
        "category": "001",
        "content": "路灯不亮",
        "organization": world.orgs["dh_jiaoyu"].pk,
        "idempotency_key": "files-test",
        "attachments": _photo(),
    }
    Client().post("/reports/", data)
    return ReportAttachment.objects.get()


def test_stored_names_are_random_and_keep_only_the_extension(
    world: World, settings: Any, tmp_path: Any
) -> None:
    attachment = _attachment(world, settings, tmp_path)

    assert re.fullmatch(r"reports/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", attachment.file.name or "")


def test_media_is_not_served_even_in_debug(world: World, settings: Any, tmp_path: Any) -> None:
    attachment = _attachment(world, settings, tmp_path)
    settings.DEBUG = True

    response = Client().get(f"/media/{attachment.file.name}")

    assert response.status_code == 404


def test_the_web_server_can_send_the_file_after_the_scope_check(
    world: World, settings: Any, tmp_path: Any
) -> None:
    attachment = _attachment(world, settings, tmp_path)
    settings.KAIMEN_SENDFILE = "x-accel-redirect"
    url = f"/staff/reports/{attachment.report_id}/attachments/{attachment.pk}/"

    allowed = world.client_for("supervisor").get(url)
    refused = world.client_for("commission_admin_other").get(url)

    assert allowed.status_code == 200
    assert allowed["X-Accel-Redirect"] == f"/protected-media/{attachment.file.name}"
    assert allowed.content == b""
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


def test_x_sendfile_names_the_path_on_disk(world: World, settings: Any, tmp_path: Any) -> None:
    attachment = _attachment(world, settings, tmp_path)
    settings.KAIMEN_SENDFILE = "x-sendfile"
    url = f"/staff/reports/{attachment.report_id}/attachments/{attachment.pk}/"

    response = world.client_for("supervisor").get(url)

    assert response["X-Sendfile"] == attachment.file.path
