"""Bytes → text. Detects the encoding from the bytes (BOM, strict UTF-8, GB18030, then
charset-normalizer), never from the file extension alone."""

from __future__ import annotations

import codecs

# Control bytes other than tab/newline/carriage return/form feed: text files have almost none.
_CONTROL = bytes([*range(0, 9), 11, *range(14, 32)])


class NotText(ValueError):
    """The bytes are not text in any encoding we read."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB mean this is not a text file."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls / len(head) > 0.02


def decode_bytes(data: bytes) -> tuple[str, str, bool]:
    """Decode report bytes. Returns (text, encoding, replaced) where `replaced` says some bytes
    could not be decoded and were replaced with U+FFFD. Raises NotText for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16")
    if looks_binary(data):
        raise NotText("binary data (NUL or control bytes)")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # UTF-8 cut off inside the last character
            return data.decode("utf-8", errors="replace"), "utf-8", True
    try:
        return data.decode("gb18030"), "gb18030", False
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # rare path: neither UTF-8 nor GB18030

    best = from_bytes(data).best()
    if best is None:
        raise NotText("no text encoding fits these bytes")
    return _decode(data, best.encoding)


def _decode(data: bytes, encoding: str) -> tuple[str, str, bool]:
    try:
        return data.decode(encoding), encoding, False
    except UnicodeDecodeError:
        return data.decode(encoding, errors="replace"), encoding, True


# characters that print nothing and that no reader should see inside a number or a label (a web
# page's zero-width spaces and joiners, a soft hyphen, a byte-order mark inside the text)
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")


def without_invisible(text: str) -> str:
    """The text without the characters that print nothing."""
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return text
