"""A fake identity provider served on loopback by the tests themselves: an OpenID Connect
provider (discovery, JWKS, token endpoint with RS256 ID tokens), the 浙政钉 open platform
(HMAC-signed token and user-info calls) and 浙里办's simpleauth (signed ticket → token → user).
It checks what a real one checks — signatures, codes used once — so the adapters are tested
against refusals too."""

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "kaimen"
CLIENT_SECRET = "oidc-secret"
APP_KEY = "zzd-app"
APP_SECRET = "zzd-secret"
SERVICE_CODE = "kaimen-zlb"
SERVICE_PASSWORD = "zlb-secret"


@dataclass
class FakeProvider:
    base: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "k1"}))
    oidc_codes: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → claims
    zzd_codes: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → user
    zlb_tickets: dict[str, dict[str, Any]] = field(default_factory=dict)  # ticket → user
    zlb_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def id_token(self, claims: dict[str, Any]) -> str:
        now = int(time.time())
        payload = {"iss": self.base, "aud": CLIENT_ID, "iat": now, "exp": now + 300, **claims}
        return jwt.encode({"alg": "RS256", "kid": "k1"}, payload, self.key)

    # ------------------------------------------------------------ the endpoints

    def handle(self, method: str, path: str, form: dict[str, str], headers: Any) -> Any:
        self.calls.append(path)
        if path == "/.well-known/openid-configuration":
            return {
                "issuer": self.base,
                "authorization_endpoint": f"{self.base}/authorize",
                "token_endpoint": f"{self.base}/token",
                "jwks_uri": f"{self.base}/jwks",
            }
        if path == "/jwks":
            return {"keys": [self.key.as_dict(private=False)]}
        if path == "/token" and method == "POST":
            return self._token(form, headers)
        if path in {"/gettoken.json", "/rpc/oauth/getuserinfo_bycode.json"}:
            return self._zhengding(path, form, headers)
        if path == "/sso/servlet/simpleauth":
            return self._zheliban(form)
        return 404, {"error": "not_found"}

    def _token(self, form: dict[str, str], headers: Any) -> Any:
        auth = headers.get("Authorization", "")
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if auth != f"Basic {expected}":
            return 401, {"error": "invalid_client"}
        claims = self.oidc_codes.pop(form.get("code", ""), None)  # a code is used once
        if claims is None or form.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}
        return {
            "access_token": "at-" + form["code"],
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": claims.pop("_raw_id_token", None) or self.id_token(claims),
        }

    def _zhengding(self, path: str, form: dict[str, str], headers: Any) -> Any:
        params = "&".join(f"{k}={form[k]}" for k in sorted(form))
        message = "\n".join(
            [
                "POST",
                headers.get("X-Hmac-Auth-Timestamp", ""),
                headers.get("X-Hmac-Auth-Nonce", ""),
                path,
                *([params] if params else []),
            ]
        )
        digest = hmac.new(APP_SECRET.encode(), message.encode(), hashlib.sha256).digest()
        signed = base64.b64encode(digest).decode()
        if headers.get("apiKey") != APP_KEY or headers.get("X-Hmac-Auth-Signature") != signed:
            return {"success": False, "errorMsg": "signature"}
        if path == "/gettoken.json":
            return {"success": True, "content": {"success": True, "data": {"accessToken": "zat"}}}
        user = self.zzd_codes.pop(form.get("code", ""), None)
        if form.get("access_token") != "zat" or user is None:
            return {"success": True, "content": {"success": False, "responseMessage": "code"}}
        return {"success": True, "content": {"success": True, "data": user}}

    def _zheliban(self, form: dict[str, str]) -> Any:
        raw = f"{SERVICE_CODE}{SERVICE_PASSWORD}{form.get('time', '')}"
        if (
            form.get("servicecode") != SERVICE_CODE
            or form.get("sign")
            != hashlib.md5(  # noqa: S324
                raw.encode()
            ).hexdigest()
        ):
            return {"result": "6", "errmsg": "sign"}
        if form.get("method") == "ticketValidation":
            user = self.zlb_tickets.pop(form.get("st", ""), None)
            if user is None:
                return {"result": "2", "errmsg": "ticket"}
            token = f"zlb-{len(self.zlb_tokens) + 1}"
            self.zlb_tokens[token] = user
            return {"result": "0", "token": token}
        if form.get("method") == "getUserInfo":
            user = self.zlb_tokens.get(form.get("token", ""))
            return {"result": "0", **user} if user else {"result": "3", "errmsg": "token"}
        return {"result": "1", "errmsg": "method"}


@contextmanager
def serving() -> Iterator[FakeProvider]:
    fake = FakeProvider()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else parts.query
            form = {k: v[0] for k, v in parse_qs(body).items()}
            result = fake.handle(method, parts.path, form, self.headers)
            status, data = result if isinstance(result, tuple) else (200, result)
            payload = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_POST(self) -> None:
            self._answer("POST")

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read the calls from `fake.calls`."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
