"""Uploads are typed by content (magic bytes) and limited to 10 MB."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kaimen.core.errors import ApplicationError
from kaimen.core.uploads import MAX_UPLOAD_BYTES as MAX_BYTES
from kaimen.core.uploads import sniff
from kaimen.supervision.files import check_upload, check_uploads


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (b"\xff\xd8\xff\xe0" + b"\0" * 16, "JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 16, "PNG"),
        (b"%PDF-1.7\n", "PDF"),
        (_zip("[Content_Types].xml", "word/document.xml"), "DOCX"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "XLSX"),
    ],
)
def test_sniff_accepts_the_five_types_by_content(data: bytes, label: str) -> None:
    found = sniff(data)

    assert found is not None
    assert found[0] == label


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00 executable",
        b"<html>",
        _zip("[Content_Types].xml", "ppt/x.xml"),
        b"PK\x03\x04broken",
    ],
)
def test_sniff_refuses_other_content(data: bytes) -> None:
    assert sniff(data) is None


def test_a_renamed_executable_is_refused_whatever_its_name() -> None:
    upload = SimpleUploadedFile("照片.jpg", b"MZ\x90\x00" + b"\0" * 64, content_type="image/jpeg")

    with pytest.raises(ApplicationError) as caught:
        check_upload(upload)

    assert caught.value.code == "invalid_file"
    assert caught.value.field == "attachments"


def test_the_extension_follows_the_content() -> None:
    checked = check_upload(SimpleUploadedFile("整改报告.txt", b"%PDF-1.4\n"))

    assert checked.name == "整改报告.pdf"
    assert checked.content_type == "application/pdf"


def test_files_over_ten_megabytes_are_refused() -> None:
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_BYTES)

    with pytest.raises(ApplicationError) as caught:
        check_upload(upload)

    assert caught.value.code == "file_too_large"


def test_at_most_ten_files() -> None:
    uploads = [SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.4") for n in range(11)]

    with pytest.raises(ApplicationError) as caught:
        check_uploads(uploads)

    assert caught.value.code == "too_many_files"
