"""Paragraphs of normalised text and the numbers that number them (shared by the readers)."""

from __future__ import annotations

from dataclasses import dataclass

CN_NUMERALS = "一二三四五六七八九十"
_CN_VALUES = {ch: index + 1 for index, ch in enumerate(CN_NUMERALS)}
_CIRCLED_FIRST = ord("①")
_TEN = 10


@dataclass
class Para:
    """One paragraph (one line of the normalised text) and its offsets."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Para]:
    paras: list[Para] = []
    pos = 0
    for line in text.split("\n"):
        if line:
            paras.append(Para(pos, pos + len(line), line))
        pos += len(line) + 1
    return paras


def cn_value(token: str) -> int | None:
    """The value of a section number: ``3``, ``（三）``, ``十二``, ``③``, ``项目3``."""
    token = token.strip("（）()")
    token = token.removeprefix("项目")
    if token.isascii() and token.isdigit():
        return int(token)
    if len(token) == 1 and "①" <= token <= "⑳":
        return ord(token) - _CIRCLED_FIRST + 1
    if token in _CN_VALUES:
        return _CN_VALUES[token]
    if "十" in token:
        tens, _, ones = token.partition("十")
        if (tens and tens not in _CN_VALUES) or (ones and ones not in _CN_VALUES):
            return None
        return (_CN_VALUES[tens] if tens else 1) * _TEN + (_CN_VALUES[ones] if ones else 0)
    return None
