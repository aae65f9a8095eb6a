"""Stored files: random names on disk, sent only by views that have checked who may see them.

Names on disk are random (`RandomNameStorage`), so a file's path says nothing about it and
cannot be guessed. `file_response` sends a file from a view: by Django itself, or — with
`KAIMEN_SENDFILE` — by the web server (nginx `X-Accel-Redirect` to an `internal` location at
`KAIMEN_SENDFILE_PREFIX`, Apache/lighttpd `X-Sendfile`). MEDIA_ROOT itself is never public.
"""

import posixpath
import uuid
from os import PathLike
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header


class RandomNameStorage(FileSystemStorage):
    """Keeps the folder `upload_to` chose and the extension; the name itself is random."""

    def generate_filename(self, filename: str | PathLike[str]) -> str:
        folder, name = posixpath.split(str(filename).replace("\\", "/"))
        extension = posixpath.splitext(name)[1].lower()[:10]
        return super().generate_filename(posixpath.join(folder, uuid.uuid4().hex + extension))


def file_response(
    field: FieldFile,
    *,
    filename: str,
    as_attachment: bool = True,
    content_type: str | None = None,
) -> HttpResponseBase:
    """The stored file as the answer of a view that has checked scope; 404 when it is gone."""
    if not field.name or not field.storage.exists(field.name):
        raise Http404
    mode = settings.KAIMEN_SENDFILE
    response: HttpResponseBase
    if mode:
        response = HttpResponse(content_type=content_type or "application/octet-stream")
        if mode == "x-accel-redirect":
            response["X-Accel-Redirect"] = settings.KAIMEN_SENDFILE_PREFIX + quote(field.name)
        else:
            response["X-Sendfile"] = field.path
    else:
        kwargs: dict[str, Any] = {"content_type": content_type} if content_type else {}
        response = FileResponse(field.open("rb"), **kwargs)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename) or ""
    return response
