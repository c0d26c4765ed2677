"""How much a document may unpack to before the readers refuse it: size, XML depth and time.

A DOCX, an ODT and a PDF are compressed containers: a 4 MB file can unpack to
gigabytes (a decompression bomb) and take a server down while "parsing". The
readers call these checks before handing the file to python-docx, odfpy or
pdfminer, which unpack everything into memory. Each check reads with a bounded
stream, so that measuring a bomb never costs more than the limit itself, and
each refusal says plainly that the file is too large, not that it is damaged:
the person importing it should not go looking for a repair tool.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
import zlib
from xml.parsers import expat

from lieguan.minutes.errors import UnreadableDocumentError, gettext_noop

# Real minutes, even of a year's council sessions with photographs, unpack to a
# few tens of MB; python-docx and odfpy hold all of it in memory, and their XML
# trees take about ten times the text, so these keep one file under 1 GB.
MAX_UNPACKED_MB = 100
MAX_XML_MB = 25
# Word and LibreOffice nest a table in a table in a list a few dozen levels at most.
MAX_XML_DEPTH = 200
# lxml refuses a text node over 10,000,000 bytes as a syntax error, which the
# readers would report as a damaged file; a run of text this long is no minutes anyway.
MAX_TEXT_MB = 8
MAX_SECONDS = 60
# pdfminer takes 25 s on one page whose content is 10 MB; a page of real minutes is tens of KB.
MAX_PDF_STREAM_MB = 5

_CHUNK = 1 << 20
_MB = 1024 * 1024


class DocumentTooLargeError(UnreadableDocumentError):
    """The file is readable but would unpack to more than the readers accept."""


def too_large(limit_mb: int) -> DocumentTooLargeError:
    return DocumentTooLargeError(gettext_noop("檔案解壓縮後過大（超過 %(limit)s MB），系統拒絕讀取；並非檔案損壞。"), {"limit": limit_mb})


def too_deep() -> DocumentTooLargeError:
    return DocumentTooLargeError(
        gettext_noop("檔案內容的層次過深（超過 %(limit)s 層），系統拒絕讀取；並非檔案損壞。"), {"limit": MAX_XML_DEPTH}
    )


def too_long() -> DocumentTooLargeError:
    return DocumentTooLargeError(
        gettext_noop("檔案中有一段連續文字過長（超過 %(limit)s MB），系統拒絕讀取；並非檔案損壞。"), {"limit": MAX_TEXT_MB}
    )


def too_slow() -> DocumentTooLargeError:
    return DocumentTooLargeError(
        gettext_noop("檔案讀取超過 %(limit)s 秒仍未完成，系統停止讀取；並非檔案損壞，而是內容過大或過於複雜。"), {"limit": MAX_SECONDS}
    )


class Deadline:
    """The time a reader may still spend on one file."""

    def __init__(self, seconds: float = MAX_SECONDS) -> None:
        self.until = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.until:
            raise too_slow()


def check_zip(data: bytes, deadline: Deadline | None = None) -> None:
    """Refuse a ZIP container (DOCX, ODT) that unpacks to too much or nests its XML too deep.

    The sizes in the ZIP directory are what zipfile (and so python-docx and
    odfpy) stops reading at, so their sum bounds what the readers will unpack.
    The XML parts are then streamed, counting bytes and depth, since a
    document.xml of a few MB can still nest deep enough to exhaust the parser.
    A file that is not a valid ZIP is left for the reader to report as damaged.
    """
    deadline = deadline or Deadline()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    with archive:
        members = archive.infolist()
        if sum(info.file_size for info in members) > MAX_UNPACKED_MB * _MB:
            raise too_large(MAX_UNPACKED_MB)
        for info in members:
            if info.filename.endswith((".xml", ".rels")):
                if info.file_size > MAX_XML_MB * _MB:
                    raise too_large(MAX_XML_MB)
                _check_xml(archive, info, deadline)


def _check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, deadline: Deadline) -> None:
    # expat with only depth counters: no tree is built, so the check costs no memory.
    parser = expat.ParserCreate()
    # The depth, and the length of the text since the last tag.
    depth, run = [0], [0]

    def start(name: str, attributes: object) -> None:
        depth[0] += 1
        run[0] = 0
        if depth[0] > MAX_XML_DEPTH:
            raise too_deep()

    def end(name: str) -> None:
        depth[0] -= 1
        run[0] = 0

    def text(data: str) -> None:
        # Counted in characters, at most three bytes each in UTF-8: a safe side of lxml's byte limit.
        run[0] += len(data) * 3
        if run[0] > MAX_TEXT_MB * _MB:
            raise too_long()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    read = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                # zipfile stops at the declared size; this guards a reader that would not.
                if read > MAX_XML_MB * _MB:
                    raise too_large(MAX_XML_MB)
                parser.Parse(chunk, False)
                deadline.check()
    except (expat.ExpatError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # Malformed or damaged: the reader itself says so, in its own words.
        return


# A PDF stream's dictionary ends right before the keyword; an image's is never decoded for its text.
_STREAM = re.compile(rb"stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")


def check_pdf(data: bytes, deadline: Deadline | None = None) -> None:
    """Refuse a PDF whose compressed (Flate) streams, other than images, unpack to too much.

    pdfminer inflates each content and object stream whole, with no bound; here
    each is inflated a megabyte at a time and only counted.
    """
    deadline = deadline or Deadline()
    budget = MAX_UNPACKED_MB * _MB
    position = 0
    while found := _STREAM.search(data, position):
        start = found.end()
        end = data.find(b"endstream", start)
        if end < 0:
            return
        position = end + len(b"endstream")
        head = data[max(0, found.start() - 2048) : found.start()]
        if _IMAGE.search(head[head.rfind(b"obj") + 1 :]):
            continue
        size = _inflated_size(data[start:end], min(budget, MAX_PDF_STREAM_MB * _MB))
        if size > MAX_PDF_STREAM_MB * _MB:
            raise too_large(MAX_PDF_STREAM_MB)
        budget -= size
        if budget < 0:
            raise too_large(MAX_UNPACKED_MB)
        deadline.check()


def _inflated_size(compressed: bytes, limit: int) -> int:
    """How many bytes ``compressed`` inflates to, counting no further than ``limit + 1``; 0 if it is not Flate."""
    inflater = zlib.decompressobj()
    size = 0
    pending = compressed
    try:
        while pending and size <= limit and not inflater.eof:  # bytes after the end of the data would be offered forever
            size += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return size
    return size
