"""The shared upload helpers: zip size before parsing, whole-workbook reading, JSON depth."""

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from gwa_portal.core.uploads import UploadError, json_too_deep, read_xlsx, size_text


def workbook_bytes(rows, title="liste"):
    workbook = Workbook()
    workbook.active.title = title
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_read_xlsx_returns_every_sheet_with_its_rows_up_to_their_last_cell():
    content = workbook_bytes([("a", "b"), (1, None), (None, None), ("x", "y")])
    assert read_xlsx(io.BytesIO(content)) == {"liste": [("a", "b"), (1,), (), ("x", "y")]}


def test_the_row_limit_is_a_setting_and_counts_blank_rows(settings):
    settings.UPLOAD_MAX_ROWS = 3
    content = workbook_bytes([("a",), (None,), ("b",), ("c",)])
    with pytest.raises(UploadError) as error:
        read_xlsx(io.BytesIO(content))
    assert error.value.message == (
        "Das Tabellenblatt „liste“ hat mehr als 3 Zeilen. Bitte teilen Sie die Datei auf."
    )


def test_a_zip_of_many_small_members_is_refused_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(1001):
            archive.writestr(f"m{i}.xml", b"")
    with pytest.raises(UploadError) as error:
        read_xlsx(buffer)
    assert error.value.message.startswith("Die Datei ist entpackt größer als 10 MB.")


def test_a_zip_that_lies_about_its_size_fails_as_damaged(settings):
    # A member that says it is small but inflates further: zipfile stops at the stated size
    # and the checksum fails, so the lie cannot get past the limit.
    content = workbook_bytes([("a",)] * 50)
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
    data = bytearray(buffer.getvalue())
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    stated = info.file_size.to_bytes(4, "little")
    smaller = (info.file_size // 4).to_bytes(4, "little")
    # The size sits in the local header and in the central directory: shrink both.
    data = bytes(data).replace(stated, smaller)
    with pytest.raises(UploadError) as error:
        read_xlsx(io.BytesIO(data))
    assert error.value.message.startswith("Die Datei ist beschädigt")


@pytest.mark.parametrize(
    ("size", "text"),
    [(10 * 1024 * 1024, "10 MB"), (1536 * 1024, "1,5 MB"), (1024, "1 KB"), (100, "100 Bytes")],
)
def test_sizes_read_the_german_way(size, text):
    assert size_text(size) == text


@pytest.mark.parametrize(
    ("text", "too_deep"),
    [
        ("[" * 21 + "]" * 21, True),
        ("[" * 20 + "]" * 20, False),
        ('{"a": "' + "[" * 50 + '"}', False),
        ('{"a": "\\"[[[[[[[[[[[[[[[[[[[[[[[[[[\\\\"}', False),
        ('{"a": "\\\\", "b": ' + "[" * 30 + "]" * 30 + "}", True),
    ],
)
def test_json_depth_ignores_brackets_in_strings(text, too_deep):
    assert json_too_deep(text, 20) is too_deep


@pytest.mark.parametrize(
    "text",
    ['"' + "a" * 1_000_000, '"\\"' * 300_000, "\\" * 1_000_000, '["' * 300_000],
    ids=["unclosed-string", "escaped-quotes", "backslashes", "open-strings"],
)
def test_json_depth_is_linear_on_hostile_text(text):
    started = time.monotonic()
    json_too_deep(text, 20)
    assert time.monotonic() - started < 2
