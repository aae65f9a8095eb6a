"""Uploaded files: the content decides the type (magic bytes), never the name or the browser's
claim, and one size rule. Each use names the kinds it accepts and words its own messages."""

import io
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# kind label → (kind label, content type, extension)
KINDS: dict[str, tuple[str, str, str]] = {
    "JPEG": ("JPEG", "image/jpeg", "jpg"),
    "PNG": ("PNG", "image/png", "png"),
    "PDF": ("PDF", "application/pdf", "pdf"),
    "DOCX": (
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "XLSX": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str
    kind_label: str


def _kind(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"%PDF-"):
        return "PDF"
    if data.startswith(b"PK\x03\x04"):
        # Office files are zips: the parts inside tell a document from a workbook (or neither).
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "DOCX"
        if "xl/workbook.xml" in names:
            return "XLSX"
    return None


def sniff(data: bytes, accept: Collection[str] = tuple(KINDS)) -> tuple[str, str, str] | None:
    """(kind label, content type, extension) when the content is one of the kinds accepted."""
    kind = _kind(data)
    return KINDS[kind] if kind is not None and kind in accept else None


def read_limited(upload: UploadedFile[Any], max_bytes: int = MAX_UPLOAD_BYTES) -> bytes | None:
    """The upload's bytes, or None when it is larger than `max_bytes` (checked on the declared
    size and again on what is read, which never exceeds one byte over the limit)."""
    if upload.size is not None and upload.size > max_bytes:
        return None
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    return None if len(data) > max_bytes else data
