"""Decoding bytes and normalising text."""

from __future__ import annotations

import codecs

import pytest

from kaimen.importer import MAX_BYTES, AnnouncementInputError, decode_bytes, normalize_text
from kaimen.importer.tests import seed_text

SAMPLE = "治理项目：电信网络诈骗专项治理\n牵头单位：区公安分局\n追赃974.6万元。"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
        SAMPLE.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16", "utf16-be"],
)
def test_decode_bytes_encodings(data: bytes) -> None:
    assert decode_bytes(data) == SAMPLE


def test_decode_bytes_seed_in_gbk_round_trips() -> None:
    text = seed_text("001")
    assert decode_bytes(text.encode("gb18030")) == text


def test_decode_bytes_empty() -> None:
    with pytest.raises(AnnouncementInputError, match="empty"):
        decode_bytes(b"")


def test_decode_bytes_too_large_gets_a_clear_message() -> None:
    data = b"a" * (20 * 1024 * 1024)
    with pytest.raises(AnnouncementInputError) as info:
        decode_bytes(data)
    message = str(info.value)
    assert "20.0 MB" in message
    assert "5.0 MB" in message
    assert "过大" in message
    assert "too large" in message


def test_decode_bytes_limit_is_inclusive() -> None:
    assert decode_bytes(b"a" * MAX_BYTES) == "a" * MAX_BYTES


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x06\x00",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"abc\x00\x01\x02def",
        bytes(range(256)) * 4,
    ],
    ids=["pdf", "zip", "png", "nul", "all-bytes"],
)
def test_decode_bytes_rejects_binary(data: bytes) -> None:
    with pytest.raises(AnnouncementInputError):
        decode_bytes(data)


def test_error_class_is_value_error() -> None:
    assert issubclass(AnnouncementInputError, ValueError)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("治理项目:噪声污染专项治理", "治理项目：噪声污染专项治理"),
        ("全年共检查１２３次，满意度９５％", "全年共检查123次，满意度95%"),
        ("区卫健局(区医保局)", "区卫健局（区医保局）"),
        ("追赃 974.6 万元 ,追回 26,877万元", "追赃974.6万元，追回26,877万元"),
        ("1. 强化统筹，形成治理融合力。", "1.强化统筹，形成治理融合力。"),
        ("马北线铺设DN 800管道", "马北线铺设DN 800管道"),
        ("截至 2024 年 12 月底", "截至2024年12月底"),
        ('以"开门治理"为要求', "以“开门治理”为要求"),
        ("会议于10:30召开；联系：http://x.cn", "会议于10:30召开；联系：http://x.cn"),
        ("零\u200b宽\ufeff字符\ue000", "零宽字符"),
    ],
)
def test_normalize_canonical_form(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_normalize_removes_page_headers_and_joins_broken_lines() -> None:
    raw = (
        "\n专 版4 2025年2月21日 星期五 本版责编：陆柏汝 版式设计：陈 效\n\nJINRIDINGHAI\n\n"
        "区纪委区监委公布\n漠视侵害群众利益问题专项治理工作成果\n"
        "2024年，定海区纪委聚焦群\n\n众“急难愁盼”，会同8家单位。\n\n一\n"
        "治理项目：中小学非教育教学事务进校园问题专\n\n项治理\n\n牵头单位：区教育局\n\n"
        "治理成果：\n1. 强化统筹，形成治理融合力。成立专项治\n\n理工作专班。\n\n"
        "2.分类施策。◀上紧接第1版\n清理工作群713个。\n|\n"
    )
    assert normalize_text(raw).split("\n") == [
        "区纪委区监委公布漠视侵害群众利益问题专项治理工作成果",
        "2024年，定海区纪委聚焦群众“急难愁盼”，会同8家单位。",
        "一",
        "治理项目：中小学非教育教学事务进校园问题专项治理",
        "牵头单位：区教育局",
        "治理成果：",
        "1.强化统筹，形成治理融合力。成立专项治理工作专班。",
        "2.分类施策。",
        "清理工作群713个。",
    ]


def test_normalize_keeps_one_line_paragraphs() -> None:
    text = normalize_text(seed_text("002"))
    lines = text.split("\n")
    assert lines[2] == "1"
    assert lines[3] == "治理项目：中小学校食堂采购问题专项治理"
    assert "|" not in text
    assert "\n\n" not in text


def test_normalize_seed_000_header_gone_and_number_kept() -> None:
    text = normalize_text(seed_text("000"))
    assert "星期五" not in text
    assert "JINRIDINGHAI" not in text
    assert "摧毁境外涉诈窝点1个，抓获涉诈犯罪嫌疑人136人，追赃974.6万元" in text
    assert "治理项目：镇（街道）居家养老服务中心第三方运营不规范问题专项治理\n" in text


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\n", "■■■", "\x00\x01"])
def test_normalize_empty_like(raw: str) -> None:
    assert normalize_text(raw) == ""


def test_normalize_is_idempotent_on_seeds() -> None:
    for prefix in ("000", "001", "002", "004"):
        once = normalize_text(seed_text(prefix))
        assert normalize_text(once) == once
