"""Read the text back out of the PDFs reportlab writes (receipts, slips), without poppler: inflate
the streams, map each embedded TrueType subset's codes through its ToUnicode CMap, and collect the
strings of the ``Tj`` operators, one line per drawn string (text object). Enough for tests to check what a person would
read on the page; not a general PDF parser."""

from __future__ import annotations

import base64
import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_TEXT_OP = re.compile(rb"/(F\d+(?:\+\d+)?) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(s: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(s):
        if s[i] != 0x5C:  # backslash
            out.append(s[i])
            i += 1
            continue
        octal = re.match(rb"[0-7]{1,3}", s[i + 1 :])
        if octal:
            out.append(int(octal.group(0), 8) & 0xFF)
            i += 1 + len(octal.group(0))
        else:
            nxt = s[i + 1 : i + 2]
            out += _ESCAPES.get(nxt, nxt)
            i += 2
    return bytes(out)


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes]]:
    objs: dict[int, tuple[bytes, bytes]] = {}
    for m in _OBJ.finditer(pdf):
        body = m.group(2)
        s = _STREAM.search(body)
        data = b""
        if s:
            data, head = s.group(1), body[: s.start()]
            try:
                if b"ASCII85Decode" in head:
                    data = data.strip()
                    data = base64.a85decode(data[:-2] if data.endswith(b"~>") else data)
                if b"FlateDecode" in head:
                    data = zlib.decompressobj().decompress(data)
            except (ValueError, zlib.error):
                data = b""  # font programs and images: not text
        objs[int(m.group(1))] = (body, data)
    return objs


def _cmap(text: bytes) -> dict[int, str]:
    cmap: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for a, b in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            cmap[int(a, 16)] = bytes.fromhex(b.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for a, z, b in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for k in range(int(a, 16), int(z, 16) + 1):
                cmap[k] = chr(int(b, 16) + k - int(a, 16))
    return cmap


def pdf_text(pdf: bytes) -> str:
    """The page text, one drawn string per line, pages in object order."""
    objs = _objects(pdf)
    fonts: dict[str, dict[int, str]] = {}
    for body, _ in objs.values():
        for name, ref in re.findall(rb"/(F\d+(?:\+\d+)?) (\d+) 0 R", body):
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objs.get(int(ref), (b"", b""))[0])
            fonts[name.decode()] = _cmap(objs[int(to_unicode.group(1))][1]) if to_unicode else {}
    lines: list[str] = []
    for _, data in objs.values():
        if b" Tf" not in data:
            continue
        font = ""
        # One drawn string is one text object (BT … ET); a string whose characters fall in several
        # font subsets is drawn as several Tj there.
        for block in re.findall(rb"\bBT\b(.*?)\bET\b", data, re.S):
            parts: list[str] = []
            for m in _TEXT_OP.finditer(block):
                if m.group(1):
                    font = m.group(1).decode()
                    continue
                raw = _unescape(m.group(2))
                cmap = fonts.get(font, {})
                parts.append("".join(cmap.get(b, chr(b)) for b in raw) if cmap else raw.decode("latin-1"))
            if parts:
                lines.append("".join(parts))
    return "\n".join(lines)
