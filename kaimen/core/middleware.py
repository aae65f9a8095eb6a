"""The edge: input no part of the site can store or show is refused before any view runs.

Control characters (NUL above all: PostgreSQL refuses it in text, XML-based exports refuse the
others) and lone surrogates (not encodable as UTF-8) in the path, the query string, form fields,
upload names or JSON bodies answer 400 naming the field; tab, line feed and carriage return are
ordinary text. Integers in JSON bodies beyond 64 bits answer 400 too (they would overflow a query).
Bodies larger than `DATA_UPLOAD_MAX_MEMORY_SIZE` (file parts of a multipart
upload aside) answer 413 before they are read.
"""

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from kaimen.core.http_errors import error_response

FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# Integers beyond the database's 64-bit columns would overflow in a query, not just find nothing.
INTEGER_MIN, INTEGER_MAX = -(2**63), 2**63 - 1
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _json_values(value: Any, path: str) -> Iterator[tuple[str, str | int]]:
    """Every string (keys too) and integer in a decoded JSON document with its dotted path."""
    if isinstance(value, str | int) and not isinstance(value, bool):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            yield child, str(key)
            yield from _json_values(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_values(item, f"{path}.{index}" if path else str(index))


def _fields(request: HttpRequest) -> Iterator[tuple[str, str | int]]:
    """(field, value) pairs of everything the request carries as text or JSON integers."""
    yield "path", request.path
    for key, values in request.GET.lists():
        yield key, key
        for value in values:
            yield key, value
    if request.method not in BODY_METHODS:
        return
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            document = json.loads(request.body)
        except ValueError:
            return  # not JSON: the view's own parser answers that
        yield from _json_values(document, "")
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, values in request.POST.lists():
            yield key, key
            for value in values:
                yield key, value
        for key, uploads in request.FILES.lists():
            for upload in uploads:
                yield key, upload.name or ""


def _too_large(request: HttpRequest) -> bool:
    if request.content_type == "multipart/form-data":
        return False  # files are limited by the upload rules; their text fields are counted below
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit is not None and length > limit


def _refused(value: str | int) -> bool:
    if isinstance(value, int):
        return not INTEGER_MIN <= value <= INTEGER_MAX
    return FORBIDDEN_CHARACTERS.search(value) is not None


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _too_large(request):
            return error_response(request, 413)
        try:
            bad = next(
                ((field, value) for field, value in _fields(request) if _refused(value)),
                None,
            )
        except RequestDataTooBig:
            return error_response(request, 413)
        except MultiPartParserError:
            return error_response(request, 400, _("无法读取提交的内容。"))
        if bad is not None:
            field, value = bad
            if isinstance(value, int):
                message = _("“%(field)s”的数值超出范围。") % {"field": field}
                return error_response(request, 400, message, code="out_of_range", field=field)
            message = _("“%(field)s”含有不允许的控制字符（如 NUL），请删除后重试。") % {
                "field": field
            }
            return error_response(request, 400, message, code="invalid_characters", field=field)
        return self.get_response(request)
