"""Citizens sign in (and sign up) with a mobile number and a one-time SMS code."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from kaimen.accounts import services
from kaimen.accounts.models import PhoneCode, User, UserKind
from kaimen.accounts.sms import OutboxSmsBackend
from kaimen.core.errors import ApplicationError
from kaimen.core.throttle import ThrottledError, throttle_reset
from kaimen.timeline.models import Event

PHONE = "13812345678"


@pytest.fixture(autouse=True)
def _outbox(settings: Any) -> None:
    settings.KAIMEN_SMS_BACKEND = "kaimen.accounts.sms.OutboxSmsBackend"
    settings.DEBUG = False
    settings.KAIMEN_DEMO_MODE = False
    OutboxSmsBackend.outbox.clear()


def _sent_code() -> str:
    match = re.search(r"\d{6}", OutboxSmsBackend.outbox[-1][1])
    assert match
    return match.group()


def _request(phone: str = PHONE, address: str = "10.0.0.1") -> services.IssuedCode:
    return services.phone_code_request(phone=phone, address=address)


def test_a_code_is_sent_and_only_its_hash_is_stored(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        issued = _request("+86 138-1234-5678")

    code = _sent_code()
    stored = PhoneCode.objects.get()
    assert issued.phone == PHONE
    assert issued.demo_code is None
    assert OutboxSmsBackend.outbox[-1][0] == PHONE
    assert code not in stored.code_hash
    assert len(stored.code_hash) == 64


def test_the_code_is_shown_on_the_page_only_in_demo_mode(db: None, settings: Any) -> None:
    settings.KAIMEN_DEMO_MODE = True

    issued = _request()

    assert issued.demo_code is not None
    assert re.fullmatch(r"\d{6}", issued.demo_code)


def test_a_wrong_number_names_the_phone_field(db: None) -> None:
    with pytest.raises(ApplicationError) as caught:
        _request("12345")

    assert caught.value.field == "phone"
    assert PhoneCode.objects.count() == 0


def test_first_sign_in_creates_the_citizen_account(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _request()

    user = services.citizen_sign_in_with_code(
        phone=PHONE, code=_sent_code(), address="10.0.0.1", consent=True
    )

    assert user.kind == UserKind.CITIZEN
    assert user.phone == PHONE
    assert user.display_name == "138****5678"
    assert not user.has_usable_password()
    assert (
        Event.objects.filter(action="user.citizen_registered", target_id=str(user.pk)).count() == 1
    )


def test_a_known_citizen_is_found_by_phone_and_the_code_is_spent(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    citizen = world.users["citizen"]
    citizen.phone = PHONE
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        _request()
    code = _sent_code()

    user = services.citizen_sign_in_with_code(
        phone=PHONE, code=code, address="10.0.0.1", consent=True
    )

    assert user == citizen
    with pytest.raises(ApplicationError):
        services.citizen_sign_in_with_code(phone=PHONE, code=code, address="10.0.0.1", consent=True)
    assert User.objects.filter(phone=PHONE).count() == 1


def test_staff_with_the_number_do_not_sign_in_by_sms(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    staff = world.users["commission_admin"]
    staff.phone = PHONE
    staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        _request()

    user = services.citizen_sign_in_with_code(
        phone=PHONE, code=_sent_code(), address="10.0.0.1", consent=True
    )

    assert user != staff
    assert user.kind == UserKind.CITIZEN


def test_an_expired_or_replaced_code_does_not_work(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _request()
    first = _sent_code()
    throttle_reset(services.SMS_RECENT, PHONE)
    with django_capture_on_commit_callbacks(execute=True):
        _request()

    with pytest.raises(ApplicationError) as caught:
        services.citizen_sign_in_with_code(
            phone=PHONE, code=first, address="10.0.0.1", consent=True
        )
    assert caught.value.code == "invalid_code"


def test_a_second_request_within_a_minute_is_refused(db: None) -> None:
    _request()

    with pytest.raises(ThrottledError):
        _request()
    assert PhoneCode.objects.count() == 1


def test_code_requests_are_limited_per_client_address(db: None, settings: Any) -> None:
    settings.KAIMEN_SMS_PER_ADDRESS = 3
    for index in range(3):
        _request(f"1390000000{index}", address="10.9.9.9")

    with pytest.raises(ThrottledError):
        _request("13900000009", address="10.9.9.9")
    assert PhoneCode.objects.count() == 3


def test_wrong_codes_lock_the_number_on_that_client_only(
    db: None, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _request()
    code = _sent_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(settings.KAIMEN_LOGIN_MAX_FAILURES):
        with pytest.raises(ApplicationError):
            services.citizen_sign_in_with_code(
                phone=PHONE, code=wrong, address="10.0.0.1", consent=True
            )

    with pytest.raises(ThrottledError):
        services.citizen_sign_in_with_code(phone=PHONE, code=code, address="10.0.0.1", consent=True)
    # Elsewhere the number is not locked: the code itself is spent by its five wrong tries.
    with pytest.raises(ApplicationError) as elsewhere:
        services.citizen_sign_in_with_code(phone=PHONE, code=code, address="10.0.0.2", consent=True)
    assert elsewhere.value.code == "invalid_code"
    assert not User.objects.filter(phone=PHONE).exists()


def test_the_page_sends_a_code_then_signs_in(db: None, settings: Any) -> None:
    settings.KAIMEN_DEMO_MODE = True
    client = Client()
    url = reverse("accounts:phone_login")

    sent = client.post(url, {"phone": PHONE, "action": "send", "consent": "on"})
    code = sent.context["issued"].demo_code
    signed_in = client.post(
        url,
        {"phone": PHONE, "code": code, "action": "verify", "next": "/topics/", "consent": "on"},
    )

    assert sent.status_code == 200
    assert code in sent.content.decode()
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/topics/"
    assert client.session["_auth_user_id"] == str(User.objects.get(phone=PHONE).pk)


def test_the_page_hides_the_code_outside_demo_mode(db: None) -> None:
    response = Client().post(
        reverse("accounts:phone_login"), {"phone": PHONE, "action": "send", "consent": "on"}
    )

    assert response.status_code == 200
    assert "演示环境验证码" not in response.content.decode()


def test_the_page_names_the_field_of_a_wrong_code(db: None) -> None:
    _request()

    response = Client().post(
        reverse("accounts:phone_login"),
        {"phone": PHONE, "code": "12", "action": "verify", "consent": "on"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"code": ["验证码不正确或已过期。"]}


def test_no_code_is_sent_without_consent_to_the_privacy_policy(db: None) -> None:
    page = Client().get(reverse("accounts:phone_login")).content.decode()
    assert f'href="{reverse("portal_site:privacy")}"' in page

    response = Client().post(reverse("accounts:phone_login"), {"phone": PHONE, "action": "send"})

    assert response.context["form"].errors == {"consent": ["请阅读并同意隐私政策。"]}
    assert response.context["step"] == "phone"
    assert not PhoneCode.objects.exists()


def test_an_account_is_created_only_with_consent_and_the_event_records_it(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _request()
    code = _sent_code()
    with pytest.raises(ApplicationError) as refused:
        services.citizen_sign_in_with_code(phone=PHONE, code=code, address="10.0.0.1")
    assert refused.value.field == "consent"
    assert not User.objects.filter(phone=PHONE).exists()

    user = services.citizen_sign_in_with_code(
        phone=PHONE, code=code, address="10.0.0.1", consent=True
    )

    event = Event.objects.get(action="user.citizen_registered", target_id=str(user.pk))
    assert event.after == {"privacy_consent": True}


def test_a_resend_refused_in_the_cooldown_keeps_the_code_field(db: None) -> None:
    client = Client()
    url = reverse("accounts:phone_login")
    client.post(url, {"phone": PHONE, "action": "send", "consent": "on"})

    again = client.post(url, {"phone": PHONE, "action": "resend", "consent": "on"})

    assert again.status_code == 429
    assert again.context["step"] == "code"
    html = again.content.decode()
    assert 'name="code"' in html
    assert "验证码已发送，请一分钟后再试。" in html
