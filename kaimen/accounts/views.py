from http import HTTPStatus
from typing import cast

import segno
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kaimen.accounts import services
from kaimen.accounts.forms import CodeForm, LoginForm, PhoneCodeForm
from kaimen.accounts.middleware import SESSION_VERIFIED
from kaimen.accounts.models import User
from kaimen.core.errors import ApplicationError
from kaimen.core.http_errors import error_response
from kaimen.core.throttle import ThrottledError, client_address
from kaimen.orgs.decorators import staff_required

PENDING_USER = "kaimen_2fa_pending_user"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return "/staff/"


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status, retry_after = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_authenticate(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
            status, retry_after = error.status, getattr(error, "retry_after", None)
        else:
            if user.has_totp:
                request.session[PENDING_USER] = user.pk
                query = urlencode({"next": _next_url(request)})
                return redirect(f"{reverse('accounts:login_code')}?{query}")
            login(request, user)
            return redirect(_next_url(request) if user.kind == "staff" else "/")
    response = render(
        request, "accounts/login.html", {"form": form, "next": _next_url(request)}, status=status
    )
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def login_code_view(request: HttpRequest) -> HttpResponse:
    """Second step of login for users with two-factor set up."""
    pending = request.session.get(PENDING_USER)
    user = User.objects.filter(pk=pending, is_active=True).first() if pending else None
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.second_factor_check(request=request, user=user, code=form.cleaned_data["code"])
        except ThrottledError as error:
            form.add_error(error.field, error.message)
            status = error.status
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            del request.session[PENDING_USER]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_VERIFIED] = True
            return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/login_code.html", context, status=status)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: object = None
) -> HttpResponse:
    """django-axes' answer once a login is locked out. Our login forms and the API answer for
    themselves (the failure that reaches the limit says so, later ones are 429); a form that
    answers 200 to a refused login (the admin's) gets the framed 429 page."""
    if original_response is not None and original_response.status_code != HTTPStatus.OK:
        return original_response
    return error_response(
        request,
        429,
        _("登录失败次数过多，请稍后再试。"),
        retry_after=settings.KAIMEN_LOGIN_WINDOW_SECONDS,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def totp_setup_view(request: HttpRequest) -> HttpResponse:
    """Set up two-factor authentication: scan the QR code, confirm with one code."""
    user = cast(User, request.user)  # staff_required: signed in
    if user.has_totp:
        if not request.session.get(SESSION_VERIFIED):
            request.session[PENDING_USER] = user.pk
            return redirect("accounts:login_code")
        return render(request, "accounts/totp_setup.html", {"enabled": True})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_confirm(actor=user, code=form.cleaned_data["code"])
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            request.session[SESSION_VERIFIED] = True
            return redirect("backoffice:home")
    if not user.totp_secret:
        services.totp_begin(actor=user)
    qr_svg = segno.make(services.totp_provisioning_uri(user=user)).svg_inline(scale=4)
    context = {"form": form, "qr_svg": qr_svg, "secret": user.totp_secret}
    return render(request, "accounts/totp_setup.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def phone_login_view(request: HttpRequest) -> HttpResponse:
    """手机号登录/注册: send a code ("send"), then sign in with it; new numbers get an account.

    The phone number is processed only with the visitor's consent to the privacy policy, given
    on the first step and carried to the second. A resend refused during the cooldown keeps
    the code step (the code already sent stays valid).
    """
    form = PhoneCodeForm(request.POST or None)
    action = request.POST.get("action")
    issued, status = None, 200
    consent = False
    if request.method == "POST" and form.is_valid():
        phone, code = form.cleaned_data["phone"], form.cleaned_data["code"]
        consent = form.cleaned_data["consent"]
        try:
            if not consent:
                raise ApplicationError(
                    _("请阅读并同意隐私政策。"), code="consent_required", field="consent"
                )
            if action != "verify":
                issued = services.phone_code_request(phone=phone, address=client_address(request))
            elif not code:
                raise ApplicationError(_("请输入短信验证码。"), code="required", field="code")
            else:
                user = services.citizen_sign_in_with_code(
                    phone=phone, code=code, address=client_address(request), consent=consent
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect(_citizen_next(request))
        except ApplicationError as error:
            form.add_error(error.field, error.message)
            status = error.status
    on_code_step = (
        issued is not None
        or action == "resend"
        or (action == "verify" and "phone" not in form.errors and "consent" not in form.errors)
    )
    context = {
        "form": form,
        "issued": issued,
        "step": "code" if on_code_step else "phone",
        "next": _citizen_next(request),
        "consent": consent,
    }
    return render(request, "accounts/phone_login.html", context, status=status)


def _citizen_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return "/"
