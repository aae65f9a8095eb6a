import io
import logging
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import World
from kaimen.reports.models import Report, ReportAttachment, ReportState
from kaimen.reports.receipts import LOOKUP_RATE
from kaimen.reports.tests import factories

XSS = '<script>alert("x")</script>'


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _form(world: World, **extra: Any) -> dict[str, Any]:
    factories.category()
    return {
        "kind": "service_request",
        "category": factories.category().pk,
        "organization": world.orgs["dh_jiaoyu"].pk,
        "content": "社区公共收益没有公示",
        "name": factories.SECRET_NAME,
        "phone": factories.SECRET_PHONE,
        "idempotency_key": "abc",
        **extra,
    }


def test_anonymous_files_with_photo_and_exif_is_stripped(world: World) -> None:
    photo = SimpleUploadedFile("IMG_王秘密.jpg", _jpeg_with_exif(), content_type="image/jpeg")
    data = _form(world, attachments=photo)

    response = world.client_for("anonymous").post("/reports/", data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "只显示这一次" in body
    attachment = ReportAttachment.objects.get()
    stored = attachment.file.read()
    assert b"SecretCamera" not in stored
    assert "王秘密" not in (attachment.file.name or "")
    assert stored.startswith(b"\xff\xd8\xff")


def test_a_file_pretending_to_be_a_photo_is_refused(world: World) -> None:
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")

    response = world.client_for("anonymous").post("/reports/", _form(world, attachments=fake))

    assert response.status_code == 200
    assert "不是 JPEG、PNG 图片" in response.content.decode()
    assert Report.objects.count() == 0


def test_double_post_of_the_form_files_one_report(world: World) -> None:
    client = world.client_for("anonymous")
    first = client.post("/reports/", _form(world))
    second = client.post("/reports/", _form(world))

    assert Report.objects.count() == 1
    assert first.status_code == second.status_code == 200


def test_receipt_lookup_is_throttled(world: World) -> None:
    client = world.client_for("anonymous")
    statuses = [
        client.post("/reports/track/", {"receipt": f"{n:016d}"}).status_code
        for n in range(LOOKUP_RATE.limit + 1)
    ]

    assert statuses[: LOOKUP_RATE.limit] == [200] * LOOKUP_RATE.limit
    assert statuses[LOOKUP_RATE.limit] == 429


def test_reporter_follows_and_rates_by_receipt(world: World) -> None:
    submission = factories.submit(world)
    report = submission.report
    from kaimen.reports import services  # noqa: PLC0415

    report = services.report_accept(actor=world.users["supervisor"], report=report)
    report = services.report_assign(
        actor=world.users["supervisor"], report=report, unit=world.orgs["dh_jiaoyu"]
    )
    services.report_reply(actor=world.users["unit_staff_lead"], report=report, body=XSS + "已答复")
    client = world.client_for("anonymous")

    client.post(
        "/reports/track/", {"receipt": " ".join([submission.receipt[:8], submission.receipt[8:]])}
    )
    page = client.get("/reports/progress/").content.decode()
    client.post("/reports/progress/rate/", {"rating": "dissatisfied"})

    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;已答复" in page
    assert XSS not in page
    report.refresh_from_db()
    assert report.state == ReportState.REOPENED


def test_unit_page_never_shows_identity_and_content_is_escaped(world: World, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    report = factories.submit(world, content=XSS).report
    from kaimen.reports import services  # noqa: PLC0415

    services.report_accept(actor=world.users["supervisor"], report=report)
    services.report_assign(
        actor=world.users["supervisor"], report=report, unit=world.orgs["dh_jiaoyu"]
    )

    page = world.client_for("unit_staff_lead").get(f"/staff/reports/{report.pk}/").content.decode()
    forced = world.client_for("unit_staff_lead").post(f"/staff/reports/{report.pk}/identity/")

    assert forced.status_code == 403
    assert factories.SECRET_NAME not in page
    assert factories.SECRET_PHONE not in page
    assert XSS not in page
    assert "&lt;script&gt;" in page
    assert factories.SECRET_NAME not in caplog.text


def test_handler_sees_identity_only_after_asking(world: World) -> None:
    report = factories.submit(world).report
    client = world.client_for("supervisor")

    page = client.get(f"/staff/reports/{report.pk}/").content.decode()
    revealed = client.post(f"/staff/reports/{report.pk}/identity/").content.decode()

    assert factories.SECRET_NAME not in page
    assert factories.SECRET_NAME in revealed


def test_export_has_no_identity(world: World) -> None:
    factories.assigned(world)

    response = world.client_for("commission_admin").get("/staff/reports/export.csv")

    text = response.content.decode()
    assert response.status_code == 200
    assert factories.SECRET_NAME not in text
    assert factories.SECRET_PHONE not in text


def test_staff_actions_move_the_report(world: World) -> None:
    report = factories.submit(world).report
    client = world.client_for("supervisor")

    client.post(f"/staff/reports/{report.pk}/accept/", {"version": report.version})
    report.refresh_from_db()
    client.post(
        f"/staff/reports/{report.pk}/assign/",
        {"version": report.version, "unit": world.orgs["dh_jiaoyu"].pk},
    )
    world.client_for("unit_staff_lead").post(
        f"/staff/reports/{report.pk}/reply/", {"body": "已办理", "public": "on"}
    )

    report.refresh_from_db()
    assert report.state == ReportState.REPLIED
    assert report.replies.get().body == "已办理"
