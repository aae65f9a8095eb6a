"""Reading .docx announcements."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from kaimen.importer import AnnouncementInputError, docx_to_text, parse_announcement
from kaimen.importer.tests import seed_text


def _docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row_index, row in enumerate(table):
            for col_index, value in enumerate(row):
                grid.cell(row_index, col_index).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_in_order() -> None:
    data = _docx(["区纪委区监委公布", "治理项目：噪声污染专项治理", "牵头单位：区生态环境局"])
    assert (
        docx_to_text(data) == "区纪委区监委公布\n治理项目：噪声污染专项治理\n牵头单位：区生态环境局"
    )


def test_tables_are_read_after_preceding_paragraphs() -> None:
    data = _docx(["标题"], table=[["治理项目", "牵头单位"], ["噪声污染专项治理", "区生态环境局"]])
    assert docx_to_text(data).split("\n") == [
        "标题",
        "治理项目",
        "牵头单位",
        "噪声污染专项治理",
        "区生态环境局",
    ]


def test_seed_round_trip_through_docx_parses_the_same() -> None:
    text = seed_text("002")
    from_docx = parse_announcement(docx_to_text(_docx(text.split("\n"))))
    direct = parse_announcement(text)
    assert [p.title for p in from_docx.projects] == [p.title for p in direct.projects]
    assert len(from_docx.projects) == 12


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [b"", b"plain text, not docx", b"%PDF-1.4 ...", b"PK\x03\x04broken zip", "zip-no-word"],
    ids=["empty", "text", "pdf", "broken-zip", "zip-no-word"],
)
def test_non_docx_raises_input_error(data: bytes | str) -> None:
    payload = _zip_without_word() if data == "zip-no-word" else data
    assert isinstance(payload, bytes)
    with pytest.raises(AnnouncementInputError):
        docx_to_text(payload)


def test_oversized_docx_rejected_with_size() -> None:
    with pytest.raises(AnnouncementInputError, match="MB"):
        docx_to_text(b"PK\x03\x04" + b"\x00" * (6 * 1024 * 1024))
