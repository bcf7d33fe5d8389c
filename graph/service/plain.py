"""An evidence quote as a person reads it: the converters' markup removed.

The quote is kept verbatim (it is what the document says, byte for byte); this is its
display form: HTML tags and entities (``<b>``, ``&amp;``), Markdown emphasis and
escapes (``**``, ``\\_``, backticks, links), LaTeX commands (``\\textbf{x}`` -> ``x``,
``\\&`` -> ``&``, ``~``), and table cells (tabs, LaTeX's ``&``) shown as `` | ``.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]+\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_CODE = re.compile(r"`([^`\n]+)`")
#: \href{url}{text}: the text
_TEX_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}")
#: \command[options]{argument}: the argument (innermost first, repeated)
_TEX_ARG = re.compile(r"\\[A-Za-z]+\*?\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}")
_TEX_WORD = re.compile(r"\\[A-Za-z]+\*?")
#: a backslash before punctuation: Markdown's and LaTeX's escapes (\_, \&, \%, \#, \$)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_SPACES = re.compile(r"[ \u00a0]{2,}")


def plain_text(quote: str, latex: bool = False) -> str:
    """``quote`` without markup, cells joined by `` | `` (``latex``: a LaTeX source line,
    whose unescaped ``&`` separates cells and ``~`` is a space)."""
    text = quote
    if latex or "\\" in text:
        text = _TEX_HREF.sub(r"\1", text)
        for _ in range(4):  # nested \textbf{\emph{x}}
            text, found = _TEX_ARG.subn(r"\1", text)
            if not found:
                break
        if latex:
            text = re.sub(r"(?<!\\)&", "\t", text)
            text = re.sub(r"(?<!\\)~", " ", text)
            text = text.replace("\\\\", " ")
        text = _ESCAPED.sub(r"\1", text)
        text = _TEX_WORD.sub("", text)
        if latex:
            text = text.replace("{", "").replace("}", "")
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EM.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    cells = [_SPACES.sub(" ", c).strip() for c in text.split("\t")]
    return " | ".join(c for c in cells if c)
