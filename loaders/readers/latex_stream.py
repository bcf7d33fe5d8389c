"""A token stream that does what TeX's input side does before anything is typeset.

It reads included files in place (``\\input``, ``\\include``, ``\\subfile``,
``\\import``), records and expands the document's own macros and environments
(``\\newcommand``, ``\\def``, ``\\let``, ``\\newenvironment``, xparse's
``\\NewDocumentCommand``), skips ``\\iffalse`` blocks, and records glossary entries.
What it cannot do (a missing file, a runaway macro) becomes a note; nothing fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..source import Loc
from .latex_files import read_text, resolve
from .latex_lex import (
    ARG,
    BGROUP,
    CS,
    EGROUP,
    EOF,
    MODE,
    NL,
    PAR,
    PARAM,
    SPACE,
    TEXT,
    VERB,
    Tok,
    tok_text,
    tokenize,
)

MAX_EXPANSIONS = 100_000
MAX_CHAIN = 2_000
MAX_INCLUDES = 2_000

_DEFINERS = frozenset(
    {"newcommand", "renewcommand", "providecommand", "DeclareRobustCommand", "newcommandx"}
)
_DEFS = frozenset({"def", "gdef", "edef", "xdef"})
# fmt: off
_XPARSE = frozenset({
    "NewDocumentCommand", "RenewDocumentCommand", "ProvideDocumentCommand",
    "DeclareDocumentCommand", "NewExpandableDocumentCommand",
})
# fmt: on
_ENV_DEFINERS = frozenset({"newenvironment", "renewenvironment", "provideenvironment"})
# fmt: off
_INCLUDES = frozenset({
    "input", "include", "subfile", "import", "subimport", "inputfrom", "subinputfrom",
    "includefrom", "subincludefrom", "InputIfFileExists", "IfFileExists", "input@path",
})
# fmt: on
# fmt: off
_CONDITIONALS = frozenset({
    "if", "ifx", "ifnum", "ifdim", "ifodd", "ifcase", "ifdefined", "ifcsname", "iftrue",
    "iffalse", "ifvmode", "ifhmode", "ifmmode", "ifinner", "ifeof", "ifcat", "ifvoid", "ifhbox",
    "ifvbox", "ifthenelse@",
})
# fmt: on
_GLOSSARY = frozenset({"newacronym", "newglossaryentry", "newabbreviation", "newdualentry"})


@dataclass(slots=True)
class Macro:
    """A user macro: its argument kinds ("o" optional, "m" mandatory) and body."""

    kinds: list[str]
    defaults: list[list[Tok] | None]
    body: list[Tok]


@dataclass(slots=True)
class EnvDef:
    """A user environment: its begin code (with arguments) and end code."""

    macro: Macro
    end: list[Tok]


@dataclass(slots=True)
class Entry:
    """A glossary entry or acronym: its short form (the name) and long form."""

    short: list[Tok]
    long: list[Tok] | None = None
    plural: list[Tok] | None = None


@dataclass
class Context:
    """What every stream of one document shares: files, macros, glossary, notes."""

    root: Path
    main: Path
    macros: dict[str, Macro] = field(default_factory=dict)
    envs: dict[str, EnvDef] = field(default_factory=dict)
    glossary: dict[str, Entry] = field(default_factory=dict)
    notes: list[tuple[Loc, str]] = field(default_factory=list)
    sources: dict[str | None, list[str]] = field(default_factory=dict)
    active: list[str | None] = field(default_factory=list)
    expansions: int = 0
    includes: int = 0
    noted: set[str] = field(default_factory=set)
    #: commands the reader itself interprets; a document's redefinition of them is ignored
    protected: frozenset[str] = frozenset()
    ifs: set[str] = field(default_factory=set)

    def rel(self, path: Path) -> str | None:
        """How a file is named in a :class:`Loc` (None for the main file)."""
        if path.resolve() == self.main.resolve():
            return None
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    def note(self, tok: Tok | None, reason: str, once: str = "") -> None:
        """Record what could not be read, once per ``once`` key if one is given."""
        if once:
            if once in self.noted:
                return
            self.noted.add(once)
        loc = Loc(line=tok.line, file=tok.file) if tok else Loc(line=1)
        self.notes.append((loc, reason))

    def here(self, file: str | None) -> Path:
        """The folder of the file a token was read from."""
        return (self.root / file).parent if file else self.main.parent

    def read(self, path: Path) -> str:
        """The text of a file of the document, kept for quotes (LoadError if undecodable)."""
        rel = self.rel(path)
        text = read_text(path, rel or path.name, empty_ok=rel is not None)
        self.sources[rel] = text.split("\n")
        return text

    def load(self, path: Path) -> list[Tok]:
        """The tokens of a file of the document (raises LoadError if undecodable)."""
        return tokenize(self.read(path), self.rel(path))


def skip_ws(toks: list[Tok], i: int) -> int:
    """The index of the first non-space token at or after ``i``."""
    while i < len(toks) and toks[i].kind in (SPACE, NL):
        i += 1
    return i


class Stream:
    """Tokens to read, with TeX-like expansion of includes and user macros."""

    def __init__(self, ctx: Context, toks: list[Tok] | None = None) -> None:
        self.ctx = ctx
        self.stack: list[Tok] = list(reversed(toks)) if toks else []

    # -- raw reading ---------------------------------------------------------------
    def push(self, toks: list[Tok]) -> None:
        """Put ``toks`` back to be read next, in order."""
        self.stack.extend(reversed(toks))

    def push1(self, tok: Tok) -> None:
        self.stack.append(tok)

    def next_raw(self) -> Tok | None:
        """The next token, unexpanded (an included file's end is accounted for)."""
        stack = self.stack
        while stack:
            t = stack.pop()
            if t.kind == EOF:
                if self.ctx.active:
                    self.ctx.active.pop()
                continue
            return t
        return None

    def peek_raw(self) -> Tok | None:
        while self.stack and self.stack[-1].kind == EOF:
            self.next_raw()
        return self.stack[-1] if self.stack else None

    def skip_spaces(self) -> None:
        while True:
            t = self.peek_raw()
            if t is None or t.kind not in (SPACE, NL):
                return
            self.stack.pop()

    def read_group(self) -> list[Tok]:
        """After an opening brace: the tokens up to its matching closing brace."""
        out: list[Tok] = []
        depth = 1
        while True:
            t = self.next_raw()
            if t is None:
                return out
            if t.kind == BGROUP:
                depth += 1
            elif t.kind == EGROUP:
                depth -= 1
                if depth == 0:
                    return out
            out.append(t)

    def read_arg(self) -> list[Tok] | None:
        """A mandatory argument: a braced group's contents or one token (None at the end)."""
        self.skip_spaces()
        t = self.next_raw()
        if t is None:
            return None
        if t.kind == BGROUP:
            return self.read_group()
        if t.kind == TEXT and len(t.text) > 1:
            self.push1(Tok(TEXT, t.text[1:], t.file, t.line))
            return [Tok(TEXT, t.text[0], t.file, t.line)]
        if t.kind == PAR:
            self.push1(t)
            return []
        return [t]

    def _spaces(self) -> list[Tok]:
        """Skip spaces, returning them (to put back if what follows is not wanted)."""
        out: list[Tok] = []
        while True:
            t = self.peek_raw()
            if t is None or t.kind not in (SPACE, NL):
                return out
            out.append(self.stack.pop())

    def read_optional(self) -> list[Tok] | None:
        """An optional ``[...]`` argument's contents, or None if there is none."""
        spaces = self._spaces()
        t = self.peek_raw()
        if t is None or t.kind != TEXT or t.text != "[":
            self.push(spaces)
            return None
        self.stack.pop()
        out: list[Tok] = []
        depth = 0
        while True:
            t = self.next_raw()
            if t is None:
                return out
            if t.kind == BGROUP:
                depth += 1
            elif t.kind == EGROUP:
                depth -= 1
            elif t.kind == TEXT and t.text == "]" and depth == 0:
                return out
            out.append(t)

    def read_star(self) -> bool:
        t = self.peek_raw()
        if t is not None and t.kind == TEXT and t.text == "*":
            self.stack.pop()
            return True
        return False

    def read_text_arg(self) -> str:
        """A mandatory argument as plain characters (a file name, an environment name)."""
        arg = self.read_arg()
        return tok_text(arg or []).strip()

    def read_spec(self, spec: str) -> list[list[Tok] | None]:
        """Arguments by a spec: ``s`` star, ``o`` optional, ``m`` mandatory, in order."""
        out: list[list[Tok] | None] = []
        for kind in spec:
            if kind == "s":
                self.read_star()
            elif kind == "o":
                out.append(self.read_optional())
            elif kind == "p":  # a TikZ-like ( ... ) argument
                out.append(self._read_parens())
            else:
                out.append(self.read_arg())
        return out

    def _read_parens(self) -> list[Tok] | None:
        spaces = self._spaces()
        t = self.peek_raw()
        if t is None or t.kind != TEXT or not t.text.startswith("("):
            self.push(spaces)
            return None
        out: list[Tok] = []
        while (t := self.next_raw()) is not None:
            out.append(t)
            if t.kind == TEXT and ")" in t.text:
                break
        return out

    # -- expanding reading ---------------------------------------------------------
    def next(self) -> Tok | None:
        """The next token with includes read, user macros expanded, definitions recorded."""
        ctx = self.ctx
        chain = 0  # expansions since a token was last returned
        while True:
            t = self.next_raw()
            if t is None or t.kind != CS:
                return t
            name = t.text
            m = ctx.macros.get(name)
            if m is not None:
                if ctx.expansions >= MAX_EXPANSIONS or chain >= MAX_CHAIN:
                    ctx.note(t, f"\\{name}: macro expansion stopped (it never ends)", once="!exp")
                    return t
                ctx.expansions += 1
                chain += 1
                self.push(self._expand(m, t))
                continue
            if (name in _DEFINERS or name in _DEFS or name == "let") and self._protected_target():
                self._skip_definition(name)
                continue
            if name in _DEFINERS:
                self._newcommand(t)
            elif name in _DEFS:
                self._def(t)
            elif name == "let":
                self._let(t)
            elif name in _XPARSE:
                self._xparse(t)
            elif name in _ENV_DEFINERS:
                self._newenvironment(t)
            elif name in _INCLUDES:
                self._include(t)
            elif name in _GLOSSARY:
                self._glossary(t)
            elif name == "begin" and ctx.envs:
                if not self._user_env(t, begin=True):
                    return t
            elif name == "end" and ctx.envs:
                if not self._user_env(t, begin=False):
                    return t
            elif name == "iffalse":
                self._skip_branch()
            elif name == "else":  # reached while reading a true branch: skip the other one
                self._skip_branch(to_else=False)
            elif name in ("fi", "iftrue", "makeatletter", "makeatother", "relax"):
                continue
            elif name == "newif":
                flag = self.next_raw()
                if flag is not None and flag.kind == CS and flag.text.startswith("if"):
                    ctx.ifs.add(flag.text)
                    for suffix in ("true", "false"):
                        ctx.macros[flag.text[2:] + suffix] = Macro([], [], [])
            elif name in ctx.ifs:  # a document's own switch: its first branch is read
                continue
            else:
                return t

    def _skip_branch(self, *, to_else: bool = True) -> None:
        """Skip to this conditional's ``\\else`` (read on from there) or its ``\\fi``."""
        depth = 0
        while (t := self.next_raw()) is not None:
            if t.kind != CS:
                continue
            if t.text in _CONDITIONALS or t.text in self.ctx.ifs:
                depth += 1
            elif t.text == "fi":
                if depth == 0:
                    return
                depth -= 1
            elif t.text == "else" and depth == 0 and to_else:
                return

    # -- macros --------------------------------------------------------------------
    def _expand(self, m: Macro, at: Tok) -> list[Tok]:
        args: list[list[Tok]] = []
        for kind, default in zip(m.kinds, m.defaults, strict=True):
            if kind == "o":
                opt = self.read_optional()
                args.append(opt if opt is not None else list(default or []))
            elif kind == "s":
                args.append([Tok(TEXT, "*", at.file, at.line)] if self.read_star() else [])
            else:
                args.append(self.read_arg() or [])
        out: list[Tok] = []
        for b in m.body:
            if b.kind == ARG:
                k = int(b.text) - 1
                if 0 <= k < len(args):
                    out.extend(args[k])
            else:
                out.append(Tok(b.kind, b.text, at.file, at.line))
        return out

    def _read_cs_name(self) -> str | None:
        """The macro name a definition defines: ``\\x`` or ``{\\x}``."""
        self.skip_spaces()
        t = self.next_raw()
        if t is None:
            return None
        if t.kind == CS:
            return t.text
        if t.kind == BGROUP:
            inner = self.read_group()
            names = [x for x in inner if x.kind == CS]
            return names[0].text if names else None
        return None

    def _protected_target(self) -> bool:
        """Whether the definition about to be read redefines a protected command."""
        i = len(self.stack) - 1
        while (
            i >= 0
            and self.stack[i].kind in (SPACE, NL, TEXT)
            and (self.stack[i].kind != TEXT or self.stack[i].text == "*")
        ):
            i -= 1
        if i >= 0 and self.stack[i].kind == BGROUP:
            i -= 1
        return i >= 0 and self.stack[i].kind == CS and self.stack[i].text in self.ctx.protected

    def _skip_definition(self, name: str) -> None:
        if name == "let":
            self.next_raw()
            self.skip_spaces()
            if (t := self.next_raw()) is not None and t.kind == TEXT and t.text == "=":
                self.skip_spaces()
                self.next_raw()
            return
        if name in _DEFS:
            self.next_raw()
            while (p := self.peek_raw()) is not None and p.kind != BGROUP:
                self.stack.pop()
            self.next_raw()
            self.read_group()
            return
        self.read_star()
        self._read_cs_name()
        self.read_optional()
        self.read_optional()
        self.read_arg()

    def _newcommand(self, t: Tok) -> None:
        self.read_star()
        name = self._read_cs_name()
        nargs_toks = self.read_optional()
        default = self.read_optional()
        body = self.read_arg() or []
        if name is None:
            return
        if t.text == "providecommand" and name in self.ctx.macros:
            return
        self.ctx.macros[name] = _macro(_count(nargs_toks), default, body)

    def _def(self, t: Tok) -> None:
        name_tok = self.next_raw()
        if name_tok is None or name_tok.kind != CS:
            return
        nargs = 0
        while (p := self.peek_raw()) is not None and p.kind != BGROUP:
            self.stack.pop()
            if p.kind == PARAM:
                nargs += 1
        self.next_raw()
        body = self.read_group()
        self.ctx.macros[name_tok.text] = _macro(nargs, None, body)

    def _let(self, t: Tok) -> None:
        name_tok = self.next_raw()
        self.skip_spaces()
        target = self.next_raw()
        if target is not None and target.kind == TEXT and target.text == "=":
            self.skip_spaces()
            target = self.next_raw()
        if name_tok is None or name_tok.kind != CS or target is None:
            return
        known = self.ctx.macros.get(target.text) if target.kind == CS else None
        if known is not None:
            self.ctx.macros[name_tok.text] = known
        elif target.kind == CS and target.text == name_tok.text:
            return
        else:
            self.ctx.macros[name_tok.text] = Macro([], [], [target])

    def _xparse(self, t: Tok) -> None:
        name = self._read_cs_name()
        spec = tok_text(self.read_arg() or [])
        body = self.read_arg() or []
        if name is None:
            return
        kinds: list[str] = []
        defaults: list[list[Tok] | None] = []
        i = 0
        while i < len(spec):
            ch = spec[i]
            if ch in "mo":
                kinds.append(ch)
                defaults.append(None)
            elif ch == "s":
                kinds.append("s")
                defaults.append(None)
            elif ch == "O" and i + 1 < len(spec) and spec[i + 1] == "{":
                close = _closing(spec, i + 1)
                kinds.append("o")
                defaults.append(tokenize(spec[i + 2 : close]))
                i = close
            i += 1
        self.ctx.macros[name] = Macro(kinds, defaults, _compile(body))

    def _newenvironment(self, t: Tok) -> None:
        self.read_star()
        name = self.read_text_arg()
        nargs_toks = self.read_optional()
        default = self.read_optional()
        begin = self.read_arg() or []
        end = self.read_arg() or []
        if name:
            self.ctx.envs[name] = EnvDef(_macro(_count(nargs_toks), default, begin), end)

    def _user_env(self, t: Tok, *, begin: bool) -> bool:
        spaces = self._spaces()
        nxt = self.peek_raw()
        if nxt is None or nxt.kind != BGROUP:
            self.push(spaces)
            return False
        self.stack.pop()
        inner = self.read_group()
        name = tok_text(inner).strip()
        env = self.ctx.envs.get(name)
        if env is None or self.ctx.expansions >= MAX_EXPANSIONS:
            self.push([*spaces, nxt, *inner, Tok(EGROUP, "}", nxt.file, nxt.line)])
            return False
        self.ctx.expansions += 1
        if begin:
            self.push(self._expand(env.macro, t))
        else:
            self.push([Tok(b.kind, b.text, t.file, t.line) for b in env.end])
        return True

    def _glossary(self, t: Tok) -> None:
        if t.text == "newacronym" or t.text == "newabbreviation":
            self.read_optional()
            key = tok_text(self.read_arg() or []).strip()
            short = self.read_arg() or []
            long = self.read_arg() or []
            self.ctx.glossary[key] = Entry(short, long)
        elif t.text == "newdualentry":
            self.read_optional()
            key = tok_text(self.read_arg() or []).strip()
            short = self.read_arg() or []
            long = self.read_arg() or []
            self.read_arg()
            self.ctx.glossary[key] = Entry(short, long)
        else:
            key = tok_text(self.read_arg() or []).strip()
            fields = _keyvals(self.read_arg() or [])
            name = fields.get("name") or tokenize(key)
            self.ctx.glossary[key] = Entry(name, None, fields.get("plural"))

    # -- files ---------------------------------------------------------------------
    def _include(self, t: Tok) -> None:
        kind = t.text
        base = ""
        if kind in (
            "import",
            "subimport",
            "inputfrom",
            "subinputfrom",
            "includefrom",
            "subincludefrom",
        ):
            self.read_star()
            base = self.read_text_arg()
            name = self.read_text_arg()
        elif kind == "input":
            self.skip_spaces()
            nxt = self.peek_raw()
            if nxt is not None and nxt.kind == BGROUP:
                name = self.read_text_arg()
            else:  # TeX's own form: \input name
                parts: list[str] = []
                while (p := self.peek_raw()) is not None and p.kind == TEXT:
                    self.stack.pop()
                    word, space, rest = p.text.partition(" ")
                    parts.append(word)
                    if space:  # the name ends at a space; the rest is text again
                        self.push1(Tok(TEXT, " " + rest, p.file, p.line))
                        break
                name = "".join(parts)
        else:
            self.read_star()
            self.read_optional()
            name = self.read_text_arg()
        if kind in ("IfFileExists", "InputIfFileExists"):
            yes = self.read_arg() or []
            no = self.read_arg() or []
            path, _ = resolve(name, self.ctx.root, self.ctx.here(t.file))
            if path is None:
                self.push(no)
                return
            if kind == "IfFileExists":
                self.push(yes)
                return
            self._read_file(t, name, path, prefix=yes)
            return
        if kind == "subimport" or kind.startswith("sub"):
            base_dir = self.ctx.here(t.file)
            path, why = resolve(name, self.ctx.root, base_dir / base if base else base_dir)
        else:
            path, why = resolve(name, self.ctx.root, self.ctx.here(t.file), base)
        if path is None:
            shown = f"{base.rstrip('/')}/{name}" if base else name
            self.ctx.note(t, f"\\{kind}{{{shown}}}: {why}")
            return
        self._read_file(t, name, path)

    def _read_file(self, t: Tok, name: str, path: Path, prefix: list[Tok] | None = None) -> None:
        ctx = self.ctx
        rel = ctx.rel(path)
        if rel in ctx.active or rel is None:
            ctx.note(t, f"\\{t.text}{{{name}}}: the file includes itself; not read again")
            return
        ctx.includes += 1
        if ctx.includes > MAX_INCLUDES:
            ctx.note(t, f"\\{t.text}{{{name}}}: too many included files; not read", once="!inc")
            return
        toks = ctx.load(path)
        ctx.active.append(rel)
        self.push([*(prefix or []), *standalone_body(toks), Tok(EOF, rel or "", rel, 0)])


def standalone_body(toks: list[Tok]) -> list[Tok]:
    """An included whole document (standalone, subfiles) as its preamble and body only."""
    if not any(t.kind == CS and t.text == "documentclass" for t in toks):
        return toks
    begin = _find_env(toks, "begin", "document")
    if begin < 0:
        return toks
    end = _find_env(toks, "end", "document", begin)
    at = toks[begin]
    pre = Tok(MODE, "preamble", at.file, at.line)
    body = Tok(MODE, "body", at.file, at.line)
    stop = end if end >= 0 else len(toks)
    return [pre, *toks[:begin], body, *toks[begin + 4 : stop]]


def _find_env(toks: list[Tok], cs: str, env: str, start: int = 0) -> int:
    for i in range(start, len(toks) - 3):
        t = toks[i]
        if (
            t.kind == CS
            and t.text == cs
            and toks[i + 1].kind == BGROUP
            and toks[i + 2].text == env
            and toks[i + 3].kind == EGROUP
        ):
            return i
    return -1


def _count(toks: list[Tok] | None) -> int:
    if not toks:
        return 0
    digits = "".join(t.text for t in toks if t.kind == TEXT).strip()
    return int(digits) if digits.isdigit() else 0


def _macro(nargs: int, default: list[Tok] | None, body: list[Tok]) -> Macro:
    kinds = ["m"] * nargs
    defaults: list[list[Tok] | None] = [None] * nargs
    if default is not None and nargs:
        kinds[0] = "o"
        defaults[0] = default
    return Macro(kinds, defaults, _compile(body))


def _compile(body: list[Tok]) -> list[Tok]:
    """A definition's body with ``#n`` as ARG tokens (``##`` as a literal ``#``)."""
    out: list[Tok] = []
    i = 0
    while i < len(body):
        t = body[i]
        if t.kind == PARAM and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt.kind == TEXT and nxt.text[0].isdigit():
                out.append(Tok(ARG, nxt.text[0], t.file, t.line))
                if len(nxt.text) > 1:
                    out.append(Tok(TEXT, nxt.text[1:], nxt.file, nxt.line))
                i += 2
                continue
            if nxt.kind == PARAM:
                out.append(t)
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def _closing(text: str, i: int) -> int:
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(text) - 1


def _keyvals(toks: list[Tok]) -> dict[str, list[Tok]]:
    """``key={value}, key=value`` token lists (a glossary entry's fields)."""
    out: dict[str, list[Tok]] = {}
    parts: list[list[Tok]] = [[]]
    depth = 0
    for t in toks:
        if t.kind == BGROUP:
            depth += 1
        elif t.kind == EGROUP:
            depth -= 1
        if t.kind == TEXT and t.text == "," and depth == 0:
            parts.append([])
            continue
        parts[-1].append(t)
    for part in parts:
        eq = next((i for i, t in enumerate(part) if t.kind == TEXT and t.text == "="), -1)
        if eq < 0:
            continue
        key = tok_text(part[:eq]).strip()
        val = part[eq + 1 :]
        i = skip_ws(val, 0)
        val = val[i:]
        while val and val[-1].kind in (SPACE, NL):
            val = val[:-1]
        if len(val) >= 2 and val[0].kind == BGROUP and val[-1].kind == EGROUP:
            val = val[1:-1]
        out[key] = val
    return out


def is_space(t: Tok) -> bool:
    return t.kind in (SPACE, NL)


__all__ = [
    "CS",
    "PAR",
    "VERB",
    "Context",
    "Entry",
    "Macro",
    "Stream",
    "is_space",
    "standalone_body",
]
