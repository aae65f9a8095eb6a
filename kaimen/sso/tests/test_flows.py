"""External sign-in against the fake provider on loopback: OpenID Connect, 浙政钉 and 浙里办
map the provider's user to the account a commission admin linked, by id, never by name."""

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from conftest import World
from kaimen.core.errors import ApplicationError
from kaimen.sso.models import ExternalAccount
from kaimen.sso.services import external_account_link
from kaimen.sso.tests import fake_provider
from kaimen.sso.tests.fake_provider import FakeProvider
from kaimen.timeline.models import Event


@pytest.fixture
def fake(settings: Any) -> Iterator[FakeProvider]:
    with fake_provider.serving() as provider:
        settings.KAIMEN_SSO_PROVIDERS = {
            "gov-oidc": {
                "type": "oidc",
                "label": "统一身份认证",
                "issuer": provider.base,
                "client_id": fake_provider.CLIENT_ID,
                "client_secret": fake_provider.CLIENT_SECRET,
            },
            "zzd": {
                "type": "zhengding",
                "label": "浙政钉",
                "auth_url": provider.base,
                "api_url": provider.base,
                "app_key": fake_provider.APP_KEY,
                "app_secret": fake_provider.APP_SECRET,
            },
            "zlb": {
                "type": "zheliban",
                "label": "浙里办",
                "audience": "citizen",
                "sso_url": provider.base,
                "service_code": fake_provider.SERVICE_CODE,
                "service_password": fake_provider.SERVICE_PASSWORD,
            },
        }
        yield provider


def _start(client: Client, key: str, **query: str) -> dict[str, str]:
    response = client.get(f"/accounts/sso/{key}/", query)
    assert response.status_code == 302
    return {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}


def _who(client: Client) -> str | None:
    response = client.get("/staff/")
    if response.status_code != 200:
        return None
    return str(response.wsgi_request.user.get_username())


def _link(world: World, role: str, provider: str, subject: str) -> None:
    external_account_link(
        actor=world.users["commission_admin"],
        user=world.users[role],
        provider=provider,
        subject=subject,
    )


def test_openid_connect_signs_in_the_linked_account(world: World, fake: FakeProvider) -> None:
    _link(world, "supervisor", "gov-oidc", "sub-0001")
    client = Client()
    sent = _start(client, "gov-oidc", next="/staff/supervision/")
    assert sent["client_id"] == "kaimen"
    assert sent["response_type"] == "code"
    assert "openid" in sent["scope"]
    fake.oidc_codes["c1"] = {"sub": "sub-0001", "nonce": sent["nonce"], "name": "张伟"}
    response = client.get(
        "/accounts/sso/gov-oidc/callback/", {"code": "c1", "state": sent["state"]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/supervision/"
    assert _who(client) == "supervisor"
    assert ExternalAccount.objects.get(subject="sub-0001").last_used_at is not None


def test_an_id_token_for_another_sign_in_is_refused(world: World, fake: FakeProvider) -> None:
    _link(world, "supervisor", "gov-oidc", "sub-0001")
    client = Client()
    sent = _start(client, "gov-oidc")
    fake.oidc_codes["c2"] = {"sub": "sub-0001", "nonce": "someone-elses-nonce"}
    response = client.get(
        "/accounts/sso/gov-oidc/callback/", {"code": "c2", "state": sent["state"]}, follow=True
    )
    assert "未能确认身份" in response.content.decode()
    assert _who(client) is None


def test_a_forged_id_token_is_refused(world: World, fake: FakeProvider) -> None:
    _link(world, "supervisor", "gov-oidc", "sub-0001")
    client = Client()
    sent = _start(client, "gov-oidc")
    genuine = fake.id_token({"sub": "sub-0001", "nonce": sent["nonce"]})
    header, payload, signature = genuine.split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"
    fake.oidc_codes["c3"] = {"_raw_id_token": forged}
    client.get("/accounts/sso/gov-oidc/callback/", {"code": "c3", "state": sent["state"]})
    assert _who(client) is None


def test_a_callback_without_the_sessions_state_is_refused(world: World, fake: FakeProvider) -> None:
    _link(world, "supervisor", "gov-oidc", "sub-0001")
    client = Client()
    _start(client, "gov-oidc")
    fake.oidc_codes["c4"] = {"sub": "sub-0001", "nonce": "n"}
    response = client.get(
        "/accounts/sso/gov-oidc/callback/", {"code": "c4", "state": "guessed"}, follow=True
    )
    assert "登录已过期或来源不明" in response.content.decode()
    assert _who(client) is None
    assert "/token" not in fake.calls  # the code was never exchanged


def test_an_unlinked_identity_is_not_matched_by_its_name(world: World, fake: FakeProvider) -> None:
    world.users["supervisor"].display_name = "张伟"
    world.users["supervisor"].save()
    client = Client()
    sent = _start(client, "gov-oidc")
    fake.oidc_codes["c5"] = {"sub": "sub-9999", "nonce": sent["nonce"], "name": "张伟"}
    response = client.get(
        "/accounts/sso/gov-oidc/callback/", {"code": "c5", "state": sent["state"]}, follow=True
    )
    assert "尚未在本系统开通" in response.content.decode()
    assert _who(client) is None


def test_zhengding_qr_login_code_to_user(world: World, fake: FakeProvider) -> None:
    _link(world, "unit_staff_lead", "zzd", "88001")
    client = Client()
    sent = _start(client, "zzd")
    assert (sent["authType"], sent["scope"], sent["client_id"]) == (
        "QRCODE", "get_user_info", "zzd-app",
    )  # fmt: skip
    fake.zzd_codes["auth-1"] = {"accountId": 88001, "lastName": "王强"}
    response = client.get("/accounts/sso/zzd/callback/", {"code": "auth-1", "state": sent["state"]})
    assert response.status_code == 302
    assert _who(client) == "unit_staff_lead"
    assert fake.calls[-2:] == ["/gettoken.json", "/rpc/oauth/getuserinfo_bycode.json"]


def test_zhengding_refuses_a_wrong_app_secret(
    world: World, fake: FakeProvider, settings: Any
) -> None:
    _link(world, "unit_staff_lead", "zzd", "88001")
    settings.KAIMEN_SSO_PROVIDERS["zzd"]["app_secret"] = "wrong"
    client = Client()
    sent = _start(client, "zzd")
    fake.zzd_codes["auth-2"] = {"accountId": 88001}
    client.get("/accounts/sso/zzd/callback/", {"code": "auth-2", "state": sent["state"]})
    assert _who(client) is None


def test_zheliban_ticket_to_token_to_user(world: World, fake: FakeProvider) -> None:
    _link(world, "viewer", "zlb", "zlb-user-7")
    client = Client()
    response = client.get("/accounts/sso/zlb/")
    sent = {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}
    assert sent["servicecode"] == "kaimen-zlb"
    back = parse_qs(urlsplit(sent["redirectUrl"]).query)  # the state rides in the return URL
    fake.zlb_tickets["ST-1"] = {"userid": "zlb-user-7", "username": "李娜", "idnum": "330902..."}
    client.get("/accounts/sso/zlb/callback/", {"ticket": "ST-1", "state": back["state"][0]})
    assert _who(client) == "viewer"
    # a ticket is good once
    client.logout()
    response = client.get("/accounts/sso/zlb/")
    again = parse_qs(
        urlsplit(parse_qs(urlsplit(response["Location"]).query)["redirectUrl"][0]).query
    )
    client.get("/accounts/sso/zlb/callback/", {"ticket": "ST-1", "state": again["state"][0]})
    assert _who(client) is None


def test_only_a_commission_admin_of_the_users_unit_links_an_id(
    world: World, fake: FakeProvider
) -> None:
    with pytest.raises(PermissionDenied):
        external_account_link(
            actor=world.users["commission_admin_other"],
            user=world.users["supervisor"],
            provider="gov-oidc",
            subject="x",
        )
    _link(world, "supervisor", "gov-oidc", "sub-0001")
    event = Event.objects.get(action="sso.linked")
    assert event.after == {"provider": "gov-oidc", "subject": "sub-0001"}
    with pytest.raises(ApplicationError):  # one account per id
        _link(world, "viewer", "gov-oidc", "sub-0001")
    with pytest.raises(ApplicationError):  # a provider that is not configured
        _link(world, "viewer", "nope", "sub-2")


def test_an_unreachable_provider_is_a_message_not_an_error(world: World, settings: Any) -> None:
    settings.KAIMEN_SSO_PROVIDERS = {
        "gov-oidc": {"type": "oidc", "issuer": "http://127.0.0.1:9", "client_id": "k"}
    }
    response = Client().get("/accounts/sso/gov-oidc/", follow=True)
    assert response.status_code == 200
    assert "无法连接" in response.content.decode()


def test_the_login_page_offers_the_staff_providers(world: World, fake: FakeProvider) -> None:
    body = Client().get("/accounts/login/?next=/staff/topics/").content.decode()
    assert "统一身份认证登录" in body
    assert "浙政钉登录" in body
    assert "浙里办登录" not in body  # citizens' provider: on the public side
    assert "/accounts/sso/zzd/?next=/staff/topics/" in body
