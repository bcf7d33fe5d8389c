"""What LaTeX's text commands print: symbols, accents, ligatures, and which commands
take which arguments; and how rendered pieces of text become lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: control symbols and words that print one character or a short text
# fmt: off
SYMBOLS: dict[str, str] = {
    "&": "&", "%": "%", "_": "_", "$": "$", "#": "#", "{": "{", "}": "}", " ": " ", ",": " ",
    ";": " ", ":": " ", "!": "", "/": "", "-": "", "@": "", "\\": "", "textbackslash": "\\",
    "ldots": "…", "dots": "…", "textellipsis": "…", "textemdash": "—", "textendash": "–",
    "textbullet": "•", "copyright": "©", "textcopyright": "©", "texttrademark": "™",
    "textregistered": "®", "S": "§", "P": "¶", "dag": "†", "ddag": "‡", "pounds": "£",
    "euro": "€", "texteuro": "€", "textdegree": "°", "degree": "°", "textasciitilde": "~",
    "textasciicircum": "^", "textless": "<", "textgreater": ">", "textbar": "|",
    "textquotedbl": '"', "textquotesingle": "'", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "guillemotleft": "«",
    "guillemotright": "»", "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e", "quad": " ",
    "qquad": " ", "enspace": " ", "thinspace": " ", "space": " ", "nobreakspace": " ",
    "textvisiblespace": "␣", "i": "ı", "j": "ȷ", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ",
    "OE": "Œ", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "checkmark": "✓",
    "textperiodcentered": "·", "textmu": "µ", "textpm": "±", "texttimes": "×", "textdiv": "÷",
    "textonehalf": "½", "textsuperscript": "", "ensuremath": "", "xspace": "", "@empty": "",
    "textunderscore": "_", "empty": "", "nobreak": "", "allowbreak": "", "hyphen": "-",
    "slash": "/", "textsection": "§",
}
# fmt: on

#: math-mode symbols (everything else in math keeps its letters, drops its commands)
# fmt: off
MATH_SYMBOLS: dict[str, str] = {
    "sim": "~", "times": "×", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
    "neq": "≠", "ne": "≠", "approx": "≈", "simeq": "≃", "equiv": "≡", "propto": "∝", "infty": "∞",
    "cdot": "·", "circ": "°", "prime": "′", "rightarrow": "→", "to": "→", "leftarrow": "←",
    "Rightarrow": "⇒", "leftrightarrow": "↔", "uparrow": "↑", "downarrow": "↓", "deg": "°",
    "lt": "<", "gt": ">", "ll": "≪", "gg": "≫", "in": "∈", "sum": "∑", "prod": "∏", "int": "∫",
    "sqrt": "√", "partial": "∂", "nabla": "∇", "odot": "⊙", "oplus": "⊕", "star": "⋆", "ast": "*",
    "bullet": "•", "ldots": "…", "cdots": "⋯", "dots": "…", "%": "%", "&": "&", "#": "#",
    "$": "$", "_": "_", "{": "{", "}": "}", ",": " ", ";": " ", ":": " ", "!": "", " ": " ",
    "quad": " ", "qquad": " ", "backslash": "\\", "mid": "|", "vert": "|", "langle": "⟨",
    "rangle": "⟩", "lbrace": "{", "rbrace": "}", "colon": ":", "AA": "Å", "micro": "µ",
}
# fmt: on
_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
    "nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma "
    "Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
)
for _name in _GREEK.split():
    _base = _name.removeprefix("var")
    _case = "CAPITAL" if _base[0].isupper() else "SMALL"
    _letter = {"lambda": "LAMDA", "Lambda": "LAMDA"}.get(_base, _base.upper())
    MATH_SYMBOLS[_name] = unicodedata.lookup(f"GREEK {_case} LETTER {_letter}")

#: accent commands: the combining character each puts on its argument
# fmt: off
ACCENTS: dict[str, str] = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "d": "\u0323",
    "b": "\u0331", "r": "\u030a", "k": "\u0328", "t": "\u0361",
}
# fmt: on


#: the text macros of the lsstdoc class (lsst-texmf) that documents use in running text
LSSTDOC_MACROS = r"""
\def\VRO{Vera C. Rubin Observatory~}\def\RO{Rubin Observatory~}
\newcommand{\eg}{\textit{e.g.}\xspace}\newcommand{\ie}{\textit{i.e.}\xspace}
\newcommand{\etc}{\textit{etc.}\xspace}\newcommand{\TBD}{\textit{T.B.D.}\xspace}
\newcommand{\Nb}{\textit{N.b.}\xspace}\newcommand{\nb}{\textit{n.b.}\xspace}
\newcommand{\code}[1]{\texttt{#1}}\newcommand{\SRD}{\citeds[SRD]{LPM-17}}
\newcommand{\DPDD}{\citeds[DPDD]{LSE-163}}\newcommand{\LSR}{\citeds[LSR]{LSE-29}}
\newcommand{\OSS}{\citeds[OSS]{LSE-30}}\newcommand{\DMSR}{\citeds[DMSR]{LSE-61}}
\newcommand{\DMSD}{\citeds[DMSD]{LDM-148}}\newcommand{\DMOps}{\citeds[DM OpsCon]{LDM-230}}
"""


def accent(mark: str, base: str) -> str:
    """``base`` with the accent of ``\\mark`` (``\\'e`` -> é)."""
    if not base:
        return unicodedata.normalize("NFC", " " + ACCENTS[mark]).strip()
    return unicodedata.normalize("NFC", base[0] + ACCENTS[mark] + base[1:])


#: commands read silently: their argument spec ("s" star, "o" optional, "m" mandatory)
# fmt: off
SKIP: dict[str, str] = {
    "documentclass": "om", "usepackage": "om", "RequirePackage": "om", "usetikzlibrary": "m",
    "usepgfplotslibrary": "m", "pgfplotsset": "m", "geometry": "m", "hypersetup": "m",
    "graphicspath": "m", "setlength": "mm", "addtolength": "mm", "settowidth": "mm",
    "settoheight": "mm", "newlength": "m", "addtocounter": "mm", "stepcounter": "m",
    "newcounter": "mo", "vspace": "sm", "hspace": "sm", "pagestyle": "m", "thispagestyle": "m",
    "pagenumbering": "m", "bibliographystyle": "m", "bibliography": "m", "addbibresource": "om",
    "nocite": "m", "definecolor": "omm", "colorlet": "omm", "color": "om", "pagecolor": "om",
    "arrayrulecolor": "om", "rowcolor": "om", "cellcolor": "om", "columncolor": "om",
    "rowcolors": "smmm", "fontsize": "mm", "linespread": "m", "setstretch": "m",
    "captionsetup": "om", "DeclareGraphicsExtensions": "m", "pgfmathsetmacro": "mm",
    "pgfmathsetlengthmacro": "mm", "pgfdeclarelayer": "m", "pgfsetlayers": "m",
    "newgeometry": "m", "enlargethispage": "sm", "addcontentsline": "mmm", "addtocontents": "mm",
    "pagebreak": "o", "nopagebreak": "o", "onecolumn": "", "twocolumn": "o", "setDocCompact": "m",
    "setDocStatus": "m", "setDocRevision": "m", "setDocIssue": "m", "setDocAffil": "m",
    "setDocApprove": "m", "setDocAuthorize": "m", "setDocCitationInformation": "m",
    "setDocUpstreamVersion": "m", "setDocLocalLogo": "m", "setLSSTDU": "m", "setDocProgram": "m",
    "setDocDOI": "m", "DeclareMathOperator": "smm", "newtheorem": "mom", "theoremstyle": "m",
    "glsaddall": "o", "setacronymstyle": "m", "setabbreviationstyle": "om",
    "printbibliography": "o", "printglossary": "o", "printglossaries": "", "printacronyms": "o",
    "makeglossaries": "", "makenoidxglossaries": "", "printnoidxglossaries": "",
    "glsresetall": "", "glsunsetall": "", "loadglsentries": "m", "listfiles": "",
    "includeonly": "m", "excludecomment": "m", "includecomment": "m", "tikzexternalize": "o",
    "tikzsetnextfilename": "m", "pgfplotstableread": "om", "newcolumntype": "mom",
    "raggedbottom": "", "flushbottom": "", "frenchspacing": "", "nonfrenchspacing": "",
    "sloppy": "", "fussy": "", "centering": "", "raggedright": "", "raggedleft": "",
    "noindent": "", "indent": "", "clearpage": "", "newpage": "", "cleardoublepage": "",
    "clearemptydoublepage": "", "smallskip": "", "medskip": "", "bigskip": "", "hfill": "",
    "vfill": "", "hfil": "", "vfil": "", "hrule": "", "hrulefill": "", "dotfill": "",
    "tableofcontents": "", "listoffigures": "", "listoftables": "", "maketitle": "",
    "mkshorttitle": "", "small": "", "footnotesize": "", "scriptsize": "", "tiny": "",
    "large": "", "Large": "", "LARGE": "", "huge": "", "Huge": "", "normalsize": "",
    "itshape": "", "upshape": "", "slshape": "", "scshape": "", "rmfamily": "", "sffamily": "",
    "ttfamily": "", "em": "", "it": "", "sl": "", "sc": "", "tt": "", "rm": "", "sf": "",
    "selectfont": "", "protect": "", "strut": "", "null": "", "leavevmode": "",
    "phantomsection": "", "hline": "", "toprule": "o", "midrule": "o", "bottomrule": "o",
    "cline": "m", "cmidrule": "om", "addlinespace": "o", "hhline": "m", "specialrule": "mmm",
    "morecmidrules": "", "noalign": "m", "endhead": "", "endfirsthead": "", "endfoot": "",
    "endlastfoot": "", "tabularnewline": "", "cr": "", "label": "m", "index": "m",
    "glossary": "m", "hyphenation": "m", "FloatBarrier": "", "restoregeometry": "", "newline": "",
    "linebreak": "o", "vskip": "", "hskip": "", "kern": "", "penalty": "", "break": "", "par": "",
    "unskip": "", "ignorespaces": "", "fboxsep": "", "fboxrule": "", "arraystretch": "",
    "tabcolsep": "", "textwidth": "", "linewidth": "", "columnwidth": "", "textheight": "",
    "paperwidth": "", "baselineskip": "", "parindent": "", "parskip": "", "dimexpr": "",
    "numexpr": "", "the": "", "value": "m", "thepage": "", "arabic": "m", "roman": "m",
    "Roman": "m", "alph": "m", "Alph": "m", "titleformat": "smommmo", "titlespacing": "smmmmo",
    "setlist": "om", "newlist": "mmm", "counterwithin": "smm", "numberwithin": "omm",
    "sisetup": "m", "lstset": "m", "usemintedstyle": "m", "setminted": "om", "floatname": "mm",
    "restylefloat": "m", "floatstyle": "m", "newfloat": "mmmo", "setcopyright": "m",
    "acmConference": "ommm", "keywords": "m", "vcsRevision": "", "vcsDate": "", "setDocMode": "m",
    "pdfbookmark": "omm", "bookmark": "om", "nolinebreak": "o", "xdefinecolor": "mmm",
    "fontfamily": "m", "fontseries": "m", "fontshape": "m", "usefont": "mmmm",
    "DeclareFontFamily": "mmm", "setmainfont": "om", "setsansfont": "om", "setmonofont": "om",
    "newfontfamily": "mom", "tablewidth": "m", "tabletypesize": "m", "tablenum": "m",
    "tablenotemark": "m",
    "decimalcolnumbers": "", "startlongtable": "",
}
# fmt: on

#: commands whose last argument is text, read in place after the others are dropped
# fmt: off
WRAP: dict[str, str] = {
    "href": "m", "textcolor": "om", "colorbox": "om", "fcolorbox": "omm", "raisebox": "moo",
    "resizebox": "smm", "scalebox": "mo", "rotatebox": "om", "reflectbox": "", "parbox": "ooom",
    "makebox": "oo", "framebox": "oo", "adjustbox": "m", "hyperref": "o", "hyperlink": "m",
    "hypertarget": "m", "foreignlanguage": "om", "texorpdfstring": "", "mbox": "", "hbox": "",
    "fbox": "", "text": "", "textnormal": "", "textrm": "", "textsf": "", "texttt": "",
    "textit": "", "textsl": "", "textsc": "", "textup": "", "textmd": "", "emph": "",
    "underline": "", "uline": "", "uuline": "", "sout": "", "hl": "", "ul": "", "mathrm": "",
    "mathit": "", "mathsf": "", "mathtt": "", "mbox*": "", "code": "", "inp": "", "prog": "",
    "class": "", "pack": "", "file": "", "directory": "", "method": "", "property": "",
    "textsuperscript": "", "textsubscript": "", "centerline": "", "makecell": "o", "thead": "o",
    "shortstack": "o", "Centerstack": "o", "stackon": "om", "smash": "o", "phantom": "",
    "vphantom": "", "hphantom": "", "ensuremath": "", "tcbox": "o", "ovalbox": "", "Ovalbox": "",
    "doublebox": "", "shadowbox": "", "enquote": "", "textquote": "", "mintinline": "m",
    "lstinline": "o", "colorbox*": "m", "fcolorbox*": "mm", "acronym": "", "sidenote": "",
    "marginnote": "", "colhead": "",
}
# fmt: on
#: wrappers whose text is not printed (an invisible phantom box)
WRAP_HIDDEN = frozenset({"phantom", "vphantom", "hphantom"})
#: wrappers that print their text in bold
WRAP_BOLD = frozenset({"textbf", "mathbf", "bm", "boldsymbol", "bfseries"})

#: the words \autoref and friends put before a number
# fmt: off
REF_NAMES: dict[str, str] = {
    "chapter": "Chapter", "section": "Section", "appendix": "Appendix", "table": "Table",
    "figure": "Figure", "item": "item", "equation": "Equation", "footnote": "footnote",
    "page": "page",
}
# fmt: on

_DASHES = re.compile(r"---|--|``|''|`|\?`|!`")
_DASH_MAP = {"---": "—", "--": "–", "``": "“", "''": "”", "`": "‘", "?`": "¿", "!`": "¡"}


def ligatures(text: str) -> str:
    """TeX's text ligatures: ``--`` en dash, ``---`` em dash, quote pairs."""
    if "-" not in text and "`" not in text and "''" not in text:
        return text
    return _DASHES.sub(lambda m: _DASH_MAP[m.group()], text)


@dataclass(slots=True)
class Frag:
    """A piece of rendered text, where it was read, and whether it is bold.

    ``kind``: "" text, " " a space, "nl" a source line end, "br" a forced line break.
    """

    text: str
    file: str | None
    line: int
    bold: bool = False
    kind: str = ""


_WS = re.compile(r"[ \t\u00a0\n\r]+")
_SENTENCE_END = re.compile(r"[.!?:;][)\]\"'’”]*$")


def join(frags: list[Frag], br: str = " ") -> str:
    """The text of ``frags`` on one line (a forced break as ``br``), spaces collapsed."""
    parts = [(br if f.kind == "br" else f.text) for f in frags]
    return _WS.sub(" ", "".join(parts)).strip()


def is_bold(frags: list[Frag]) -> bool:
    """Whether all visible text of ``frags`` is bold (and there is some)."""
    seen = False
    for f in frags:
        if f.kind or not f.text.strip():
            continue
        if not f.bold:
            return False
        seen = True
    return seen


def split_lines(frags: list[Frag]) -> list[list[Frag]]:
    """A paragraph's pieces as output lines: a source line end that ends a sentence ends
    a line (so that one-sentence-per-line sources keep their lines), a forced break too;
    a sentence wrapped over several source lines stays on one line."""
    out: list[list[Frag]] = []
    cur: list[Frag] = []
    text: list[str] = []
    for f in frags:
        if f.kind == "br":
            out.append(cur)
            cur, text = [], []
            continue
        if f.kind == "nl":
            so_far = "".join(text).rstrip()
            if so_far and _SENTENCE_END.search(so_far):
                out.append(cur)
                cur, text = [], []
                continue
        cur.append(f)
        text.append(f.text)
    out.append(cur)
    return [c for c in out if join(c)]
