"""LaTeX source into tokens: comments stripped, control sequences, groups, verbatim kept.

Each token remembers the file and the 1-based line it starts on, so that whatever the
reader makes of it can cite where it was read.  The rules follow TeX's own reading:
an unescaped ``%`` drops the rest of the line and the line end, spaces after a control
word are skipped, a blank line is a paragraph break, leading spaces of a line vanish.
"""

from __future__ import annotations

import re
from typing import NamedTuple

CS = "cs"  # \name or \x
TEXT = "text"  # a run of ordinary characters ("[", "]", "*", "=", "," stand alone)
BGROUP = "{"
EGROUP = "}"
MATH = "$"
ALIGN = "&"
PARAM = "#"
SUP = "^"
SUB = "_"
TILDE = "~"
SPACE = "sp"
NL = "nl"  # a line end inside a paragraph (reads as a space)
PAR = "par"  # a blank line
VERB = "verb"  # literal text: \verb, the address of \url and \href
VERBATIM = "verbatim"  # a verbatim environment's literal lines
ARG = "arg"  # a macro parameter inside a definition's body (text = its number)
EOF = "eof"  # end of an included file (text = its path)
MODE = "mode"  # an included document's preamble starts/ends (text = "preamble"/"body")


class Tok(NamedTuple):
    """One token: its kind, its text, and where it starts."""

    kind: str
    text: str
    file: str | None
    line: int


_VERBATIM_ENVS = ("verbatim", "verbatim*", "Verbatim", "lstlisting", "minted", "alltt")
_SKIPPED_ENVS = ("comment",)
_LITERAL_ARG = frozenset({"url", "href", "nolinkurl"})

_SCAN = re.compile(
    r"""
    (?P<cs>\\(?:[A-Za-z@]+|.|\n|$))
  | (?P<comment>%[^\n]*)
  | (?P<nl>\n)
  | (?P<sp>[ \t\r\f\v]+)
  | (?P<special>[{}$&#^_~])
  | (?P<single>[\[\]*=,])
  | (?P<text>[^\\{}$&#^_~%\s\[\]*=,]+(?:[ \t]+[^\\{}$&#^_~%\s\[\]*=,]+)*)
    """,
    re.VERBOSE | re.DOTALL,
)
_AFTER_WORD = re.compile(r"[ \t\r]*(?:\n(?![ \t\r]*(?:\n|$))[ \t\r]*)?")
_BLANK_RUN = re.compile(r"(?:[ \t\r]*\n)+")
_BEGIN_ENV = re.compile(r"[ \t]*\{([A-Za-z*]+)\}")


def tokenize(text: str, file: str | None = None, first_line: int = 1) -> list[Tok]:
    """The tokens of ``text``; ``first_line`` is the line number of its first character."""
    toks: list[Tok] = []
    add = toks.append
    pos = 0
    line = first_line
    end = len(text)
    pos = _skip_indent(text, 0)
    while pos < end:
        m = _SCAN.match(text, pos)
        if m is None:  # pragma: no cover - the pattern matches every character
            pos += 1
            continue
        kind = m.lastgroup
        val = m.group()
        nxt = m.end()
        if kind == "cs":
            name = val[1:]
            if name in ("", "\n"):  # a backslash ending a line: a control space
                add(Tok(CS, " ", file, line))
                if name == "\n":
                    line += 1
                pos = _skip_indent(text, nxt)
                continue
            if name == "verb" or name == "verb*":
                pos, line = _verb(text, nxt, file, line, toks)
                continue
            add(Tok(CS, name, file, line))
            if name[0].isalpha() or name[0] == "@":
                if name == "begin":
                    env = _BEGIN_ENV.match(text, nxt)
                    if env and env.group(1) in _VERBATIM_ENVS + _SKIPPED_ENVS:
                        toks.pop()
                        pos, line = _verbatim(text, env.end(), env.group(1), file, line, toks)
                        continue
                after = _AFTER_WORD.match(text, nxt)
                assert after is not None
                line += text.count("\n", nxt, after.end())
                nxt = after.end()
                if name in _LITERAL_ARG:
                    nxt, line = _literal_group(text, nxt, file, line, toks)
            pos = nxt
            continue
        if kind == "comment":
            pos = nxt
            if pos < end and text[pos] == "\n" and not _BLANK_RUN.match(text, pos + 1):
                # the comment eats its line end; a blank line after it still ends a paragraph
                line += 1
                pos = _skip_indent(text, pos + 1)
            continue
        if kind == "nl":
            blank = _BLANK_RUN.match(text, nxt)
            if (blank and blank.end() > nxt) or nxt >= end:
                add(Tok(PAR, "", file, line))
                stop = blank.end() if blank else nxt
                line += 1 + text.count("\n", nxt, stop)
                pos = _skip_indent(text, stop)
            else:
                add(Tok(NL, " ", file, line))
                line += 1
                pos = _skip_indent(text, nxt)
            continue
        if kind == "sp":
            add(Tok(SPACE, " ", file, line))
        elif kind == "special":
            add(Tok(val, val, file, line))
        else:
            add(Tok(TEXT, val, file, line))
        pos = nxt
    return toks


def _skip_indent(text: str, pos: int) -> int:
    """Where a line's text starts: TeX drops the spaces a line begins with."""
    while pos < len(text) and text[pos] in " \t\r":
        pos += 1
    return pos


def _verb(text: str, pos: int, file: str | None, line: int, toks: list[Tok]) -> tuple[int, int]:
    """``\\verb|...|``: the text up to the closing delimiter, on the same line."""
    if pos >= len(text) or text[pos] in " \n":
        toks.append(Tok(CS, "verb", file, line))
        return pos, line
    delim = text[pos]
    stop = text.find(delim, pos + 1)
    eol = text.find("\n", pos + 1)
    if stop < 0 or (0 <= eol < stop):
        stop = eol if eol >= 0 else len(text)
        toks.append(Tok(VERB, text[pos + 1 : stop], file, line))
        return stop, line
    toks.append(Tok(VERB, text[pos + 1 : stop], file, line))
    return stop + 1, line


def _verbatim(
    text: str, pos: int, env: str, file: str | None, line: int, toks: list[Tok]
) -> tuple[int, int]:
    """A verbatim-like environment: its literal lines (a ``comment`` one is dropped)."""
    closing = re.compile(r"\\end[ \t]*\{" + re.escape(env) + r"\}")
    m = closing.search(text, pos)
    stop = m.start() if m else len(text)
    after = m.end() if m else len(text)
    body = text[pos:stop]
    body_line = line
    if env in ("lstlisting", "minted", "Verbatim") and body.lstrip(" \t").startswith("["):
        close = body.find("]")
        if close >= 0:
            body = body[close + 1 :]
    if env == "minted" and body.lstrip(" \t").startswith("{"):
        close = body.find("}")
        if close >= 0:
            body = body[close + 1 :]
    if body.startswith("\n"):
        body = body[1:]
        body_line += 1
    elif "\n" in body and not body[: body.find("\n")].strip():
        body_line += 1
        body = body[body.find("\n") + 1 :]
    if env not in _SKIPPED_ENVS:
        toks.append(Tok(VERBATIM, body.rstrip("\n").rstrip(" \t"), file, body_line))
    line += text.count("\n", pos, after)
    return after, line


def _literal_group(
    text: str, pos: int, file: str | None, line: int, toks: list[Tok]
) -> tuple[int, int]:
    """The braced argument of ``\\url``/``\\href``, read literally (``%``, ``#`` kept)."""
    if pos >= len(text) or text[pos] != "{":
        return pos, line
    depth = 0
    i = pos
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                break
        elif ch == "\n":
            break
        i += 1
    if i >= len(text) or text[i] != "}":
        return pos, line  # unbalanced on its line: read it as ordinary tokens
    literal = text[pos + 1 : i].replace("\\%", "%").replace("\\#", "#").replace("\\_", "_")
    toks.append(Tok(VERB, literal.replace("\\&", "&").replace("\\~", "~"), file, line))
    return i + 1, line


def tok_text(toks: list[Tok]) -> str:
    """The characters of ``toks`` as written (control sequences with their backslash)."""
    out: list[str] = []
    for t in toks:
        if t.kind == CS:
            out.append("\\" + t.text)
            if t.text[:1].isalpha():
                out.append(" ")
        elif t.kind == ARG:
            out.append("#" + t.text)
        elif t.kind in (EOF, MODE, VERBATIM):
            continue
        elif t.kind == PAR:
            out.append("\n\n")
        else:
            out.append(t.text)
    return "".join(out)


def detokenize(toks: list[Tok]) -> tuple[str, list[tuple[int, str | None, int]]]:
    """``toks`` as source text again, with (offset, file, line) marks to find where any
    character of it was read (for the TikZ reader, which parses characters)."""
    parts: list[str] = []
    marks: list[tuple[int, str | None, int]] = []
    size = 0
    last: tuple[str | None, int] | None = None
    prev_word = False
    for t in toks:
        if t.kind in (EOF, MODE):
            continue
        if t.kind == CS:
            piece = "\\" + t.text
        elif t.kind == VERB:
            piece = "{" + t.text + "}"
        elif t.kind == VERBATIM:
            piece = t.text
        elif t.kind == PAR:
            piece = "\n\n"
        elif t.kind == NL:
            piece = "\n"
        elif t.kind == ARG:
            piece = "#" + t.text
        else:
            piece = t.text
        if prev_word and piece[:1].isalpha():
            parts.append(" ")
            size += 1
        where = (t.file, t.line)
        if where != last:
            marks.append((size, t.file, t.line))
            last = where
        parts.append(piece)
        size += len(piece)
        prev_word = t.kind == CS and t.text[:1].isalpha()
    return "".join(parts), marks
