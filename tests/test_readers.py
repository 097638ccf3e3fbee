"""Readers: formats, encodings, sidecar metadata, directories, and bad input reported, not fatal."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from marsad.model import RawDocument
from marsad.readers import ReadError, read_paths
from marsad.readers.decode import decode_bytes
from marsad.readers.errors import InputError

FIX = Path(__file__).parent / "fixtures" / "readers"


def read(*paths, **kw) -> list:
    return list(read_paths([Path(p) for p in paths], **kw))


def docs(items) -> list[RawDocument]:
    return [x for x in items if isinstance(x, RawDocument)]


def errors(items) -> list[ReadError]:
    return [x for x in items if isinstance(x, ReadError)]


def only_error(items) -> ReadError:
    assert len(items) == 1 and isinstance(items[0], ReadError), items
    return items[0]


# --- plain text and encodings ---------------------------------------------------------------------


def test_utf8_text_is_read_as_is(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("عنوان\n\nنص الخبر.\n", encoding="utf-8")
    [doc] = read(p)
    assert doc.text == "عنوان\n\nنص الخبر.\n"
    assert doc.source == str(p)
    assert doc.published is None and doc.published_from is None and doc.title is None


def test_bom_is_stripped_and_crlf_and_cr_become_lf(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + "سطر أول\r\nسطر ثان\rسطر ثالث".encode())
    [doc] = read(p)
    assert doc.text == "سطر أول\nسطر ثان\nسطر ثالث"


def test_utf16_with_bom_is_read(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("\ufeffنص محفوظ بترميز UTF-16".encode("utf-16-le"))
    [doc] = read(p)
    assert doc.text == "نص محفوظ بترميز UTF-16"


def test_windows_1256_arabic_is_detected():
    [doc] = read(FIX / "cp1256.txt")
    assert doc.text.startswith("الأردن والعراق يوقعان اتفاقية لنقل النفط\n\nعمان - وقع")
    assert "\r" not in doc.text


def test_latin_text_in_a_legacy_code_page_is_refused_with_the_reason(tmp_path):
    p = tmp_path / "fr.txt"
    p.write_bytes("Le président a déclaré que la réunion était très importante.".encode("latin-1"))
    err = only_error(read(p))
    assert err.source == str(p) and err.line is None
    assert "could not determine the text encoding" in err.reason
    assert "not UTF-8" in err.reason and "Windows-1256" in err.reason


def test_random_high_bytes_are_not_taken_for_windows_1256():
    data = bytes((i * 37 + 11) % 128 + 128 for i in range(2000))  # no spaces, no NUL
    with pytest.raises(InputError, match="not plausible Arabic"):
        decode_bytes(data)


def test_utf8_is_tried_before_windows_1256():
    # Valid UTF-8 Arabic is never re-read as Windows-1256 (which would also "decode" it).
    assert decode_bytes("مرحبا".encode()) == "مرحبا"


# --- bad input: each a clear ReadError, the other inputs still read -----------------------------


def test_binary_file_is_reported(tmp_path):
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "nul.txt").write_bytes("نص".encode() + b"\x00\x01\x02")
    (tmp_path / "ok.txt").write_text("نص سليم", encoding="utf-8")
    items = read(tmp_path)
    assert [d.text for d in docs(items)] == ["نص سليم"]
    errs = {Path(e.source).name: e.reason for e in errors(items)}
    assert "binary file" in errs["img.txt"] and "PNG" in errs["img.txt"]
    assert "binary file" in errs["nul.txt"] and "NUL" in errs["nul.txt"]


def test_empty_and_whitespace_only_files_are_reported(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n\u00a0\n", encoding="utf-8")
    items = read(tmp_path)
    reasons = {Path(e.source).name: e.reason for e in errors(items)}
    assert reasons == {"blank.txt": "only whitespace, no text", "empty.txt": "empty file (0 bytes)"}


def test_file_over_max_bytes_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:  # a sparse 50 MB file: stat says 50 MB, nothing is read
        f.truncate(50 * 1024 * 1024)
    small = tmp_path / "small.txt"
    small.write_text("نص قصير", encoding="utf-8")
    opened: list[str] = []
    real_open = open

    def spy_open(file, *a, **kw):
        opened.append(os.fspath(file))
        return real_open(file, *a, **kw)

    monkeypatch.setattr("builtins.open", spy_open)
    items = read(big, small)
    err = items[0]
    assert isinstance(err, ReadError) and err.source == str(big)
    assert "52,428,800 bytes" in err.reason and "20,000,000 bytes" in err.reason
    assert str(big) not in opened
    assert docs(items)[0].text == "نص قصير"


def test_max_bytes_is_configurable(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("١٢٣٤٥٦٧٨٩", encoding="utf-8")  # 18 bytes
    assert "over the limit of 10 bytes" in only_error(read(p, max_bytes=10)).reason
    assert len(docs(read(p, max_bytes=18))) == 1


def test_broken_html_without_text_is_reported(tmp_path):
    (tmp_path / "broken.html").write_text("<html><body><div><span></div></body></html>", encoding="utf-8")
    shutil.copy(FIX / "page.html", tmp_path / "page.html")
    items = read(tmp_path)
    [err] = errors(items)
    assert err.source.endswith("broken.html") and "no main text" in err.reason
    assert len(docs(items)) == 1


def test_missing_path_is_reported():
    err = only_error(read("/nonexistent/marsad/article.txt"))
    assert err.reason == "no such file or directory"


def test_directory_with_unreadable_entries_reports_them_and_reads_the_rest(tmp_path):
    # Honest even as root (where chmod 000 does not deny reads): a dangling symlink, a FIFO and a
    # socket named like articles, and a file whose open() fails with EACCES.
    (tmp_path / "a.txt").write_text("أول", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(tmp_path / "fifo.txt")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "sock.txt"))
        (tmp_path / "z.txt").write_text("أخير", encoding="utf-8")
        items = read(tmp_path)
    finally:
        sock.close()
    assert [d.text for d in docs(items)] == ["أول", "أخير"]
    reasons = {Path(e.source).name: e.reason for e in errors(items)}
    assert "broken symbolic link" in reasons["dangling.txt"]
    assert "FIFO" in reasons["fifo.txt"] and "not a regular file" in reasons["fifo.txt"]
    assert "socket" in reasons["sock.txt"]


def test_permission_denied_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("أول", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("سري", encoding="utf-8")
    real_open = open

    def deny(file, *a, **kw):
        if os.fspath(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *a, **kw)

    monkeypatch.setattr("builtins.open", deny)
    items = read(tmp_path)
    assert [d.text for d in docs(items)] == ["أول"]
    [err] = errors(items)
    assert err.source.endswith("secret.txt") and "permission denied" in err.reason


def test_unlistable_directory_is_reported(tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "x.txt").write_text("س", encoding="utf-8")
    (tmp_path / "a.txt").write_text("أول", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("sub"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr("os.scandir", scandir)
    items = read(tmp_path)
    assert [d.text for d in docs(items)] == ["أول"]
    [err] = errors(items)
    assert err.source.endswith("sub") and "cannot list the directory" in err.reason


# --- directories -------------------------------------------------------------------------------


def test_directory_is_recursive_sorted_and_filtered(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("ب٢", encoding="utf-8")
    (tmp_path / "b" / "1.TXT").write_text("ب١", encoding="utf-8")
    (tmp_path / "a.txt").write_text("أ", encoding="utf-8")
    (tmp_path / "c.md").write_text("ليس مقالا", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text('{"outlet": "س"}', encoding="utf-8")
    (tmp_path / "x.meta.json").write_text('{"text": "ليس مقالا"}', encoding="utf-8")
    items = read(tmp_path)
    assert not errors(items)
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs(items)] == ["a.txt", "b/1.TXT", "b/2.txt"]
    assert docs(items)[0].outlet == "س"  # the sidecar, never read as an article
    only_md = read(tmp_path, include=["*.md"])
    assert [d.text for d in docs(only_md)] == ["ليس مقالا"]


def test_include_pattern_with_a_slash_matches_the_relative_path(tmp_path):
    (tmp_path / "keep").mkdir()
    (tmp_path / "skip").mkdir()
    (tmp_path / "keep" / "a.txt").write_text("نعم", encoding="utf-8")
    (tmp_path / "skip" / "a.txt").write_text("لا", encoding="utf-8")
    assert [d.text for d in docs(read(tmp_path, include=["keep/*.txt"]))] == ["نعم"]


def test_explicit_files_are_read_whatever_their_extension(tmp_path):
    p = tmp_path / "note.md"
    p.write_text("نص", encoding="utf-8")
    assert [d.text for d in docs(read(p))] == ["نص"]


def test_sources_stay_as_given(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("نص", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [doc] = read(Path("corpus"))
    assert doc.source == os.path.join("corpus", "a.txt")
    [doc] = read(Path("corpus/a.txt"))
    assert doc.source == "corpus/a.txt"


def test_symlink_loop_is_reported_not_followed_forever(tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    items = read(tmp_path)
    assert [d.text for d in docs(items)] == ["نص"]
    assert any("directory loop" in e.reason for e in errors(items))


# --- sidecar metadata ----------------------------------------------------------------------------


def test_sidecar_metadata_wins_over_the_text():
    [doc] = read(FIX / "with_meta.txt")
    assert doc.title == "منتدى تونس للاستثمار"
    assert doc.published == "2024-03-05" and doc.published_from == "metadata"
    assert doc.outlet == "وكالة المثال" and doc.author == "ليلى بن علي"
    assert doc.url == "https://example.org/tunis-forum"
    # The text has its own dateline (2024-01-01); the pipeline keeps the reader's metadata first.
    from marsad.article import parse

    assert parse(doc).published == "2024-01-01"


def test_sidecar_with_a_bad_date_is_reported_and_the_article_not_read(tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text('{"published": "13/08/2025"}', encoding="utf-8")
    (tmp_path / "b.txt").write_text("نص آخر", encoding="utf-8")
    items = read(tmp_path)
    [err] = errors(items)
    assert err.source.endswith("a.txt")
    assert "a.txt.meta.json" in err.reason and "'13/08/2025'" in err.reason and "not an ISO date" in err.reason
    assert [d.text for d in docs(items)] == ["نص آخر"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must hold a JSON object"),
        ('{"publised": "2025-01-01"}', "unknown field(s) 'publised'"),
        ('{"title": 5}', "'title' must be a string"),
        ('{"published": "2025-02-30"}', "not a real date"),
    ],
)
def test_invalid_sidecars_say_why(tmp_path, content, expected):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(content, encoding="utf-8")
    err = only_error(read(tmp_path / "a.txt"))
    assert expected in err.reason


def test_a_sidecar_named_explicitly_is_not_an_article(tmp_path):
    p = tmp_path / "a.txt.meta.json"
    p.write_text('{"title": "x"}', encoding="utf-8")
    assert "metadata sidecar" in only_error(read(p)).reason


# --- HTML ------------------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata():
    [doc] = read(FIX / "page.html")
    assert doc.title == "وزير الخارجية يزور باكو لبحث التعاون الثنائي"
    assert doc.published == "2023-04-19" and doc.published_from == "html"
    assert doc.author == "محمد علي"
    assert doc.outlet == "صحيفة المثال"
    assert doc.url == "https://example.org/news/baku-visit"
    assert "وصل وزير الخارجية إلى باكو" in doc.text
    assert "الأكثر قراءة" not in doc.text and "جميع الحقوق" not in doc.text


def test_html_is_sniffed_in_a_txt_file(tmp_path):
    p = tmp_path / "saved.txt"
    shutil.copy(FIX / "page.html", p)
    [doc] = read(p)
    assert doc.published_from == "html" and "<p>" not in doc.text


def test_html_date_not_written_in_the_page_is_not_invented(tmp_path):
    page = (FIX / "page.html").read_text(encoding="utf-8")
    # A month without a day (htmldate would fill in today's day) and a copyright year only.
    page = page.replace('content="2023-04-19T10:00:00+03:00"', 'content="2023-04"')
    p = tmp_path / "p.html"
    p.write_text(page, encoding="utf-8")
    [doc] = read(p)
    assert doc.published is None and doc.published_from is None


def test_html_sidecar_overrides_page_metadata(tmp_path):
    shutil.copy(FIX / "page.html", tmp_path / "p.html")
    (tmp_path / "p.html.meta.json").write_text('{"outlet": "وكالة أخرى", "published": "2023-04-18"}', encoding="utf-8")
    [doc] = read(tmp_path / "p.html")
    assert doc.outlet == "وكالة أخرى" and doc.published == "2023-04-18" and doc.published_from == "metadata"
    assert doc.author == "محمد علي"  # not in the sidecar: the page's


def test_html_in_windows_1256_declared_in_meta(tmp_path):
    page = (FIX / "page.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1256"')
    p = tmp_path / "p.html"
    p.write_bytes(page.replace("©", "(c)").encode("cp1256"))
    [doc] = read(p)
    assert doc.title == "وزير الخارجية يزور باكو لبحث التعاون الثنائي"


# --- JSON Lines and JSON ---------------------------------------------------------------------------


def test_jsonl_bad_lines_are_reported_with_their_number_and_the_rest_is_read():
    path = str(FIX / "articles.jsonl")
    items = read(path)
    got = [(type(x).__name__, getattr(x, "line", None) or x.source.rsplit("#", 1)[-1]) for x in items]
    assert got == [
        ("RawDocument", "L1"),
        ("ReadError", 2),
        ("ReadError", 3),
        ("ReadError", 5),
        ("RawDocument", "L6"),
    ]
    first, sixth = docs(items)
    assert first.source == f"{path}#L1"
    assert (first.title, first.published, first.published_from, first.outlet, first.url) == (
        "عنوان أول",
        "2023-04-19",
        "metadata",
        "صحيفة المثال",
        "https://example.org/1",
    )
    assert sixth.published == "2023-04-20" and sixth.text == "نص الخبر الخامس\nسطر ثان." and sixth.author is None
    e2, e3, e5 = errors(items)
    assert all(e.source == path for e in (e2, e3, e5))
    assert "malformed JSON" in e2.reason
    assert "without a 'text' field" in e3.reason
    assert "'19/04/2023'" in e5.reason and "not an ISO date" in e5.reason


def test_jsonl_is_streamed_and_max_bytes_limits_each_line(tmp_path):
    p = tmp_path / "big.jsonl"
    long_text = "ن" * 600
    with open(p, "w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "قصير"}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"text": long_text}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"text": "قصير أيضا"}, ensure_ascii=False) + "\n")
    items = read(p, max_bytes=500)  # the file is larger than 500 bytes; the first and last lines are not
    assert [type(x).__name__ for x in items] == ["RawDocument", "ReadError", "RawDocument"]
    assert items[1].line == 2 and "over the limit of 500 bytes" in items[1].reason


def test_jsonl_sidecar_fills_what_records_leave_empty(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text('{"text": "أ"}\n{"text": "ب", "outlet": "ج"}\n', encoding="utf-8")
    (tmp_path / "feed.jsonl.meta.json").write_text('{"outlet": "د"}', encoding="utf-8")
    assert [d.outlet for d in docs(read(p))] == ["د", "ج"]


def test_json_object_and_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text('{"text": "نص", "published": "2021-05-06 10:00:00"}', encoding="utf-8")
    [doc] = read(one)
    assert doc.source == str(one) and doc.published == "2021-05-06" and doc.published_from == "metadata"
    many = tmp_path / "many.json"
    many.write_text('[{"text": "أ"}, {"title": "بلا نص"}, "نص", {"text": "  "}, {"text": "ب"}]', encoding="utf-8")
    items = read(many)
    assert [x.source for x in items] == [f"{many}#{i}" for i in range(5)]
    assert [type(x).__name__ for x in items] == ["RawDocument", "ReadError", "ReadError", "ReadError", "RawDocument"]
    assert "without a 'text' field" in items[1].reason
    assert "expected a JSON object" in items[2].reason
    assert "'text' is empty" in items[3].reason


def test_json_object_without_text(tmp_path):
    p = tmp_path / "o.json"
    p.write_text('{"title": "عنوان", "body": "..."}', encoding="utf-8")
    err = only_error(read(p))
    assert err.source == str(p) and "without a 'text' field" in err.reason and "'body'" in err.reason


def test_malformed_json_file(tmp_path):
    p = tmp_path / "o.json"
    p.write_text('{"text": "نص",}', encoding="utf-8")
    assert "malformed JSON" in only_error(read(p)).reason


def test_read_error_prints_source_and_line():
    assert str(ReadError("a.jsonl", 3, "malformed JSON")) == "a.jsonl:3: malformed JSON"
    assert str(ReadError("a.txt", None, "empty file (0 bytes)")) == "a.txt: empty file (0 bytes)"


# --- properties ------------------------------------------------------------------------------------

ARABIC_WORDS = st.lists(
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى", min_size=2, max_size=8), min_size=1, max_size=40
)


@settings(max_examples=100, deadline=None)
@given(ARABIC_WORDS, st.sampled_from([" ", "\r\n", "\n", "، "]))
def test_arabic_text_round_trips_through_windows_1256(words, sep):
    text = sep.join(words)
    data = text.encode("cp1256")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        assume(False)
    assert decode_bytes(data) == text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_utf8_text_is_decoded_or_refused_with_a_reason(text):
    try:
        assert decode_bytes(text.encode("utf-8")) == text
    except InputError as e:
        assert e.reason.startswith("binary file")
