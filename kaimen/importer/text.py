"""Decoding announcement files and normalising their text.

Canonical form produced by :func:`normalize_text` (every offset in the importer refers to it):

* digits, Latin letters and ``% . - + / @ ~`` are half-width ASCII (``０-９``, ``Ａ-Ｚ``,
  ``％``, ``．`` are folded; the ideographic space becomes a space);
* Chinese sentence punctuation is **full-width**: ``， ： ； （ ） ！ ？``. Half-width
  ``, : ; ( ) ! ?`` are turned into full-width, except ``,`` used as a thousands separator
  (``26,877``) and ``:`` between digits (``10:30``) or in ``http://``;
* ``。 、 “ ” 《 》`` are kept as written; straight ``"`` pairs become ``“ ”``;
* one paragraph per line, separated by a single ``\\n``; no blank lines; lines are stripped;
* white space is removed unless it separates two ASCII letters/digits (``DN 800`` keeps it,
  ``4275 元`` becomes ``4275元``);
* newspaper page headers (``专 版4 2025年2月21日 星期五 本版责编：…``), continuation marks
  (``◀上紧接第1版``), Latin-only mastheads (``JINRIDINGHAI``), page numbers, symbol-only lines and
  control / zero-width / private-use characters are removed;
* lines broken inside a sentence (PDF or newspaper extraction) are joined.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

MAX_BYTES = 5 * 1024 * 1024

_MB = 1024 * 1024


class AnnouncementInputError(ValueError):
    """The input cannot be read as an announcement text (message in Chinese and English)."""


# --------------------------------------------------------------------------- decoding

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/DOCX/XLSX"),
    (b"\xd0\xcf\x11\xe0", "Word 97-2003 (.doc) / OLE"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"{\\rtf", "RTF"),
    (b"\x1f\x8b", "GZIP"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7Z"),
)

_MAX_CONTROL_RATIO = 0.01


def _size_text(size: int) -> str:
    return f"{size / _MB:.1f} MB"


def decode_bytes(data: bytes) -> str:
    """Decode an uploaded text file.

    Accepts UTF-8 (with or without BOM), UTF-16 with BOM and GB18030/GBK. Raises
    :class:`AnnouncementInputError` for an empty file, a file over :data:`MAX_BYTES`, a binary
    file (PDF, Word, images, NUL bytes…) or bytes that are valid in none of those encodings.
    """
    if len(data) == 0:
        raise AnnouncementInputError("文件为空。/ The file is empty.")
    if len(data) > MAX_BYTES:
        raise AnnouncementInputError(
            f"文件过大（{_size_text(len(data))}），上限为 {_size_text(MAX_BYTES)}。"
            f" / The file is too large ({_size_text(len(data))}); the limit is "
            f"{_size_text(MAX_BYTES)}."
        )
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            hint = "（.docx 请按 Word 文件上传）" if kind.startswith("ZIP") else ""
            hint_en = " (upload .docx files as Word documents)" if hint else ""
            raise AnnouncementInputError(
                f"这是 {kind} 二进制文件，不是纯文本{hint}。"
                f" / This is a binary {kind} file, not plain text{hint_en}."
            )
    text = _decode_known(data)
    if text is None:
        raise AnnouncementInputError(
            "无法识别文件编码（支持 UTF-8、UTF-16、GB18030/GBK），或文件不是文本。"
            " / Unknown encoding (UTF-8, UTF-16 and GB18030/GBK are supported)"
            " or not a text file."
        )
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    if "\x00" in text or controls > max(1, len(text) * _MAX_CONTROL_RATIO):
        raise AnnouncementInputError(
            "文件含有大量控制字符，看起来是二进制文件而不是文本。"
            " / The file contains control characters: it looks binary, not text."
        )
    return text


def _decode_known(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return _try(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _try(data, "utf-16")
    if b"\x00" in data:
        return None
    for encoding in ("utf-8", "gb18030"):
        text = _try(data, encoding)
        if text is not None:
            return text
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# --------------------------------------------------------------------------- characters

CJK_RE = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK_RE}]")

_FULLWIDTH_OFFSET = 0xFEE0
_FULLWIDTH_FIRST = 0xFF01
_FULLWIDTH_LAST = 0xFF5E

# Characters folded after full-width ASCII has been made half-width.
_EXTRA_FOLD = {
    "\u3000": " ",
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\t": " ",
    "\ufe55": ":",
    "\ufe30": ":",
    "\u2236": ":",
    "\uff64": "、",
    "\uff61": "。",
}

_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if _FULLWIDTH_FIRST <= code <= _FULLWIDTH_LAST:
        return chr(code - _FULLWIDTH_OFFSET)
    if ch in _EXTRA_FOLD:
        return _EXTRA_FOLD[ch]
    if ch == "\n":
        return ch
    if ch == "\ufffd" or unicodedata.category(ch) in _DROP_CATEGORIES:
        return ""
    return ch


# str.translate table doing what _fold_char does for the characters it maps
_FOLD_TABLE: dict[int, str | None] = {
    code: chr(code - _FULLWIDTH_OFFSET) for code in range(_FULLWIDTH_FIRST, _FULLWIDTH_LAST + 1)
}
_FOLD_TABLE.update({ord(ch): folded for ch, folded in _EXTRA_FOLD.items()})
_FOLD_TABLE[0xFFFD] = None


def _fold(text: str) -> str:
    """``"".join(_fold_char(ch) for ch in text)``, with a fast path for printable lines."""
    text = text.translate(_FOLD_TABLE)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.isprintable():
            lines[index] = "".join(_fold_char(ch) for ch in line)
    return "\n".join(lines)


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph."""
    return bool(_CJK_CHAR.match(ch))


# --------------------------------------------------------------------------- lines

_HEADER_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_HEADER_WORDS = re.compile(r"星期[一二三四五六日天]|责编|责任编辑|版式设计|版式|美编|校对|值班编辑")
_CONTINUATION = re.compile(
    r"[◀▶◆►◄←→]*\s*[（(]?\s*(?:上|下)\s*(?:紧)?\s*(?:接|转)\s*第?\s*"
    r"[\d一二三四五六七八九十]+\s*版\s*[)）]?\s*[◀▶◆►◄←→]*"
)
_LATIN_MASTHEAD = re.compile(r"^[A-Z][A-Z .·\-]{3,}$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|第?\s*[A-Z]?\d{1,3}\s*版)$"
)
_HAS_WORD = re.compile(f"[{CJK_RE}A-Za-z0-9]")
_MAX_HEADER_LEN = 80


# Web-page chrome around a published text: breadcrumbs, the metadata block of a government
# information-disclosure page (索引号, 发布机构, 成文日期…), counters and sharing buttons.
_CHROME_LABEL = re.compile(
    r"^[•·\-\s]*(?:信息索引号|索引号|文件名称|发布机构|成文日期|公开方式|公开时限|主题分类|发文机构"
    r"|发文字号|发文日期|有效性|内容概述|发布日期|发布时间|更新时间|日期|浏览量|浏览次数|阅读量|阅读"
    r"|访问量|点击量|点击数|点击|字号|分享|朗读|打印|关怀版|无障碍|录入|信息来源|来源|编辑|责任编辑"
    r"|审核|作者)\s*[：:]?"
)
_CHROME_LINE = re.compile(
    r"^(?:当前位置|您的位置|您当前的位置|您当前所在位置|[（(]未完|[（(]?全文共\d"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s|\d|:|$))"  # a page's date stamp opening the line
    r"|首页|\S\s*[>＞»]\s*\S"  # navigation and breadcrumbs
    rf"|^[{CJK_RE}·]{{2,16}}网$"  # a site's masthead (海东·纪检监察·民心网)
)
_CHROME_WORDS = re.compile(
    r"^(?:分享|朗读|打印|关怀版|无障碍|返回顶部|主动公开|依申请公开)(?:\s|$)"
)
_MAX_CHROME = 60
# a line of digits and punctuation only: a page's date stamp, index code or counter
_CODE_ONLY = re.compile(r"^(?=.*\d{4})[\d\s:：/\-.年月日]+$")


def is_chrome_line(line: str) -> bool:
    """True for a line of web-page chrome (navigation, metadata, counters), not of the text."""
    if len(line) > _MAX_CHROME or "。" in line or "，" in line:
        return False
    if _CHROME_LINE.search(line) or _CHROME_WORDS.match(line) or _CODE_ONLY.match(line):
        return True
    label = _CHROME_LABEL.match(line)
    if not label:
        return False
    rest = line[label.end() :].strip()
    # "日期:2023-05-04 来源:区文旅体局 浏览量:" — a label with a value, not a sentence
    return bool(label.group(0).rstrip().endswith((":", "："))) or not rest


def _labels_next_line(line: str) -> bool:
    """A metadata label with nothing after it ("• 发布机构:"): its value is the next line."""
    label = _CHROME_LABEL.match(line)
    return label is not None and not line[label.end() :].strip() and line.rstrip().endswith(":")


def _is_noise_line(line: str) -> bool:
    if not _HAS_WORD.search(line) or is_chrome_line(line):
        return True
    if _LATIN_MASTHEAD.match(line) or _PAGE_NUMBER.match(line):
        return True
    if len(line) <= _MAX_HEADER_LEN and "。" not in line:
        if _HEADER_DATE.search(line) and _HEADER_WORDS.search(line):
            return True
        if re.search(r"(?:本版|责任)?(?:责编|编辑|版式设计|美编)\s*[：:]", line) and (
            _HEADER_DATE.search(line) or line.startswith(("专", "本版", "（责任", "(责任"))
        ):
            return True
    return False


_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def _squeeze_spaces(line: str) -> str:
    """Drop white space unless both neighbours are ASCII letters or digits."""

    def repl(match: re.Match[str]) -> str:
        start, end = match.span()
        left = line[start - 1] if start > 0 else ""
        right = line[end] if end < len(line) else ""
        if left and right and _ASCII_ALNUM.match(left) and _ASCII_ALNUM.match(right):
            return " "
        return ""

    return re.sub(r"\s+", repl, line).strip()


_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}


_HALF_PUNCT = re.compile(r"[,:;()!?]")
_THOUSANDS_AFTER = re.compile(r"\d{3}(?!\d)")


def _canonical_punctuation(line: str) -> str:
    if not _CJK_CHAR.search(line):
        return line

    def repl(match: re.Match[str]) -> str:
        ch = match.group(0)
        index = match.start()
        left = line[index - 1] if index > 0 else ""
        right = line[index + 1] if index + 1 < len(line) else ""
        if ch == "," and left.isdigit() and _THOUSANDS_AFTER.match(line, index + 1):
            return ch  # thousands separator
        if (
            ch == ":"
            and ((left.isdigit() and right.isdigit()) or line[index + 1 : index + 3] == "//")
        ) or (ch in "!?" and left.isascii() and left.isalnum() and right.isascii()):
            return ch
        return _HALF_TO_FULL[ch]

    result = _HALF_PUNCT.sub(repl, line)
    if '"' in result:
        parts = result.split('"')
        if len(parts) % 2 == 1:  # balanced straight quotes
            rebuilt = [parts[0]]
            for number, part in enumerate(parts[1:]):
                rebuilt.append("“" if number % 2 == 0 else "”")
                rebuilt.append(part)
            result = "".join(rebuilt)
    return result


def _clean_line(raw: str) -> str:
    line = raw.strip()
    if not line:
        return ""
    line = _CONTINUATION.sub("", line).strip()
    if not line or _is_noise_line(line):
        return ""
    line = _squeeze_spaces(line)
    line = _canonical_punctuation(line)
    # a lone stray symbol at either end of a line (│, |, ■, ●…) left by page layout
    line = re.sub(r"^[|│┃■□●◆◇▲△★☆\\]+|[|│┃■□●◆◇▲△★☆\\]+$", "", line).strip()
    return line


# --------------------------------------------------------------------------- paragraphs

CN_DIGITS = "一二三四五六七八九十"
FIELD_LABELS = (
    "治理项目|项目名称|整治项目|专项治理项目|点题整治项目|牵头单位|牵头部门|责任单位|牵头责任单位"
    "|主责单位|配合单位|协办单位|治理目标|工作目标|目标任务|治理成果|治理成效|工作成效|工作成果"
    "|主要成效|取得成效|整治成效|整治成果"
)
_PARA_START = re.compile(
    r"^(?:"
    r"\d{1,2}[.、．](?!\d)"
    rf"|[（(][{CN_DIGITS}\d]{{1,3}}[）)]"
    rf"|[{CN_DIGITS}]{{1,3}}[、．]"
    r"|[①-⑳]"
    rf"|项目[{CN_DIGITS}\d]{{1,3}}[：:、]"
    rf"|(?:{FIELD_LABELS})\s*[：:]"
    r"|(?:19|20)\d{2}年(?:以来|度|来)?[，,]"
    r")"
)
_BARE_NUMBER = re.compile(rf"^(?:[{CN_DIGITS}]{{1,3}}|\d{{1,2}}|[（(][{CN_DIGITS}]{{1,3}}[）)])$")
_LABEL_LINE = re.compile(rf"^(?:{FIELD_LABELS})\s*[：:](?P<value>.*)$")
_COMPLETE_VALUE_END = re.compile(
    r"(?:治理|整治|整顿|问题|行动|工程|项目|局|委|办|院|部|中心|公司|政府|街道|镇|乡|所|队|站|会"
    r"|室|组|处|科|馆|团|署|厅|社|”|）|\))$"
)
_NUMBERED_HEADING = re.compile(
    rf"^(?:[{CN_DIGITS}]{{1,3}}[、.．]|[（(][{CN_DIGITS}\d]{{1,3}}[）)]|\d{{1,2}}[.、．](?!\d))"
)
_HEADING_END = re.compile(r"(?:治理|整治|整顿|问题|行动|工程|项目|领域|成效|成果|情况|）|\))$")
_TITLE_END = re.compile(r"(?:成果|成效|情况|通报|公告|公示|名单|清单|通知)$")
_SENTENCE_END = "。！？；：…"
_MAX_TITLE_LEN = 40
_MAX_HEADING_LEN = 50
_SHORT_CONTINUATION = 8
_SHORT_LINE_RATIO = 0.8
_HEADLINE_RATIO = 0.5
_WRAP_MIN = 8
# A line made only of these (a "%" or "）" pushed to the next line by the layout) continues the
# paragraph before it.
_CONTINUATION_ONLY = re.compile(r"^[%‰）)】」』”’。，、；：！？…]+$")


def _ends_sentence(line: str) -> bool:
    if not line:
        return True
    last = line[-1]
    if last in _SENTENCE_END:
        return True
    return last in "”’」』" and len(line) > 1 and line[-2] in _SENTENCE_END


def _breaks_before(prev: str, line: str, *, in_head: bool, width: int = 0) -> bool:
    """Whether ``line`` starts a new paragraph after the (partial) paragraph ``prev``.

    ``width`` is the typical length of a wrapped line (0 when unknown): a numbered heading
    clearly shorter than it, without sentence punctuation, ends before a line that reads as a
    sentence (``一、“一老一小”助餐服务`` / ``区民政局牵头，联合…``) whatever its last word.
    """
    if _BARE_NUMBER.match(prev):
        return True
    if _BARE_NUMBER.match(line):
        return _ends_sentence(prev)
    if _PARA_START.match(line) or _ends_sentence(prev):
        return True
    label = _LABEL_LINE.match(prev)
    if label:
        if len(line) <= _SHORT_CONTINUATION and not re.search(r"[，。；：、]", line):
            return False
        return bool(_COMPLETE_VALUE_END.search(label.group("value")))
    if (
        _NUMBERED_HEADING.match(prev)
        and len(prev) <= _MAX_HEADING_LEN
        and not re.search(r"[，。；]", prev)
        and (
            _HEADING_END.search(prev)
            or (
                re.search(r"[，。；]", line)
                and (not width or len(prev) < width * _SHORT_LINE_RATIO)
            )
        )
    ):
        return True
    # a headline in the head of a web page ("中工时评：整治…只有进行时") stands on its own line,
    # well short of the text's wrapped lines, above a line of prose (a title broken over two
    # short lines stays one)
    return (
        in_head
        and len(prev) <= _MAX_TITLE_LEN
        and not re.search(r"[，。；]", prev)
        and (
            bool(_TITLE_END.search(prev))
            or bool(width and len(prev) < width * _HEADLINE_RATIO and re.search(r"[，。；]", line))
        )
    )


def _join(prev: str, line: str) -> str:
    if (
        prev
        and line
        and prev[-1].isascii()
        and line[0].isascii()
        and (prev[-1].isalpha() and line[0].isalpha())
    ):
        return f"{prev} {line}"
    return prev + line


def _wrap_width(lines: list[str]) -> int:
    """Typical length of a line (the median of the longer ones); 0 for very few lines."""
    lengths = sorted(len(line) for line in lines if len(line) >= _WRAP_MIN)
    if len(lengths) < _WRAP_MIN // 2:
        return 0
    return lengths[len(lengths) // 2]


def normalize_text(text: str) -> str:
    """Normalise announcement text to the canonical form described in the module docstring.

    Never raises for a ``str``; returns ``""`` when nothing readable is left.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\u2028\u2029\x0b\x0c\x85]", "\n", text)
    text = _fold(text)
    paragraphs: list[str] = []
    current = ""
    in_head = True
    lines: list[str] = []
    value_of_label = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if lines and _CONTINUATION_ONLY.match(stripped):
            lines[-1] += stripped
            continue
        if value_of_label and stripped:
            value_of_label = False
            if len(stripped) <= _MAX_CHROME and "。" not in stripped:
                continue  # the value of a metadata label standing alone ("发布机构:" / "区文旅体局")
        line = _clean_line(raw)
        if line:
            lines.append(line)
        elif stripped:
            value_of_label = _labels_next_line(_fold(stripped))
    width = _wrap_width(lines)
    for line in lines:
        if current and _breaks_before(current, line, in_head=in_head, width=width):
            paragraphs.append(current)
            if _ends_sentence(current):
                in_head = False
            current = line
        else:
            current = _join(current, line)
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)
