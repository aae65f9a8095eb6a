"""Uploaded files of supervision (evidence, inspections, institutions): the content decides the
type (magic bytes: JPEG, PNG, PDF, DOCX, XLSX), not the name or the browser's claim; 10 MB each."""

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError
from kaimen.core.uploads import CheckedFile, read_limited, sniff

MAX_FILES = 10


def _display_name(original: str, extension: str) -> str:
    stem = PurePath(original or "file").stem.strip() or "file"
    return f"{stem[:80]}.{extension}"


def check_upload(upload: UploadedFile[Any], *, field: str = "attachments") -> CheckedFile:
    name = upload.name or "file"
    data = read_limited(upload)
    if data is None:
        raise ApplicationError(
            _("文件“%(name)s”超过 10 MB。") % {"name": name}, code="file_too_large", field=field
        )
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
