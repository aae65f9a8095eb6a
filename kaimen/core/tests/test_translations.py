"""The English catalogue is complete, and pages switch language with the browser or the cookie.

`test_every_msgid_has_a_translation` fails when any entry of locale/en/LC_MESSAGES/django.po
has no msgstr or is still marked fuzzy, and `test_marked_strings_are_in_the_catalogue` fails
when a string marked in a template or in Python is missing from the .po: a new string cannot
ship untranslated. When either fails, run

    .venv/bin/python manage.py makemessages -l en --ignore=.venv --ignore=node_modules \\
        --ignore=journeys --ignore=bench

translate the new entries in the .po (no fuzzy left, placeholders kept), and run the tests again
(the catalogue is compiled here when the .mo is missing or older than the .po; `make setup`
compiles it too).
"""

import ast
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real
from openpyxl import load_workbook

from conftest import World
from kaimen.supervision.ledgers import (
    LedgerFilters,
    import_template,
    problems_import,
    problems_workbook,
)
from kaimen.supervision.models import Problem

BASE = Path(settings.BASE_DIR)
PO = BASE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCE_DIRS = [BASE / "templates", BASE / "kaimen", BASE / "config"]


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _unquote(text: str) -> str:
    value = ast.literal_eval(text.strip())
    assert isinstance(value, str)
    return value


def po_entries(path: Path = PO) -> list[Entry]:
    """The live entries of a .po file (obsolete `#~` entries and the header left out)."""
    entries: list[Entry] = []
    entry = Entry()
    key: str | None = None

    def finish() -> None:
        nonlocal entry, key
        if key is not None and entry.msgid:
            entries.append(entry)
        entry, key = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if key is None:
                raise AssertionError(f"{path.name}:{number}: continuation without a keyword")
            if key in ("msgctxt", "msgid", "msgid_plural"):
                setattr(entry, key, (getattr(entry, key) or "") + _unquote(line))
            else:
                entry.msgstr[key] += _unquote(line)
        else:
            keyword, _, value = line.partition(" ")
            if keyword == "msgid" and key is not None and key.startswith("msgstr"):
                finish()
            key = keyword
            entry.line = entry.line or number
            if keyword in ("msgctxt", "msgid", "msgid_plural"):
                setattr(entry, keyword, _unquote(value))
            elif keyword.startswith("msgstr"):
                entry.msgstr[keyword] = _unquote(value)
            else:
                raise AssertionError(f"{path.name}:{number}: unexpected line {line!r}")
    finish()
    return entries


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue() -> None:
    """Compile the English catalogue when the .mo is missing or older than the .po."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        call_command(
            "compilemessages", locale=["en"], ignore_patterns=[".venv", "node_modules"], verbosity=0
        )
        trans_real._translations = {}  # type: ignore[attr-defined]
        trans_real._default = None  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def default_language_afterwards() -> Iterator[None]:
    """LocaleMiddleware leaves the request's language active in the thread: give the next
    test module the default language back."""
    yield
    translation.deactivate()


def test_every_msgid_has_a_translation() -> None:
    # Given the English catalogue
    entries = po_entries()

    # Then every entry is translated (every plural form too) and none is left fuzzy
    assert len(entries) > 1000
    missing = [
        f"line {e.line}: {e.msgid!r}"
        for e in entries
        if not e.msgstr or any(not text for text in e.msgstr.values())
    ]
    fuzzy = [f"line {e.line}: {e.msgid!r}" for e in entries if "fuzzy" in e.flags]
    assert missing == [], "untranslated in django.po:\n" + "\n".join(missing)
    assert fuzzy == [], "fuzzy in django.po:\n" + "\n".join(fuzzy)


PLACEHOLDER = re.compile(r"%\((\w+)\)|\{(\w*)\}")


def test_translations_keep_the_placeholders() -> None:
    # Given the English catalogue
    entries = po_entries()

    # Then each translation names the same %(…)s placeholders as its msgid
    wrong = []
    for e in entries:
        for form, text in e.msgstr.items():
            source = e.msgid_plural if form == "msgstr[1]" and e.msgid_plural else e.msgid
            if "python-format" not in e.flags:
                continue
            expected = sorted(m.group(1) for m in PLACEHOLDER.finditer(source) if m.group(1))
            got = sorted(m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1))
            if set(expected) != set(got) or source.count("%s") != text.count("%s"):
                wrong.append(f"line {e.line}: {source!r} → {text!r}")
    assert wrong == []


TEMPLATE_LITERAL = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<text>.+?)(?P=q)(?P<rest>[^%]*)%\}"""
)
PYTHON_LITERAL = re.compile(
    r"""\b(?:_|gettext|gettext_lazy)\(\s*(?P<q>["'])(?P<text>[^"'\\\n]+?)(?P=q)\s*\)"""
)


def marked_literals() -> set[tuple[str, str]]:
    """Simple marked strings: `{% translate "…" %}` in templates, `_("…")` in Python."""
    found: set[tuple[str, str]] = set()
    for directory in SOURCE_DIRS:
        for path in directory.rglob("*"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            if path.suffix == ".html":
                for m in TEMPLATE_LITERAL.finditer(path.read_text(encoding="utf-8")):
                    if "context" not in m.group("rest"):
                        found.add((m.group("text"), f"{path.relative_to(BASE)}"))
            elif path.suffix == ".py":
                for m in PYTHON_LITERAL.finditer(path.read_text(encoding="utf-8")):
                    found.add((m.group("text"), f"{path.relative_to(BASE)}"))
    return found


def test_marked_strings_are_in_the_catalogue() -> None:
    # Given the strings marked for translation in templates and Python
    msgids = {e.msgid for e in po_entries() if e.msgctxt is None}
    marked = marked_literals()
    assert len(marked) > 500

    # Then each is in django.po (makemessages was run after it was added)
    absent = sorted(f"{where}: {text!r}" for text, where in marked if text not in msgids)
    assert absent == [], "run makemessages and translate:\n" + "\n".join(absent)


PAGES = ["portal:home", "campaign", "accounts:login"]


def _url(world: World, page: str) -> str:
    assert world.campaign is not None
    if page == "campaign":
        return reverse("portal:campaign_detail", args=[world.campaign.pk])
    return reverse(page)


ENGLISH = {
    "portal:home": ["Public topic call", "Public evaluation", "All years", "Governance projects"],
    "campaign": ["Lead units:", "Governance projects", "Under way"],
    "accounts:login": ["Sign in", "Username", "Password"],
}
CHINESE = {
    "portal:home": ["群众点题", "社会评价", "全部年度", "治理项目"],
    "campaign": ["牵头单位：", "治理项目", "治理中"],
    "accounts:login": ["登录", "用户名", "密码"],
}


@pytest.mark.parametrize("page", PAGES)
def test_pages_in_english_with_accept_language(world: World, page: str) -> None:
    # Given a browser that prefers English
    client = Client(headers={"accept-language": "en"})

    # When it opens the page
    response = client.get(_url(world, page))

    # Then the page is English
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    for words in ENGLISH[page]:
        assert words in html
    for words in CHINESE[page]:
        assert words not in html


@pytest.mark.parametrize("page", PAGES)
def test_pages_in_english_with_the_language_cookie(world: World, page: str) -> None:
    # Given a visitor who chose English in the footer (the cookie), with a Chinese browser
    client = Client(headers={"accept-language": "zh-CN,zh;q=0.9"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    # When they open the page
    response = client.get(_url(world, page))

    # Then the page is English
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    for words in ENGLISH[page]:
        assert words in html


@pytest.mark.parametrize("page", PAGES)
def test_pages_in_chinese_by_default_and_when_chosen(world: World, page: str) -> None:
    # Given a browser with no preference, and one that chose 简体中文 over an English browser
    plain = Client()
    chosen = Client(headers={"accept-language": "en"})
    chosen.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    for client in (plain, chosen):
        # When it opens the page
        response = client.get(_url(world, page))

        # Then the page is Chinese
        assert response.status_code == 200
        html = response.content.decode()
        assert '<html lang="zh-hans"' in html
        for words in CHINESE[page]:
            assert words in html
        for words in ENGLISH[page]:
            assert words not in html


EAGER = {"gettext", "ngettext", "pgettext"}


def _translated_at_import(path: Path) -> list[str]:
    """Calls of the non-lazy gettext in module or class bodies: run once, in the language of
    whatever imported the module first, so every later request would get that language."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }
    bodies = [tree.body] + [n.body for n in tree.body if isinstance(n, ast.ClassDef)]
    return [
        f"{path.relative_to(BASE)}:{call.lineno}"
        for body in bodies
        for statement in body
        if isinstance(statement, ast.Assign | ast.AnnAssign)
        for call in ast.walk(statement)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in names
    ]


def test_nothing_is_translated_at_import_time() -> None:
    # Given the project's Python modules
    paths = [
        path
        for directory in SOURCE_DIRS
        for path in directory.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]

    # Then module and class constants use gettext_lazy, never gettext
    eager = [where for path in paths for where in _translated_at_import(path)]
    assert eager == []


def test_staff_pages_in_english(world: World) -> None:
    # Given a lead unit's administrator and a commission's supervisor who read English
    unit = world.client_for("unit_admin_lead")
    supervisor = world.client_for("supervisor")
    for client in (unit, supervisor):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    # When they open the unit's home page and the complaints inbox
    home = unit.get(reverse("backoffice:home")).content.decode()
    inbox = supervisor.get(reverse("reports_staff:inbox")).content.decode()

    # Then menus, headings and tabs are English
    assert '<html lang="en"' in home
    assert "My projects" in home
    assert "Campaigns" in home
    for tab in ("Awaiting acceptance", "To be assigned", "In progress", "Closed"):
        assert tab in inbox
    assert "待受理" not in inbox


def _filled_template(*rows: list[object]) -> bytes:
    book = load_workbook(io.BytesIO(import_template()))
    sheet = book.active
    assert sheet is not None
    for number, row in enumerate(rows, start=3):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_chinese_import_template_reads_the_same_in_english(world: World) -> None:
    # Given the problem import template (a Chinese form) filled in with its Chinese choices
    content = _filled_template(
        ["定海区教育局", "食堂采购未公开招标", "2024-10-31", "督导检查", "较重"],
        ["定海区教育局", "另一问题", "2024-10-31", "电视"],
    )

    # When a supervisor who reads English imports it
    with translation.override("en"):
        result = problems_import(
            actor=world.users["supervisor"], commission=world.orgs["dh_jiwei"], content=content
        )
        errors = [str(e) for e in result.errors]

    # Then the Chinese choices are understood and the error is in English, naming the Chinese
    # column and the values the template accepts
    assert errors == [
        "Row 4, column “问题来源”: Should be: "
        "督导检查、自查自纠、信访举报、巡视巡察、审计、12345热线、媒体曝光、数据预警"
    ]
    assert Problem.objects.count() == 0


def test_ledgers_and_league_tables_stay_chinese_for_english_readers(world: World) -> None:
    # Given a supervisor who reads English
    with translation.override("en"):
        # When they download the problem ledger
        content = problems_workbook(user=world.users["supervisor"], filters=LedgerFilters())

    # Then the workbook is the commission's Chinese ledger
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert "漠视侵害群众利益问题整改台账" in str(sheet["A1"].value)
    assert [cell.value for cell in sheet[2]][:3] == ["序号", "编号", "问题来源"]
