"""Attachment checks: the content decides the type (magic bytes), not the name or the browser's
claim; a size limit; JPEG and PNG are re-encoded without their metadata (EXIF: GPS position,
camera, time), so a photo does not give its taker away."""

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5


@dataclass(frozen=True)
class CheckedFile:
    name: str  # a neutral name: the original may name the reporter
    content: bytes
    content_type: str
    kind_label: str


def sniff(head: bytes, data: bytes) -> tuple[str, str, str] | None:
    """(kind label, content type, extension) for the types accepted, else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG", "image/jpeg", "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG", "image/png", "png"
    if head.startswith(b"%PDF-"):
        return "PDF", "application/pdf", "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return (
                "DOCX",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            )
    return None


def strip_metadata(data: bytes, kind_label: str) -> bytes:
    """Re-encode a photo without EXIF or text chunks, keeping its visible orientation."""
    from PIL import Image, ImageOps, UnidentifiedImageError  # noqa: PLC0415  (only for photos)

    try:
        with Image.open(io.BytesIO(data)) as image:
            upright = ImageOps.exif_transpose(image) or image
            clean = Image.new(upright.mode, upright.size)
            clean.paste(upright)
            out = io.BytesIO()
            if kind_label == "JPEG":
                clean.convert("RGB").save(out, format="JPEG", quality=90)
            else:
                clean.save(out, format="PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ApplicationError(
            _("图片文件已损坏，无法读取。"), code="invalid_file", field="attachments"
        ) from exc


def check_upload(upload: UploadedFile[Any], position: int) -> CheckedFile:
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ApplicationError(
            _("附件“%(name)s”超过 10 MB。") % {"name": upload.name},
            code="file_too_large",
            field="attachments",
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ApplicationError(
            _("附件“%(name)s”超过 10 MB。") % {"name": upload.name},
            code="file_too_large",
            field="attachments",
        )
    found = sniff(data[:16], data)
    if found is None:
        raise ApplicationError(
            _("附件“%(name)s”不是 JPEG、PNG 图片或 PDF、Word（docx）文档。")
            % {"name": upload.name},
            code="invalid_file",
            field="attachments",
        )
    kind_label, content_type, extension = found
    if kind_label in ("JPEG", "PNG"):
        data = strip_metadata(data, kind_label)
    return CheckedFile(
        name=f"attachment-{position}.{extension}",
        content=data,
        content_type=content_type,
        kind_label=kind_label,
    )


def check_uploads(uploads: list[UploadedFile[Any]]) -> list[CheckedFile]:
    if len(uploads) > MAX_FILES:
        raise ApplicationError(
            _("最多上传 %(n)d 个附件。") % {"n": MAX_FILES},
            code="too_many_files",
            field="attachments",
        )
    return [check_upload(upload, index) for index, upload in enumerate(uploads, start=1)]
