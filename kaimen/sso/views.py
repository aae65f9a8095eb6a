"""Sign in through an identity provider: start (remember state and nonce, go to the provider),
callback (check the state, get the identity, log the linked account in). Errors go back to the
login page as a message (post/redirect/get), never a server error."""

import secrets

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kaimen.core.errors import ApplicationError
from kaimen.sso.providers import Provider, provider_get
from kaimen.sso.services import user_for_identity

SESSION_KEY = "kaimen_sso"


def _provider(key: str) -> Provider:
    provider = provider_get(key)
    if provider is None:
        raise Http404
    return provider


def _callback_uri(request: HttpRequest, provider: Provider) -> str:
    return request.build_absolute_uri(reverse("sso:callback", args=[provider.key]))


@login_not_required
@require_GET
def start(request: HttpRequest, key: str) -> HttpResponse:
    provider = _provider(key)
    state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    request.session[SESSION_KEY] = {
        "provider": provider.key,
        "state": state,
        "nonce": nonce,
        "next": wanted if safe else "",
    }
    try:
        url = provider.start_url(
            redirect_uri=_callback_uri(request, provider), state=state, nonce=nonce
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("accounts:login")
    return redirect(url)


@login_not_required
@require_GET
def callback(request: HttpRequest, key: str) -> HttpResponse:
    provider = _provider(key)
    pending = request.session.pop(SESSION_KEY, None) or {}
    state = request.GET.get("state", "")
    if pending.get("provider") != provider.key or not state or pending.get("state") != state:
        messages.error(request, _("登录已过期或来源不明，请重新登录。"))
        return redirect("accounts:login")
    try:
        identity = provider.identity(
            params=request.GET.dict(),
            redirect_uri=_callback_uri(request, provider),
            nonce=pending["nonce"],
        )
        user = user_for_identity(identity)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("accounts:login")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    default = "/staff/" if user.kind == "staff" else "/"
    return redirect(pending.get("next") or default)
