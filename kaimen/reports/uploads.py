"""Attachment checks: the content decides the type (magic bytes), not the name or the browser's
claim; a size limit; JPEG and PNG are re-encoded without their metadata (EXIF: GPS position,
camera, time), so a photo does not give its taker away."""

import io
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError
from kaimen.core.uploads import CheckedFile, read_limited, sniff

MAX_FILES = 5
ACCEPTED = ("JPEG", "PNG", "PDF", "DOCX")


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
    """A neutral name (the original may name the reporter) and a photo without its metadata."""
    data = read_limited(upload)
    if data is None:
        raise ApplicationError(
            _("附件“%(name)s”超过 10 MB。") % {"name": upload.name},
            code="file_too_large",
            field="attachments",
        )
    found = sniff(data, ACCEPTED)
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
