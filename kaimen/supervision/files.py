"""Uploaded files of supervision (evidence, inspections, institutions): the content decides the
type (magic bytes: JPEG, PNG, PDF, DOCX, XLSX), not the name or the browser's claim; 10 MB each."""

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class CheckedFile:
    name: str  # the original name, shortened, with the extension the content calls for
    content: bytes
    content_type: str
    kind_label: str


def sniff(data: bytes) -> tuple[str, str, str] | None:
    """(kind label, content type, extension) of the accepted types, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG", "image/jpeg", "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG", "image/png", "png"
    if data.startswith(b"%PDF-"):
        return "PDF", "application/pdf", "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "DOCX", DOCX, "docx"
        if "xl/workbook.xml" in names:
            return "XLSX", XLSX, "xlsx"
    return None


def _display_name(original: str, extension: str) -> str:
    stem = PurePath(original or "file").stem.strip() or "file"
    return f"{stem[:80]}.{extension}"


def check_upload(upload: UploadedFile[Any], *, field: str = "attachments") -> CheckedFile:
    name = upload.name or "file"
    too_large = _("文件“%(name)s”超过 10 MB。") % {"name": name}
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ApplicationError(too_large, code="file_too_large", field=field)
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ApplicationError(too_large, code="file_too_large", field=field)
    found = sniff(data)
    if found is None:
        raise ApplicationError(
            _("文件“%(name)s”不是 JPEG、PNG 图片或 PDF、Word（docx）、Excel（xlsx）文档。")
            % {"name": name},
            code="invalid_file",
            field=field,
        )
    kind_label, content_type, extension = found
    return CheckedFile(
        name=_display_name(name, extension),
        content=data,
        content_type=content_type,
        kind_label=kind_label,
    )


def check_uploads(
    uploads: Sequence[UploadedFile[Any]], *, field: str = "attachments"
) -> list[CheckedFile]:
    if len(uploads) > MAX_FILES:
        raise ApplicationError(
            _("最多上传 %(n)d 个文件。") % {"n": MAX_FILES}, code="too_many_files", field=field
        )
    return [check_upload(upload, field=field) for upload in uploads]
