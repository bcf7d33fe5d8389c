"""Person-name parsing and normalisation (form rules only, no names).

A surface form parses into a :class:`PersonName` of one of these kinds:

* ``full``      given and family name ('Doe, Jane', 'Jane Doe')
* ``given_initial``  given name plus family initial ('Ann B', 'JoeC')
* ``single``    one name that may be given or family ('Quincy', 'Smithers')
* ``initialism`` upper-case initials ('JQSJ')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: common English given-name diminutives (form knowledge, not document content)
DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "andy": ("andrew", "andreas"),
    "bill": ("william",),
    "will": ("william",),
    "wil": ("william",),
    "jim": ("james",),
    "jimmy": ("james",),
    "nate": ("nathan", "nathaniel"),
    "chris": ("christopher", "christine", "christina"),
    "bob": ("robert",),
    "rob": ("robert",),
    "mike": ("michael",),
    "matt": ("matthew",),
    "phil": ("philip", "phillip"),
    "dan": ("daniel",),
    "ken": ("kenneth",),
    "josh": ("joshua",),
    "russ": ("russell",),
    "tim": ("timothy",),
    "tom": ("thomas",),
    "nic": ("nicholas", "nicolas"),
    "nick": ("nicholas", "nicolas"),
    "doug": ("douglas",),
    "greg": ("gregory",),
    "steve": ("steven", "stephen"),
    "dave": ("david",),
    "ed": ("edward",),
    "ben": ("benjamin",),
    "sam": ("samuel", "samantha"),
    "alex": ("alexander", "alexandra"),
    "liz": ("elizabeth",),
    "kate": ("katherine", "catherine"),
    "tony": ("anthony",),
    "joe": ("joseph",),
    "dick": ("richard",),
    "rich": ("richard",),
}

NOT_NAMES = frozenset(
    {
        "tbd",
        "tbc",
        "n/a",
        "na",
        "none",
        "vacant",
        "new",
        "hire",
        "y",
        "n",
        "yes",
        "no",
        "the",
        "and",
        "or",
        "of",
        "for",
        "at",
        "least",
        "ongoing",
        "person",
        "fte",
        "ops",
        "staff",
        "team",
        "lead",
        "manager",
        "other",
        "others",
        "various",
        "open",
    }
)

_INITIAL = re.compile(r"[A-Z]\.?")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’\-\.]*")
_SURNAME_PARTICLES = frozenset({"van", "von", "de", "del", "der", "da", "di", "la", "le", "du"})


@dataclass(frozen=True, slots=True)
class PersonName:
    """A parsed person name; ``given``/``family`` may be empty depending on ``kind``."""

    kind: str
    given: str = ""
    family: str = ""
    initial: str = ""  # family initial for given_initial
    raw: str = ""
    uncertain: bool = False
    middle: str = ""  # middle initials ('K' of 'Taylor, Robert K.')

    @property
    def display(self) -> str:
        """'First Last' form (or the single/compact form)."""
        if self.kind == "full":
            return f"{self.given} {self.family}"
        if self.kind == "given_initial":
            return f"{self.given} {self.initial}"
        return self.given or self.family or self.raw


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case, accent-free, letters and digits only: 'Smith-Jones' -> 'smithjones'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", folded)


def given_key(given: str) -> str:
    """Key for a given name; initials like 'K-T', 'K.T.' and 'KT' agree."""
    return fold(given)


def id_given(given: str) -> str:
    """Given name as used in ids: initials joined ('K-T' -> 'KT'), else unchanged."""
    if re.fullmatch(r"(?:[A-Z][.\- ]?){1,3}", given.strip()):
        return re.sub(r"[^A-Z]", "", given)
    return given


def family_initials(family: str) -> str:
    """Initials of the family name parts: 'Smith-Jones' -> 'SJ'."""
    parts = [p for p in re.split(r"[\s\-]+", family) if p and p.lower() not in _SURNAME_PARTICLES]
    return "".join(p[0].upper() for p in parts)


def given_initials(given: str) -> str:
    """Initials of a given name: 'K-T' -> 'KT', 'Mary-Ann' -> 'MA', 'Jane' -> 'J'."""
    if re.fullmatch(r"(?:[A-Z][.\- ]?){1,3}", given.strip()):
        return re.sub(r"[^A-Z]", "", given)
    return "".join(p[0].upper() for p in re.split(r"[\s\-]+", given) if p)


def _is_name_token(tok: str) -> bool:
    if not tok or any(ch.isdigit() for ch in tok) or tok.lower() in NOT_NAMES:
        return False
    if not _NAME_TOKEN.fullmatch(tok):
        return False
    return tok[0].isupper() or (tok[0] == "l" and len(tok) > 1 and tok[1:].islower())


def ocr_fix_initial(tok: str) -> str:
    """A name cannot start lower-case: a leading 'l' before lower-case letters is an OCR 'I'."""
    if len(tok) > 1 and tok[0] == "l" and tok[1:].isalpha() and tok[1:].islower():
        return "I" + tok[1:]
    return tok


def clean_surface(text: str) -> tuple[str, bool]:
    """Strip decoration around a name cell; returns (text, uncertain)."""
    uncertain = "?" in text
    text = text.replace("?", " ")
    text = re.sub(r"^\s*(?:new|new hire|hire)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^\s*(?:dr|prof|professor|mr|mrs|ms)\.?\s+", "", text, flags=re.IGNORECASE)
    text = text.strip(" .;:()[]*\t")
    return re.sub(r"\s+", " ", text), uncertain


@lru_cache(maxsize=4096)
def parse_person(text: str) -> PersonName | None:
    """Parse a surface form into a :class:`PersonName`, or None when it is not a name."""
    surface, uncertain = clean_surface(text)
    if not surface or surface.lower() in NOT_NAMES or len(surface) > 60:
        return None
    if "," in surface:
        family, _, given = surface.partition(",")
        family, given = family.strip(), given.strip()
        gtoks, ftoks = given.split(), family.split()
        if gtoks and ftoks and all(_is_name_token(t) for t in gtoks + ftoks) and len(ftoks) <= 3:
            middle = "".join(t[0] for t in gtoks[1:] if _INITIAL.fullmatch(t))
            gtoks = [gtoks[0]] + [t for t in gtoks[1:] if not _INITIAL.fullmatch(t)]
            return PersonName(
                "full",
                " ".join(ocr_fix_initial(t) for t in gtoks),
                " ".join(ocr_fix_initial(t) for t in ftoks),
                raw=text.strip(),
                uncertain=uncertain,
                middle=middle,
            )
        return None
    toks = surface.split()
    if (
        not toks
        or len(toks) > 4
        or not all(_is_name_token(t) or re.fullmatch(r"[A-Z]\.?", t) for t in toks)
    ):
        return None
    toks = [ocr_fix_initial(t) for t in toks]
    if len(toks) == 1:
        tok = toks[0]
        m = re.fullmatch(r"([A-Z][a-z]{1,15})([A-Z])", tok)
        if m:
            return PersonName(
                "given_initial",
                m.group(1),
                initial=m.group(2),
                raw=text.strip(),
                uncertain=uncertain,
            )
        if re.fullmatch(r"[A-Z]{2,5}", tok):
            return PersonName("initialism", raw=tok, uncertain=uncertain)
        if re.fullmatch(r"[A-Z][a-z'’\-]+(?:[A-Z][a-z]+)?", tok):
            return PersonName("single", given=tok, raw=text.strip(), uncertain=uncertain)
        return None
    if re.fullmatch(r"[A-Z]\.?", toks[-1]) and len(toks) == 2:
        return PersonName(
            "given_initial", toks[0], initial=toks[-1][0], raw=text.strip(), uncertain=uncertain
        )
    middle = "".join(t[0] for t in toks[1:-1] if _INITIAL.fullmatch(t))
    toks = [toks[0]] + [t for t in toks[1:] if not _INITIAL.fullmatch(t)]
    if len(toks) < 2:
        return None
    return PersonName(
        "full", toks[0], " ".join(toks[1:]), raw=text.strip(), uncertain=uncertain, middle=middle
    )


def split_names(cell: str) -> list[str]:
    """Several people in one cell: 'Doe, Jane; Roe, Rick', 'Ann B + JoeC', 'Jane Doe / Rick Roe'."""
    parts = [
        p.strip() for p in re.split(r"\s*(?:;|\+|&|/(?=\s)|\s/|\band\b)\s*", cell) if p.strip()
    ]
    return parts if len(parts) > 1 and all(parse_person(p) for p in parts) else [cell]


def given_compatible(a: str, b: str) -> str:
    """Why two given names can name the same person ('' when they cannot)."""
    ka, kb = given_key(a), given_key(b)
    if not ka or not kb:
        return ""
    if ka == kb:
        return "same given name"
    for short, long in ((ka, kb), (kb, ka)):
        if long in DIMINUTIVES.get(short, ()):
            return f"'{short}' is a common short form of '{long}'"
    if (
        len(ka) >= 3
        and len(kb) >= 3
        and (ka.startswith(kb) or kb.startswith(ka))
        and min(len(ka), len(kb)) >= 3
    ):
        return "one given name is the start of the other"
    if min(len(ka), len(kb)) >= 5 and edit_distance(ka, kb) == 1:
        return "given names differ by one letter (spelling or OCR slip)"
    return ""


def one_apart(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` differ by exactly one inserted, deleted or replaced letter?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


def deletions(word: str) -> set[str]:
    """``word`` and every form of it with one letter left out (words one letter apart
    share one of these)."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (small strings)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_CONFUSABLE = {"l": "Ii1", "I": "l1", "i": "l", "1": "lI"}


def ocr_variants(tok: str) -> list[str]:
    """Spellings of ``tok`` with one l/I/1 confusion swapped, capitalised like a name."""
    out: list[str] = []
    for idx, ch in enumerate(tok):
        for alt in _CONFUSABLE.get(ch, ""):
            cand = tok[:idx] + alt + tok[idx + 1 :]
            cand = cand[0].upper() + cand[1:] if cand[0].isalpha() else cand
            if cand != tok:
                out.append(cand)
    return out
