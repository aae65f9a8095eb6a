"""Kaimen settings: one module, behaviour chosen by environment variables.

Development defaults (SQLite, DEBUG on for `make run`) need no variables at all; production sets
DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and KAIMEN_IDENTITY_KEY.
"""

import base64
import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# Lets admin classes and querysets be subscripted for the type checker (ModelAdmin[User]).
django_stubs_ext.monkeypatch()


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def dev_secret(name: str, make: Callable[[], str]) -> str:
    """A key kept in .secrets/ so a development machine keeps sessions, receipts and encrypted
    identities across restarts. Production sets every key in the environment (the deploy
    checks refuse to pass otherwise)."""
    path = BASE_DIR / ".secrets" / name
    if not path.exists():
        path.parent.mkdir(mode=0o700, exist_ok=True)
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or dev_secret("secret_key", get_random_secret_key)
# Reporter identities are encrypted with this key (Fernet; several, comma-separated, to rotate:
# the first encrypts, all decrypt). Receipt codes are stored as HMACs under KAIMEN_RECEIPT_KEY.
KAIMEN_IDENTITY_KEYS = env_list(
    "KAIMEN_IDENTITY_KEYS",
    dev_secret("identity_key", lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()),
)
KAIMEN_RECEIPT_KEY = os.environ.get("KAIMEN_RECEIPT_KEY") or dev_secret(
    "receipt_key", lambda: secrets.token_urlsafe(32)
)
# The event chain is sealed with a keyed MAC (kaimen.timeline.seal): "id:secret" pairs,
# comma-separated; the first seals, every one listed verifies (rotate by putting a new pair first).
KAIMEN_EVENT_SEAL_KEYS = env_list(
    "KAIMEN_EVENT_SEAL_KEYS",
    "dev:" + dev_secret("event_seal_key", lambda: secrets.token_urlsafe(32)),
)
# verify_events reports events the sealer has left unsealed for longer than this.
KAIMEN_EVENT_UNSEALED_SECONDS = int(os.environ.get("KAIMEN_EVENT_UNSEALED_SECONDS", "60"))
# 密评 (GB/T 39786): SM4-GCM for personal data at rest, HMAC-SM3 for receipts and the event
# seal (kaimen/core/crypto.py); off: Fernet and HMAC-SHA256.
KAIMEN_NATIONAL_CRYPTO = env_bool("KAIMEN_NATIONAL_CRYPTO", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Login attempts per account and client, their lock-outs and an admin view of them.
    "axes",
    # Serves Swagger UI from static files for /api/v1/docs (its CDN page breaks under our CSP).
    "ninja",
    "kaimen.core",
    "kaimen.accounts",
    "kaimen.sso",
    "kaimen.orgs",
    "kaimen.timeline",
    "kaimen.campaigns",
    "kaimen.supervision",
    "kaimen.tours",
    "kaimen.participation",
    "kaimen.publication",
    "kaimen.insights",
    "kaimen.notifications",
    "kaimen.reports",
    "kaimen.portal",
    "kaimen.api",
    "kaimen.demo",
]
if os.environ.get("DJANGO_TASKS_BACKEND", "").startswith("django_tasks_db"):
    INSTALLED_APPS.append("django_tasks_db")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kaimen.core.public_cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Refuses control characters and over-size bodies before any view or form sees them.
    "kaimen.core.middleware.InputGuardMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "kaimen.accounts.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kaimen.orgs.context_processors.navigation",
                "kaimen.notifications.context_processors.unread_notifications",
                "kaimen.portal.context_processors.site_frame",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL + a busy timeout let the dev server and a background command share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Copies of public pages live in each process's memory: a hit costs no network round trip.
    # Only the generation number that expires them is shared (in "default").
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kaimen-public-pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses an account and client that are locked out before any password is checked.
    "kaimen.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "kaimen.core.permissions.RulesBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Login throttling (django-axes): this many wrong passwords or two-factor codes for one account
# from one client lock that account on that client — not the account elsewhere, not other
# accounts — for the window; a right password resets the count. A client is also refused after
# KAIMEN_LOGIN_CLIENT_FAILURES failures across accounts in the window (kaimen/core/throttle.py).
KAIMEN_LOGIN_MAX_FAILURES = int(os.environ.get("KAIMEN_LOGIN_MAX_FAILURES", "5"))
KAIMEN_LOGIN_WINDOW_SECONDS = int(os.environ.get("KAIMEN_LOGIN_WINDOW_SECONDS", "900"))
KAIMEN_LOGIN_CLIENT_FAILURES = int(os.environ.get("KAIMEN_LOGIN_CLIENT_FAILURES", "30"))
# Read from the two settings above at each attempt; the count resets when a login (with its
# second factor, if any) succeeds (kaimen.accounts.services).
AXES_FAILURE_LIMIT = "kaimen.accounts.services.login_failure_limit"
AXES_COOLOFF_TIME = "kaimen.accounts.services.login_cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "kaimen.core.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "kaimen.accounts.views.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated);
# from anyone else the header is ignored and the connection's address is the client.
KAIMEN_TRUSTED_PROXIES = env_list("KAIMEN_TRUSTED_PROXIES", "")
# Staff two-factor (TOTP): available to every staff user; required for all when this is on
# (`check --deploy` refuses production without it).
KAIMEN_STAFF_2FA_REQUIRED = env_bool("KAIMEN_STAFF_2FA_REQUIRED", False)
# External sign-in (统一身份认证): key → {"type": "oidc" | "zhengding" | "zheliban", "label",
# "audience": "staff" | "citizen", endpoints and credentials}; see kaimen/sso/providers.py.
KAIMEN_SSO_PROVIDERS = json.loads(os.environ.get("KAIMEN_SSO_PROVIDERS") or "{}")
KAIMEN_API_TOKEN_DAYS = int(os.environ.get("KAIMEN_API_TOKEN_DAYS", "30"))
# Citizens sign in with an SMS code. The backend is a dotted path (the default logs the message;
# production names the operator's gateway class); codes show on the page only in demo mode/DEBUG.
KAIMEN_SMS_BACKEND = os.environ.get("KAIMEN_SMS_BACKEND", "kaimen.accounts.sms.LoggingSmsBackend")
KAIMEN_DEMO_MODE = env_bool("KAIMEN_DEMO_MODE", False)
KAIMEN_SMS_PER_PHONE = int(os.environ.get("KAIMEN_SMS_PER_PHONE", "5"))  # codes per hour
KAIMEN_SMS_PER_ADDRESS = int(os.environ.get("KAIMEN_SMS_PER_ADDRESS", "20"))  # codes per hour
KAIMEN_SMS_CODE_SECONDS = int(os.environ.get("KAIMEN_SMS_CODE_SECONDS", "300"))
KAIMEN_SMS_CODE_ATTEMPTS = int(os.environ.get("KAIMEN_SMS_CODE_ATTEMPTS", "5"))
# Evaluations stay open this many days after a project's outcomes are published; a comment is
# hidden, until staff decide, once this many readers flag it.
KAIMEN_EVALUATION_DAYS = int(os.environ.get("KAIMEN_EVALUATION_DAYS", "365"))
KAIMEN_EVALUATION_FLAGS_TO_HIDE = int(os.environ.get("KAIMEN_EVALUATION_FLAGS_TO_HIDE", "3"))

# Public pages served from the cache to anonymous visitors (kaimen/core/public_cache.py); any
# recorded change expires them at once, the timeout is a safety net.
KAIMEN_PUBLIC_CACHE_URLS = frozenset(
    {
        "portal:home",
        "portal:campaign_detail",
        "portal:project_detail",
        "api:campaign_list",
        "api:campaign_detail",
        "api:project_detail",
    }
)
# Cookies of display choices that vary a public page (its cached copies are kept apart).
KAIMEN_PUBLIC_CACHE_COOKIES = ("kaimen_region", "kaimen_elder")
KAIMEN_PUBLIC_CACHE_SECONDS = int(os.environ.get("KAIMEN_PUBLIC_CACHE_SECONDS", "300"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end libraries come from npm (package.json) and are served straight from node_modules.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("KAIMEN_MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded and generated files get random names and are never served from MEDIA_ROOT directly:
# views check scope, then send them (kaimen/core/files.py). KAIMEN_SENDFILE hands the sending to
# the web server: "x-accel-redirect" (nginx; an `internal` location at KAIMEN_SENDFILE_PREFIX
# whose alias is MEDIA_ROOT) or "x-sendfile" (Apache mod_xsendfile, lighttpd).
STORAGES = {
    "default": {"BACKEND": "kaimen.core.files.RandomNameStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
KAIMEN_SENDFILE = os.environ.get("KAIMEN_SENDFILE", "")
KAIMEN_SENDFILE_PREFIX = os.environ.get("KAIMEN_SENDFILE_PREFIX", "/protected-media/")
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
# Behind TLS in production (KAIMEN_HTTPS=1): secure cookies, HSTS, redirect plain HTTP.
if env_bool("KAIMEN_HTTPS", False):
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# E-mail (notifications, digests) through Django's mailers. Development prints to the console.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "KAIMEN_EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("KAIMEN_EMAIL_HOST"),
                "port": int(os.environ["KAIMEN_EMAIL_PORT"])
                if os.environ.get("KAIMEN_EMAIL_PORT")
                else None,
                "username": os.environ.get("KAIMEN_EMAIL_USER"),
                "password": os.environ.get("KAIMEN_EMAIL_PASSWORD"),
                "use_tls": env_bool("KAIMEN_EMAIL_TLS", False) or None,
            }.items()
            if value is not None
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("KAIMEN_EMAIL_FROM", "kaimen@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# The government-site frame (政府网站发展指引): who runs the site, how to reach them, its
# registrations. Each deployment sets its own; a development server shows marked examples, and
# `check --deploy` warns while the registrations are missing.
_SITE_EXAMPLE = DEBUG or KAIMEN_DEMO_MODE
KAIMEN_SITE_SPONSOR = os.environ.get(
    "KAIMEN_SITE_SPONSOR", "定海区纪委监委（示例）" if _SITE_EXAMPLE else ""
)  # 主办单位
KAIMEN_SITE_CONTACT = os.environ.get(
    "KAIMEN_SITE_CONTACT", "0580-0000000（示例）" if _SITE_EXAMPLE else ""
)  # 联系方式
KAIMEN_SITE_CODE = os.environ.get("KAIMEN_SITE_CODE", "0000000000" if _SITE_EXAMPLE else "")
KAIMEN_SITE_ICP = os.environ.get(
    "KAIMEN_SITE_ICP", "浙ICP备00000000号（示例）" if _SITE_EXAMPLE else ""
)  # ICP备案号
KAIMEN_SITE_PSB = os.environ.get(
    "KAIMEN_SITE_PSB", "浙公网安备00000000000000号（示例）" if _SITE_EXAMPLE else ""
)  # 公安机关备案号
KAIMEN_SITE_GOV_MARK_URL = os.environ.get("KAIMEN_SITE_GOV_MARK_URL", "")  # 党政机关网站标识
# The pages' meta description; empty: the site's own sentence, in the reader's language.
KAIMEN_SITE_DESCRIPTION = os.environ.get("KAIMEN_SITE_DESCRIPTION", "")
