"""Decompression bombs built in memory: small files that unpack to about a gigabyte.

Deflate with a full flush resets the compressor, so one compressed megabyte
of spaces can be repeated a thousand times to stand for a gigabyte without
ever holding it; the ZIP is then written by hand around the stream.
"""

from __future__ import annotations

import struct
import zlib

MB = 1024 * 1024
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _deflated(head: bytes, filler_mb: int, tail: bytes) -> tuple[bytes, int, int]:
    """A raw deflate stream of ``head``, ``filler_mb`` MB of spaces and ``tail``; with its CRC-32 and size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    spaces = b" " * MB
    piece = compressor.compress(spaces) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(filler_mb):
        crc = zlib.crc32(spaces, crc)
    crc = zlib.crc32(tail, crc)
    return start + piece * filler_mb + end, crc, len(head) + filler_mb * MB + len(tail)


def _member(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def zip_of(members: list[tuple[str, bytes, int, int]], *, stored_first: bytes | None = None) -> bytes:
    """A ZIP of deflated ``members`` (name, compressed, crc, size); ``stored_first`` is an ODT's uncompressed mimetype."""
    entries = []
    if stored_first is not None:
        entries.append(("mimetype", stored_first, zlib.crc32(stored_first), len(stored_first), 0))
    entries += [(name, data, crc, size, 8) for name, data, crc, size in members]
    out = bytearray()
    directory = bytearray()
    for name, data, crc, size, method in entries:
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(raw), 0)
        out += raw + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), size, len(raw), 0, 0, 0, 0, 0, offset
        )
        directory += raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(out), 0)
    return bytes(out + directory + end)


def docx_bomb(filler_mb: int = 1024) -> bytes:
    """A DOCX whose document.xml is one paragraph of ``filler_mb`` MB of spaces."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body><w:p><w:r><w:t xml:space="preserve">'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    data, crc, size = _deflated(head, filler_mb, tail)
    return zip_of([*_docx_parts(), ("word/document.xml", data, crc, size)])


def docx_with(document_xml: bytes) -> bytes:
    return zip_of([*_docx_parts(), _member("word/document.xml", document_xml)])


def _docx_parts() -> list[tuple[str, bytes, int, int]]:
    types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/word/document.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="word/document.xml"/></Relationships>'
    )
    return [_member("[Content_Types].xml", types), _member("_rels/.rels", rels)]


def odt_bomb(filler_mb: int = 1024) -> bytes:
    """An ODT whose content.xml is one paragraph of ``filler_mb`` MB of spaces."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        b"<office:body><office:text><text:p>"
    )
    tail = b"</text:p></office:text></office:body></office:document-content>"
    data, crc, size = _deflated(head, filler_mb, tail)
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        b'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    return zip_of(
        [("content.xml", data, crc, size), _member("META-INF/manifest.xml", manifest)],
        stored_first=b"application/vnd.oasis.opendocument.text",
    )


def pdf_bomb(filler_mb: int = 1024) -> bytes:
    """A one-page PDF whose content stream is ``filler_mb`` MB of spaces, Flate-compressed."""
    compressor = zlib.compressobj(9)
    # The zlib header comes with the first output, so the repeated piece must not be the first.
    start = compressor.compress(b" ") + compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(b" " * MB) + compressor.flush(zlib.Z_FULL_FLUSH)
    # The Adler-32 at the end covers only what the compressor saw; an inflater finds that out only at the very end.
    stream = start + piece * filler_mb + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def mimetype_bomb(filler_mb: int = 1024) -> bytes:
    """An ODT whose "mimetype" member, read first by whatever sniffs the file type, is the bomb."""
    data, crc, size = _deflated(b"application/vnd.oasis.opendocument.text", filler_mb, b"")
    return zip_of([("mimetype", data, crc, size), _member("content.xml", b"<x/>")])
