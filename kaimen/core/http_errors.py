"""Error answers: JSON for the API and Open311, the site's framed page for everyone else.

Django's error handlers (`handler400` … in config/urls.py) and the edge middleware
(`kaimen.core.middleware`) answer through `error_response`, so every error has one shape per
kind of client, a real status code and, on pages, a way back.
"""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext_lazy

JSON_PREFIXES = ("/api/", "/open311/")

TITLES = {
    400: gettext_lazy("请求有误"),
    403: gettext_lazy("无权访问"),
    404: gettext_lazy("页面不存在"),
    413: gettext_lazy("提交的内容过大"),
    429: gettext_lazy("操作过于频繁"),
    500: gettext_lazy("服务器出错了"),
    503: gettext_lazy("服务暂时不可用"),
}
DETAILS = {
    400: gettext_lazy("请求无法处理，请检查填写的内容后重试。"),
    403: gettext_lazy("您没有访问此页面的权限。如需访问，请先登录或联系管理员。"),
    404: gettext_lazy("您要找的页面不存在，可能已被移动或删除，或者链接有误。"),
    413: gettext_lazy("提交的内容超过了允许的大小，请精简后重试。"),
    429: gettext_lazy("您的操作过于频繁，请稍后再试。"),
    500: gettext_lazy("处理您的请求时出错了，我们已记录此问题。请稍后再试。"),
    503: gettext_lazy("系统正在恢复，请稍后再试。已提交的内容不会丢失。"),
}
CODES = {
    400: "invalid",
    403: "forbidden",
    404: "not_found",
    413: "too_large",
    429: "throttled",
    500: "server_error",
    503: "unavailable",
}


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(JSON_PREFIXES)


def error_response(
    request: HttpRequest,
    status: int,
    detail: str | None = None,
    *,
    code: str | None = None,
    field: str | None = None,
    retry_after: int | None = None,
    plain: bool = False,
) -> HttpResponse:
    """The error page or JSON body for `status`; `retry_after` (seconds) also sets the header.

    `plain` renders without the request's context processors: for a server error or an
    unavailable database, whose frame must not need the database again.
    """
    message = detail or str(DETAILS[status])
    response: HttpResponse
    if request.path.startswith("/open311/"):
        response = JsonResponse(
            [{"code": status, "description": message}], status=status, safe=False
        )
    elif wants_json(request):
        body: dict[str, Any] = {"detail": message, "code": code or CODES[status], "field": field}
        if retry_after is not None:
            body["retry_after"] = retry_after
        response = JsonResponse(body, status=status)
    else:
        context = {
            "status": status,
            "title": TITLES[status],
            "detail": message,
            "retry_after": retry_after,
            "retry_minutes": -(-retry_after // 60) if retry_after else None,
        }
        template = loader.get_template("errors/error.html")
        html = template.render(context) if plain else template.render(context, request)
        response = HttpResponse(html, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return error_response(request, 413)
    return error_response(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 403, "Forbidden" if wants_json(request) else None)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, 404, "Not found" if wants_json(request) else None)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(request, 500, plain=True)
