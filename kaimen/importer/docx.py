"""Reading the text of a Word (.docx) announcement with python-docx."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from kaimen.importer.text import MAX_BYTES, AnnouncementInputError

_ZIP_MAGIC = b"PK\x03\x04"
_MB = 1024 * 1024
_NOT_DOCX = (
    "不是有效的 Word（.docx）文件（.doc 等旧格式请另存为 .docx 或纯文本）。"
    " / Not a valid Word .docx file (save .doc files as .docx or plain text)."
)


def docx_to_text(data: bytes) -> str:
    """Paragraphs (and table cells) of a .docx in document order, one per line.

    Raises :class:`AnnouncementInputError` for empty, oversized or non-docx input.
    """
    if not data:
        raise AnnouncementInputError("文件为空。/ The file is empty.")
    if len(data) > MAX_BYTES:
        raise AnnouncementInputError(
            f"文件过大（{len(data) / _MB:.1f} MB），上限为 {MAX_BYTES / _MB:.1f} MB。"
            f" / The file is too large ({len(data) / _MB:.1f} MB); the limit is "
            f"{MAX_BYTES / _MB:.1f} MB."
        )
    if not data.startswith(_ZIP_MAGIC):
        raise AnnouncementInputError(_NOT_DOCX)
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise AnnouncementInputError(_NOT_DOCX) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same element
                continue
            seen.add(id(cell._tc))
            lines.extend(paragraph.text for paragraph in cell.paragraphs)
    return lines
