"""Production settings: `check --deploy` is clean when the operator sets what the README says."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x" * 20 + "production-secret-key-for-the-deploy-check-0123456789",
    "DJANGO_ALLOWED_HOSTS": "kaimen.example.gov.cn",
    "KAIMEN_HTTPS": "1",
    "KAIMEN_IDENTITY_KEYS": "2Xk5Qm8YVv4o0dOa1z9m3Jt7Qq6Wc5Lr0bUe8Hf1Gn4=",
    "KAIMEN_RECEIPT_KEY": "receipt-key-for-the-deploy-check-0123456789",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "KAIMEN_SMS_BACKEND": "operator_gateway.SmsBackend",
    "KAIMEN_STAFF_2FA_REQUIRED": "1",
    # An empty database: the developer's own (with the demo loaded, say) is not production.
    "DATABASE_URL": "sqlite://:memory:",
    # The footer a government site must show (主办单位, 联系方式, 网站标识码, 备案号).
    "KAIMEN_SITE_SPONSOR": "舟山市定海区纪委监委",
    "KAIMEN_SITE_CONTACT": "0580-2000000",
    "KAIMEN_SITE_CODE": "3309020001",
    "KAIMEN_SITE_ICP": "浙ICP备12345678号",
    "KAIMEN_SITE_PSB": "浙公网安备33090202000001号",
}


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check() -> None:
    result = _check_deploy(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_while_the_site_registrations_are_missing() -> None:
    env = {**PRODUCTION_ENV, "KAIMEN_SITE_ICP": "", "KAIMEN_SITE_PSB": ""}
    result = _check_deploy(env)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "kaimen.W101" in output
    assert "KAIMEN_SITE_ICP (ICP备案号), KAIMEN_SITE_PSB (公安机关备案号)" in output


def test_the_deploy_check_requires_a_secret_key_from_the_environment() -> None:
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = _check_deploy(env)
    assert result.returncode != 0
    assert "kaimen.E001" in result.stdout + result.stderr


def _refused(env: dict[str, str], check_id: str) -> None:
    result = _check_deploy({**PRODUCTION_ENV, **env})
    assert result.returncode != 0
    assert check_id in result.stdout + result.stderr


def test_the_deploy_check_refuses_debug() -> None:
    _refused({"DJANGO_DEBUG": "1"}, "kaimen.E004")


def test_the_deploy_check_refuses_a_cache_each_worker_keeps_for_itself() -> None:
    _refused({"REDIS_URL": ""}, "kaimen.E005")


def test_the_deploy_check_refuses_the_logging_sms_backend() -> None:
    _refused({"KAIMEN_SMS_BACKEND": "kaimen.accounts.sms.LoggingSmsBackend"}, "kaimen.E102")


def test_the_deploy_check_refuses_demo_mode() -> None:
    _refused({"KAIMEN_DEMO_MODE": "1"}, "kaimen.E101")


def test_the_deploy_check_requires_the_identity_and_receipt_keys() -> None:
    _refused({"KAIMEN_IDENTITY_KEYS": ""}, "kaimen.E002")
    _refused({"KAIMEN_RECEIPT_KEY": ""}, "kaimen.E003")


def test_the_deploy_check_requires_two_factor_for_staff() -> None:
    _refused({"KAIMEN_STAFF_2FA_REQUIRED": "0"}, "kaimen.E104")
