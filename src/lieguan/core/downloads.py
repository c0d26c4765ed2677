"""Files sent to the browser: one Content-Disposition for every download, one response for every stored file."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _


def attachment(filename: str, fallback: str, *, inline: bool = False) -> str:
    """Content-Disposition with the UTF-8 name (RFC 6266) and a plain ASCII name for old clients.

    ``inline`` asks the browser to show the file in place (a PDF on a tablet) rather than save it.
    """
    return f"{'inline' if inline else 'attachment'}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def stored_file(file: Any, *, name: str, content_type: str, size: int, fallback: str, inline: bool = False) -> FileResponse:
    """An uploaded file as the response: its own name, type and length, never sniffed into another type.

    ``fallback`` is the ASCII name old clients get; its extension is taken from ``name``.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404(_("找不到此檔案。")) from None
    extension = name.rpartition(".")[2] if "." in name else "bin"
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = attachment(name, f"{fallback}.{extension}", inline=inline)
    response["Content-Length"] = str(size)
    response["X-Content-Type-Options"] = "nosniff"
    return response
