"""How figures and dates are written in Chinese: plain numbers, 万元, percentages, 2024年5月1日,
section numerals. Plain functions for Python (documents, ledgers, exports); the template library
`kaimen_format` registers the same functions as filters."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import cn2an
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_WAN = Decimal(10000)


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def number(value: Any) -> str:
    """A figure as people write it: no trailing zeros, no exponent (974.6, 136, 0.5)."""
    amount = _to_decimal(value)
    if amount is None:
        return ""
    text = f"{amount:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def grouped(value: Any) -> str:
    """A large figure with thousands separators (9,746,000)."""
    amount = _to_decimal(value)
    if amount is None:
        return ""
    whole, _sep, fraction = number(amount).partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def wanyuan(value: Any) -> str:
    """An amount in 元 shown in 万元, as the announcements write it (9746000 → "974.6万元")."""
    amount = _to_decimal(value)
    if amount is None:
        return ""
    return _("%(amount)s万元") % {"amount": number(amount / _WAN)}


def cn_date(value: date | datetime | None, *, localized: bool = True) -> str:
    """2024年5月1日 (datetimes in local time). `localized=False` keeps the Chinese form in every
    language: official documents and ledgers are written in Chinese."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not localized:
        return f"{value.year}年{value.month}月{value.day}日"
    return _("%(year)d年%(month)d月%(day)d日") % {
        "year": value.year,
        "month": value.month,
        "day": value.day,
    }


def cn_datetime(value: datetime | None) -> str:
    """2024年5月1日 14:05."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{cn_date(local)} {local:%H:%M}"


def cn_numeral(value: Any) -> str:
    """Section numerals of the announcements: 1 → 一, 10 → 十, 13 → 十三."""
    try:
        index = int(value)
    except (TypeError, ValueError):
        return ""
    if index < 0:
        return str(index)
    return str(cn2an.an2cn(index))


def percent(value: Any) -> str:
    amount = _to_decimal(value)
    return "" if amount is None else f"{number(amount)}%"


def paragraphs(text: str | None) -> SafeString:
    """Each line of a text as an escaped paragraph (intros and goals are written line by line)."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return mark_safe("".join(f"<p>{escape(line)}</p>" for line in lines if line))  # noqa: S308
