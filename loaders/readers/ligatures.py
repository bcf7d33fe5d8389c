"""TeX's ligature glyphs written without a Unicode mapping (bitmap Type 3 fonts).

pdfTeX's T1 (Cork) fonts hold ff, fi, fl, ffi, ffl at codes 27-31, OT1 fonts at 11-15.
A font without a mapping gives the bare code: pdfminer writes it ``(cid:28)``, pdftotext
as the control character itself.  Beside a letter (``Veri(cid:28)cation``,
``(cid:28)nal``) it is the ligature; alone (a list's bullet) it is left as it is.
"""

from __future__ import annotations

import re

_CORK = {27: "ff", 28: "fi", 29: "fl", 30: "ffi", 31: "ffl"}
_OT1 = {11: "ff", 12: "fi", 13: "fl", 14: "ffi", 15: "ffl"}

_CID_NEXT_TO_LETTER = re.compile(r"(?<=[A-Za-z])\(cid:(\d+)\)|\(cid:(\d+)\)(?=[a-z])")
_CONTROL_NEXT_TO_LETTER = re.compile(r"(?<=[A-Za-z])([\x1b-\x1f])|([\x1b-\x1f])(?=[a-z])")


def _cid(m: re.Match[str]) -> str:
    code = int(m.group(1) or m.group(2))
    after = m.string[m.end() : m.end() + 1]
    between = m.group(1) is not None and after.isalpha()
    if code in _CORK:
        return _CORK[code]
    # OT1's 15 is also the symbol font's bullet: a ligature only between letters
    if code in _OT1 and (code != 15 or between):
        return _OT1[code]
    return m.group(0)


def spell_cid_ligatures(text: str) -> str:
    """``Veri(cid:28)cation`` -> ``Verification`` (pdfminer's text of an unmapped glyph)."""
    return _CID_NEXT_TO_LETTER.sub(_cid, text) if "(cid:" in text else text


def spell_control_ligatures(text: str) -> str:
    """``Veri\\x1ccation`` -> ``Verification`` (pdftotext's text of an unmapped glyph)."""
    return _CONTROL_NEXT_TO_LETTER.sub(lambda m: _CORK[ord(m.group(1) or m.group(2))], text)
