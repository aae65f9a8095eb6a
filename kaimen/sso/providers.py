"""External sign-in: one interface, one adapter per kind of identity provider.

An adapter knows two things: where to send the browser (`start_url`) and how to turn what the
browser brings back into an `ExternalIdentity` (`identity`). Everything else — the state check,
which Kaimen account the identity is, logging in — is the same for all (services, views).

- `oidc`: a standard OpenID Connect provider (Authlib for the code exchange, the ID token's
  signature checked against the provider's JWKS, issuer, audience, expiry and nonce checked).
- `zhengding` (浙政钉): OAuth2 code flow with QR login; code → user info through the
  government DingTalk open platform, each call signed with the app secret (HMAC-SHA256 headers).
- `zheliban` (浙里办): ticket flow; ticket → token → user info, each call signed with
  md5(servicecode + password + time).

Providers are configured in `settings.KAIMEN_SSO_PROVIDERS` (key → type, label, audience,
endpoints and credentials); none is configured by default.
"""

import base64
import hashlib
import hmac
import secrets
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import formatdate
from typing import Any, ClassVar
from urllib.parse import urlencode, urlsplit

import requests
from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from kaimen.core.errors import ApplicationError

TIMEOUT = 10  # seconds for each call to a provider


class SignInError(ApplicationError):
    """The provider refused, answered something unexpected, or could not be reached."""

    status = 400


@dataclass(frozen=True)
class ExternalIdentity:
    """Who the provider says signed in: `subject` is its stable id for that person."""

    provider: str
    subject: str
    name: str = ""
    mobile: str = ""
    claims: Mapping[str, Any] = field(default_factory=dict)


class Provider(ABC):
    kind: ClassVar[str]

    def __init__(self, key: str, config: Mapping[str, Any]) -> None:
        self.key = key
        self.config = config
        self.label = str(config.get("label") or key)
        self.audience = str(config.get("audience") or "staff")  # "staff" or "citizen"

    @abstractmethod
    def start_url(self, *, redirect_uri: str, state: str, nonce: str) -> str:
        """Where the browser goes to sign in."""

    @abstractmethod
    def identity(
        self, *, params: Mapping[str, str], redirect_uri: str, nonce: str
    ) -> ExternalIdentity:
        """The identity behind what the browser brought back (`params` of the callback)."""

    def _json(self, response: requests.Response) -> dict[str, Any]:
        if response.status_code != 200:  # noqa: PLR2004
            raise SignInError(
                _("%(provider)s 返回错误（%(status)d）。")
                % {"provider": self.label, "status": response.status_code},
                code="provider_error",
            )
        try:
            data = response.json()
        except ValueError as error:
            raise SignInError(
                _("%(provider)s 的应答无法识别。") % {"provider": self.label},
                code="provider_error",
            ) from error
        if not isinstance(data, dict):
            raise SignInError(
                _("%(provider)s 的应答无法识别。") % {"provider": self.label},
                code="provider_error",
            )
        return data

    def _call_json(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            return self._json(requests.request(method, url, timeout=TIMEOUT, **kwargs))
        except requests.RequestException as error:
            raise SignInError(
                _("无法连接%(provider)s，请稍后重试。") % {"provider": self.label},
                code="provider_unreachable",
            ) from error

    def _post(self, url: str, **kwargs: Any) -> dict[str, Any]:
        return self._call_json("POST", url, **kwargs)

    def _get(self, url: str, **kwargs: Any) -> dict[str, Any]:
        return self._call_json("GET", url, **kwargs)

    def _refused(self, detail: str = "") -> SignInError:
        message = _("%(provider)s 未能确认身份，请重新登录。") % {"provider": self.label}
        return SignInError(message + (f"（{detail}）" if detail else ""), code="refused")


class OidcProvider(Provider):
    """A standard OpenID Connect provider: `issuer`, `client_id`, `client_secret`, `scope`."""

    kind = "oidc"

    def _discovery(self) -> dict[str, Any]:
        issuer = str(self.config["issuer"]).rstrip("/")
        return self._get(f"{issuer}/.well-known/openid-configuration")

    def _session(self, redirect_uri: str) -> OAuth2Session:
        return OAuth2Session(
            client_id=self.config["client_id"],
            client_secret=self.config.get("client_secret"),
            scope=self.config.get("scope", "openid profile"),
            redirect_uri=redirect_uri,
        )

    def start_url(self, *, redirect_uri: str, state: str, nonce: str) -> str:
        endpoint = self._discovery()["authorization_endpoint"]
        url, _state = self._session(redirect_uri).create_authorization_url(
            endpoint, state=state, nonce=nonce
        )
        return str(url)

    def identity(
        self, *, params: Mapping[str, str], redirect_uri: str, nonce: str
    ) -> ExternalIdentity:
        if params.get("error"):
            raise self._refused(params.get("error_description") or params["error"])
        if not params.get("code"):
            raise self._refused()
        meta = self._discovery()
        try:
            token = self._session(redirect_uri).fetch_token(
                meta["token_endpoint"], code=params["code"], timeout=TIMEOUT
            )
        except (requests.RequestException, ValueError) as error:
            raise self._refused() from error
        except Exception as error:  # Authlib raises its own OAuthError family on refusal
            raise self._refused(str(error)[:100]) from error
        claims = self._verified_claims(str(token.get("id_token") or ""), meta, nonce)
        return ExternalIdentity(
            provider=self.key,
            subject=str(claims["sub"]),
            name=str(claims.get("name") or claims.get("preferred_username") or ""),
            mobile=str(claims.get("phone_number") or ""),
            claims=claims,
        )

    def _verified_claims(
        self, id_token: str, meta: Mapping[str, Any], nonce: str
    ) -> dict[str, Any]:
        keys = KeySet.import_key_set(self._get(meta["jwks_uri"]))  # type: ignore[arg-type]
        try:
            decoded = jwt.decode(id_token, keys, algorithms=["RS256", "ES256"])
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": meta["issuer"]},
                aud={"essential": True, "value": self.config["client_id"]},
                sub={"essential": True},
                exp={"essential": True},
                nonce={"essential": True, "value": nonce},
            ).validate(decoded.claims)
        except (JoseError, ValueError) as error:
            raise self._refused(_("身份令牌无效")) from error
        return dict(decoded.claims)


class ZhengDingProvider(Provider):
    """浙政钉: `auth_url` (the QR login page), `api_url` (the open platform), `app_key`,
    `app_secret`."""

    kind = "zhengding"

    def start_url(self, *, redirect_uri: str, state: str, nonce: str) -> str:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.config["app_key"],
                "redirect_uri": redirect_uri,
                "scope": "get_user_info",
                "authType": "QRCODE",
                "state": state,
            }
        )
        return f"{str(self.config['auth_url']).rstrip('/')}/oauth2/auth.htm?{query}"

    def signed_headers(self, method: str, path: str, params: Mapping[str, str]) -> dict[str, str]:
        """The open platform's request signature: HMAC-SHA256 over method, time, nonce, path
        and the sorted parameters, with the app secret."""
        timestamp = formatdate(usegmt=False, localtime=True)
        nonce = secrets.token_hex(8)
        canonical = "&".join(f"{k}={params[k]}" for k in sorted(params))
        message = f"{method}\n{timestamp}\n{nonce}\n{path}" + (
            f"\n{canonical}" if canonical else ""
        )
        digest = hmac.new(
            str(self.config["app_secret"]).encode(), message.encode(), hashlib.sha256
        ).digest()
        return {
            "X-Hmac-Auth-Timestamp": timestamp,
            "X-Hmac-Auth-Version": "1.0",
            "X-Hmac-Auth-Nonce": nonce,
            "apiKey": str(self.config["app_key"]),
            "X-Hmac-Auth-Signature": base64.b64encode(digest).decode(),
        }

    def _call(self, path: str, params: Mapping[str, str]) -> dict[str, Any]:
        url = str(self.config["api_url"]).rstrip("/") + path
        data = self._post(url, data=params, headers=self.signed_headers("POST", path, params))
        content: dict[str, Any] = data["content"] if isinstance(data.get("content"), dict) else {}
        if not data.get("success") or not content.get("success", True):
            raise self._refused(str(data.get("errorMsg") or content.get("responseMessage") or ""))
        result = content.get("data")
        if not isinstance(result, dict):
            raise self._refused()
        return result

    def identity(
        self, *, params: Mapping[str, str], redirect_uri: str, nonce: str
    ) -> ExternalIdentity:
        code = params.get("code") or params.get("auth_code") or ""
        if not code:
            raise self._refused()
        token = self._call("/gettoken.json", {"appkey": str(self.config["app_key"])})
        access_token = str(token.get("accessToken") or "")
        user = self._call(
            "/rpc/oauth/getuserinfo_bycode.json", {"access_token": access_token, "code": code}
        )
        subject = str(user.get("accountId") or "")
        if not subject:
            raise self._refused()
        return ExternalIdentity(
            provider=self.key,
            subject=subject,
            name=str(user.get("lastName") or user.get("nickNameCn") or ""),
            claims=user,
        )


class ZheliBanProvider(Provider):
    """浙里办: `sso_url` (the login and API host), `service_code`, `service_password`."""

    kind = "zheliban"

    def start_url(self, *, redirect_uri: str, state: str, nonce: str) -> str:
        back = f"{redirect_uri}{'&' if urlsplit(redirect_uri).query else '?'}state={state}"
        query = urlencode(
            {
                "action": "oauth",
                "scope": "1",
                "servicecode": self.config["service_code"],
                "redirectUrl": back,
            }
        )
        return f"{str(self.config['sso_url']).rstrip('/')}/sso/mobile.do?{query}"

    def signature(self, moment: datetime) -> tuple[str, str]:
        """(time, sign): sign = md5(servicecode + service password + time)."""
        time = moment.strftime("%Y%m%d%H%M%S")
        raw = f"{self.config['service_code']}{self.config['service_password']}{time}"
        return time, hashlib.md5(raw.encode()).hexdigest()  # noqa: S324  (the provider's scheme)

    def _call(self, method: str, **params: str) -> dict[str, Any]:
        time, sign = self.signature(timezone.localtime())
        data = self._post(
            f"{str(self.config['sso_url']).rstrip('/')}/sso/servlet/simpleauth",
            data={
                "method": method,
                "servicecode": str(self.config["service_code"]),
                "time": time,
                "sign": sign,
                "datatype": "json",
                **params,
            },
        )
        if str(data.get("result")) != "0":
            raise self._refused(str(data.get("errmsg") or ""))
        return data

    def identity(
        self, *, params: Mapping[str, str], redirect_uri: str, nonce: str
    ) -> ExternalIdentity:
        ticket = params.get("ticket") or ""
        if not ticket:
            raise self._refused()
        token = str(self._call("ticketValidation", st=ticket).get("token") or "")
        user = self._call("getUserInfo", token=token)
        subject = str(user.get("userid") or "")
        if not subject:
            raise self._refused()
        return ExternalIdentity(
            provider=self.key,
            subject=subject,
            name=str(user.get("username") or ""),
            mobile=str(user.get("mobile") or ""),
            claims={k: v for k, v in user.items() if k not in {"idnum", "token"}},
        )


KINDS: dict[str, type[Provider]] = {
    cls.kind: cls for cls in (OidcProvider, ZhengDingProvider, ZheliBanProvider)
}


def configured_providers(audience: str | None = None) -> list[Provider]:
    """The providers set up in settings, for staff, citizens, or all."""
    found = []
    for key, config in getattr(settings, "KAIMEN_SSO_PROVIDERS", {}).items():
        provider = KINDS[config["type"]](key, config)
        if audience is None or provider.audience == audience:
            found.append(provider)
    return found


def provider_get(key: str) -> Provider | None:
    return next((p for p in configured_providers() if p.key == key), None)
