"""Hierarchy outside tables: lists under headings and intro sentences, indented lists,
and figures (product trees, org charts) read as boxes and connections.

* A list of short names after a sentence such as 'this includes:', 'The X group
  consists of:' or under a heading whose section introduces it: each item is PART_OF
  the list's subject (the sentence's subject, else the section's title), and a nested
  item PART_OF the item above it.
* A figure whose caption or boxes read as a product tree (or a WBS, or a breakdown):
  each box PART_OF the box above it.  An org chart: each box a role (and the person
  in it HOLDS it) REPORTS_TO the box above it; boxes with only names give Person
  REPORTS_TO Person; boxes with team names give Team PART_OF Team.

Labels come from what the run already knows (the products, teams and facilities of
its tables and headings); an item nobody defines takes its parent's label.  Long
items (sentences, duties) make the list a plain list: nothing is read from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from orggraph.graph.model import Evidence

from .duties import looks_like_title, name_key, split_site, strip_team_word
from .facts import Extracted, Mention
from .headings import heading_subject
from .keys import plural_key
from .lexicon import Lexicon
from .names import parse_person
from .source import Figure, FigureNode
from .text import squash

_INTRO = re.compile(
    r"(?:^|\b)(?:(?P<subject>(?:the\s+)?[A-Z][\w&/.\-]*(?:\s+(?:[A-Z][\w&/.\-]*|of|and|&|for))*)"
    r"\s+)?(?:(?:group|team|department|service|product|system|area|function|component)s?\s+)?"
    r"(?:includes?|including|consists? of|comprises?|is made up of|contains?|covers?|"
    r"is composed of|is divided into|has (?:the following|these) (?:parts|components|teams|"
    r"groups|products|elements))"
    r"(?:\s+(?:the\s+)?(?:following|these))?(?:\s+(?:teams|groups|products|services|"
    r"components|elements|parts|items|subsystems))?\s*:\s*$",
)
_NAMED = r"(?:the\s+)?(?P<subject>[A-Z][\w&/.\-]*(?:\s+(?:[A-Z][\w&/.\-]*|of|and|&|for))*)"
#: 'The teams of the X group are:'
_PARTS_OF = re.compile(
    r"^(?:the\s+)?(?:teams|groups|products|parts|components|elements|services|sub-?teams|"
    rf"sub-?groups|subsystems)\s+(?:of|in|within)\s+{_NAMED}(?:\s+(?:team|group|department))?"
    r"\s+(?:are|include)(?:\s+the\s+following)?\s*:\s*$",
    re.IGNORECASE,
)
#: 'The products are organised as follows:': the list's nesting is the hierarchy
_AS_FOLLOWS = re.compile(
    r"\b(?:are|is)\s+(?:organi[sz]ed|arranged|structured|broken down|grouped|divided)\s+"
    r"(?:as follows|like this|thus|into)\s*:\s*$",
    re.IGNORECASE,
)
#: 'Members of the X team:' (items: 'Name (INSTITUTION), Role title')
_MEMBERS = re.compile(
    rf"^(?:the\s+)?(?:members|staff|people|team members)\s+(?:of|in)\s+{_NAMED}"
    r"(?:\s+(?:team|group|department))?(?:\s+(?:are|include))?\s*:\s*$",
    re.IGNORECASE,
)
_MEMBER = re.compile(
    r"^(?P<person>[^(),:]+?)\s*(?:\((?P<inst>[^)]+)\))?\s*(?:,|:|–|—|\s-\s)\s*(?P<title>.+?)\.?$"
)
_WEAK_SUBJECT = re.compile(
    r"^(?:this|it|these|they|which|that|the\s+(?:group|team|section|area|department|"
    r"function|service|product|system)|as depicted in figure \d+ this)$",
    re.IGNORECASE,
)
_LEAD_ARTICLE = re.compile(r"^(?:the|a|an|our|its)\s+", re.IGNORECASE)
#: 'Name: what it is', 'Name – what it is', 'Name (what it is)': the name, then its explanation
_ITEM_TAIL = re.compile(r"\s*(?:[:;–—]|\s-\s|\().*$")
#: in a short item, 'Name, more' and 'Name to do something' end the name too
_SHORT_TAIL = re.compile(r"\s*(?:,\s|\s(?:to|which|that|so that|in order to)\s).*$")
#: an item longer than this is a sentence, unless it is a 'Name: explanation' item
ITEM_TOTAL = 10
_NUMBER = re.compile(r"^\s*\d+(?:\.\d+[A-Za-z]?)*\.?\s+")
_TREE_CAPTION = re.compile(
    r"\b(?:product|products|tree|breakdown|hierarch|wbs|work breakdown|components?|"
    r"decomposition|structure of the (?:system|products?))\b",
    re.IGNORECASE,
)
_ORG_CAPTION = re.compile(
    r"\b(?:org(?:ani[sz]ation(?:al)?)?\s*chart|organi[sz]ation|reporting|reports? to|"
    r"team structure|teams?|management structure|leadership|staff(?:ing)?)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&/\-]{1,11}$")


def _is_acronym(word: str) -> bool:
    """'QRT', 'PiXeL', 'KrDC': short, capitals at least half its letters."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return bool(_ACRONYM.match(word)) and upper >= 2 and upper * 2 >= len(letters)


#: how many words an item may have and still be a name
ITEM_WORDS = 7


@dataclass(slots=True)
class _Item:
    line: int
    level: int
    text: str
    children: list[_Item] = field(default_factory=list)


def _items(ex: Extracted, start: int) -> tuple[list[_Item], int]:
    """The list starting at line ``start`` (1-based) as a tree; and the line after it."""
    doc = ex.doc
    roots: list[_Item] = []
    stack: list[_Item] = []
    idx = start
    n = len(doc.lines)
    while idx <= n:
        text = doc.lines[idx - 1]
        if not text.strip():
            nxt = idx + 1
            if nxt <= n and _item_text(doc.lines[nxt - 1]) is not None:
                idx = nxt
                continue
            break
        parsed = _item_text(text)
        if parsed is None:
            break
        level, body = parsed
        item = _Item(idx, level, body)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
        idx += 1
    return roots, idx


_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*•◦‣▪–]|\d+[.)]|[a-z][.)])\s+(?P<body>.+)$")


def _item_text(line: str) -> tuple[int, str] | None:
    """(nesting level, text) of a list-item line, or None."""
    if "\t" in line:
        return None
    m = _BULLET.match(line)
    if not m:
        return None
    indent = len(m.group("indent").expandtabs(4))
    return indent // 2, m.group("body").strip()


def _name(text: str) -> str:
    """The name an item gives: articles, numbering and trailing explanations removed;
    '' when the item is a sentence rather than a name with its explanation."""
    text = _NUMBER.sub("", text).strip()
    head = _ITEM_TAIL.sub("", text).strip(" .")
    if head == text.strip(" .") and len(text.split()) > ITEM_TOTAL:
        return ""  # no 'Name: ...' form, and too long to be a name
    if len(text.split()) <= ITEM_TOTAL:
        head = _SHORT_TAIL.sub("", head)
    return squash(_LEAD_ARTICLE.sub("", head))


def _is_name(text: str) -> bool:
    words = text.split()
    if not 0 < len(words) <= ITEM_WORDS or text.endswith("?"):
        return False
    return text[:1].isupper() or bool(re.match(r"^[a-z][a-z0-9_]*$", text))


def _all(items: list[_Item]) -> Iterator[_Item]:
    for item in items:
        yield item
        yield from _all(item.children)


class _Labeller:
    """Which label a name has in this run (what the tables and headings define)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def label(self, text: str) -> str:
        key = name_key(text)
        if self.lex.is_facility(text) and key not in self.lex.products:
            return "Facility"
        if key in self.lex.products:
            return "Product"
        if key in self.lex.teams or name_key(strip_team_word(text)) in self.lex.teams:
            return "Team"
        acr = self.lex.acronyms.get(text.strip())
        if acr and name_key(acr) in self.lex.products:
            return "Product"
        return ""

    def known(self, text: str) -> str:
        """The display name of the known product ``text`` is ('Zorbu'), or starts with
        ('Zorbu advanced Database'); the same words in the same order, never a guess."""
        words = text.split()
        for n in range(len(words), 0, -1):
            head = " ".join(words[:n])
            # 'Zorbu advanced Database': a known name, then words describing it
            if n < len(words) and not words[n][:1].islower():
                continue
            display = self.lex.products.get(name_key(head), "")
            if display and plural_key("Product", display) == plural_key("Product", head):
                return display
        return ""


def _subject(ex: Extracted, line: int, intro: str, section: str) -> str:
    m = _INTRO.search(intro)
    subject = squash(m.group("subject") or "") if m else ""
    subject = _LEAD_ARTICLE.sub("", subject)
    if not subject or _WEAK_SUBJECT.match(subject) or len(subject.split()) > ITEM_WORDS:
        # a section called 'Component Overview' or 'Interfaces' names no parent
        return heading_subject(section)
    return subject


def _section_titles(ex: Extracted) -> dict[int, str]:
    """Line -> the title of the section it stands in."""
    from .prose import headings

    out: dict[int, str] = {}
    hs = headings(ex.doc)
    pos = 0
    title = ""
    for idx in range(1, len(ex.doc.lines) + 1):
        while pos < len(hs) and hs[pos].line <= idx:
            title = hs[pos].title
            pos += 1
        out[idx] = title
    return out


def extract_lists(ex: Extracted, lex: Lexicon) -> None:
    """PART_OF from lists introduced as the parts of something."""
    labeller = _Labeller(lex)
    sections = _section_titles(ex)
    doc = ex.doc
    idx = 1
    n = len(doc.lines)
    while idx <= n:
        text = doc.lines[idx - 1].strip()
        if not text.endswith(":") or "\t" in text or _item_text(doc.lines[idx - 1]):
            idx += 1
            continue
        intro = re.split(r"(?<=[.!?])\s+", text)[-1]
        members = _MEMBERS.match(intro)
        parts = _PARTS_OF.match(intro)
        follows = _AS_FOLLOWS.search(intro)
        if not (members or parts or follows or _INTRO.search(intro)):
            idx += 1
            continue
        start = idx + 1
        while start <= n and not doc.lines[start - 1].strip():
            start += 1
        items, after = _items(ex, start)
        if items and members:
            _read_members(ex, lex, squash(members.group("subject")), idx, intro, items)
        elif items:
            if parts:
                subject = squash(parts.group("subject"))
            elif follows:
                subject = ""
            else:
                subject = _subject(ex, idx, intro, _NUMBER.sub("", sections.get(idx, "")))
            _read_list(ex, labeller, subject, idx, _paragraph(ex, idx), intro, items)
        idx = max(after, idx + 1)


def _paragraph(ex: Extracted, line: int) -> str:
    """The paragraph that ends at ``line`` (the introduction and the sentences before it)."""
    start = line
    while start > 1 and ex.doc.lines[start - 2].strip() and "\t" not in ex.doc.lines[start - 2]:
        start -= 1
    return " ".join(ex.doc.lines[k - 1].strip() for k in range(start, line + 1))


def _read_list(
    ex: Extracted,
    labeller: _Labeller,
    subject: str,
    line: int,
    paragraph: str,
    intro: str,
    items: list[_Item],
) -> None:
    names = [_name(i.text) for i in _all(items)]
    if not names or sum(1 for t in names if _is_name(t)) * 3 < len(names) * 2:
        ex.skip(line, "list after an introduction is not a list of names; not read", intro)
        return
    label = (labeller.label(subject) if subject else "") or next(
        (lb for t in names if (lb := labeller.label(t))), ""
    )
    if not label:
        label = _label_by_words(intro + " " + subject) or _label_by_words(paragraph)
    if label not in ("Product", "Team", "Facility"):
        ex.skip(line, f"list under '{subject}' names things of no known kind; not read", intro)
        return
    parent = _entity(ex, labeller, label, subject, line, intro) if subject else None
    for item in items:
        _read_item(ex, labeller, label, parent, item)


def _label_by_words(text: str) -> str:
    """The kind of thing a text says it lists: products and services before groups."""
    low = text.lower()
    if re.search(r"\b(?:products?|services?|components?|packages?|systems?|software)\b", low):
        return "Product"
    if re.search(r"\b(?:facilit(?:y|ies)|data cent(?:er|re)s?)\b", low):
        return "Facility"
    if re.search(r"\b(?:teams?|groups?|departments?)\b", low):
        return "Team"
    return ""


def _entity(
    ex: Extracted, labeller: _Labeller, label: str, text: str, line: int, quote: str
) -> Mention:
    known = labeller.known(text) if label == "Product" else ""
    name = known or (strip_team_word(text) if label == "Team" else text)
    aliases = (text,) if known and known != text else ()
    return ex.mention(label, name, line, quote or text, aliases=aliases, props={"_rank": 1})


def _read_item(
    ex: Extracted, labeller: _Labeller, label: str, parent: Mention | None, item: _Item
) -> None:
    name = _name(item.text)
    if not _is_name(name):
        return
    own = labeller.label(name) or label
    if own != label:  # a product listed under a team: the contract has no such PART_OF
        return
    child = _entity(ex, labeller, label, name, item.line, item.text)
    if parent is not None:
        ex.fact("PART_OF", child, parent, item.line, ex.doc.quote(item.line))
    for sub in item.children:
        _read_item(ex, labeller, label, child, sub)


def _read_members(
    ex: Extracted, lex: Lexicon, team_text: str, line: int, intro: str, items: list[_Item]
) -> None:
    """A member list: each 'Name (INSTITUTION), Role title' holds that role in the team."""
    from .staff import leads_fact

    team_name = strip_team_word(team_text)
    team = ex.mention("Team", team_name, line, intro)
    for item in _all(items):
        m = _MEMBER.match(item.text)
        if m is None:
            continue
        person_text, title = squash(m.group("person")), squash(m.group("title"))
        pn = parse_person(person_text)
        if pn is None or pn.kind not in ("full", "given_initial") or not title:
            continue
        quote = ex.doc.quote(item.line)
        person = ex.mention("Person", person_text, item.line, person_text)
        role = ex.mention("Role", title, item.line, title, props={"title": title})
        ex.fact("MEMBER_OF", role, team, item.line, quote)
        inst_text = squash(m.group("inst") or "")
        held = {"institution": inst_text} if inst_text else {}
        ex.fact("HOLDS", person, role, item.line, quote, **held)
        if inst_text and lex.site_label(inst_text) == "Institution":
            inst = ex.mention("Institution", inst_text, item.line, inst_text)
            ex.fact("AFFILIATED_WITH", person, inst, item.line, quote)
        site = split_site(title)[1]
        if site:
            where = ex.mention(lex.site_label(site), site, item.line, site)
            ex.fact("LOCATED_AT", role, where, item.line, quote)
        leads_fact(ex, person, role, title, team_name, "", item.line)


# --- figures ----------------------------------------------------------------------------


def _box_lines(node: FigureNode) -> list[str]:
    """The box's lines: as the reader set them, else its text split at explicit breaks."""
    if node.lines:
        return [squash(t) for t in node.lines if squash(t)] or [node.text]
    parts = (node.raw or node.text).split("\n") if "\n" in node.raw else [node.text]
    return [squash(p) for p in parts if squash(p)] or [node.text]


def _box_name(node: FigureNode) -> tuple[str, str]:
    """(name, other name) a tree box gives: 'QRT' over 'Skoufai Zorbu Tool' is an acronym and
    its expansion; any other box's lines (a wrapped name) are one name."""
    lines = [_NUMBER.sub("", t) for t in _box_lines(node)]
    if len(lines) >= 2 and _is_acronym(lines[0]) and lines[1][:1].isupper():
        return lines[0], squash(" ".join(lines[1:]))
    return squash(_NUMBER.sub("", node.text)), ""


def _is_person_line(text: str) -> bool:
    pn = parse_person(text)
    return pn is not None and pn.kind == "full" and not looks_like_title(text)


def _person_and_title(node: FigureNode) -> tuple[str, str]:
    """(person, role title) in an org-chart box ('' for what the box does not hold).

    The person is the last line that reads as a name (names stand under titles); the
    other lines, in order, are the title, which may wrap over several lines.
    """
    lines = _box_lines(node)
    names = [i for i, t in enumerate(lines) if _is_person_line(t)]
    if len(lines) == 1:
        return (lines[0], "") if names else ("", lines[0])
    person = lines[names[-1]] if names else ""
    title = squash(" ".join(t for i, t in enumerate(lines) if not names or i != names[-1]))
    return person, title


def _figure_kind(fig: Figure, labeller: _Labeller) -> str:
    """'tree' (product tree), 'org' (org chart), 'gantt' (a schedule's milestones by lane)
    or '' (a diagram the loaders do not read)."""
    kinds = [n.labels[0] if n.labels else "" for n in fig.nodes]
    if fig.nodes and sum(1 for k in kinds if k in _GANTT) * 2 > len(kinds):
        return "gantt"
    if len(fig.nodes) < 2 or not fig.edges:
        return ""
    texts = [n.text for n in fig.nodes]
    products = sum(1 for t in texts if labeller.label(_NUMBER.sub("", t)) == "Product")
    # a person is a box's name line under (or over) a title: one line alone is no person
    people = sum(1 for n in fig.nodes if len(_box_lines(n)) > 1 and _person_and_title(n)[0])
    titles = sum(1 for t in texts if looks_like_title(t))
    if _ORG_CAPTION.search(fig.caption) and not _TREE_CAPTION.search(fig.caption):
        return "org"
    if _TREE_CAPTION.search(fig.caption):
        return "tree"
    if people + titles > len(texts) // 2:
        return "org"
    if products * 2 >= len(texts) or (_is_tree(fig) and not titles):
        return "tree"
    return ""


def _is_tree(fig: Figure) -> bool:
    """Undirected lines joining three or more named boxes into one tree (one root, one
    parent each)."""
    if len(fig.nodes) < 3 or any(e.directed for e in fig.edges):
        return False
    if not all(n.text[:1].isupper() for n in fig.nodes):
        return False
    pairs = _hierarchy(fig)
    parents: dict[str, set[str]] = {}
    for child, parent in pairs:
        parents.setdefault(child.key, set()).add(parent.key)
    roots = [n for n in fig.nodes if n.key not in parents]
    return (
        len(pairs) == len(fig.nodes) - 1
        and len(roots) == 1
        and all(len(p) == 1 for p in parents.values())
    )


def _hierarchy(fig: Figure) -> list[tuple[FigureNode, FigureNode]]:
    """(child, parent) pairs: an arrow points from parent to child; else the upper box leads."""
    by_key = {n.key: n for n in fig.nodes}
    pairs: list[tuple[FigureNode, FigureNode]] = []
    seen: set[tuple[str, str]] = set()
    for e in fig.edges:
        a, b = by_key.get(e.source), by_key.get(e.target)
        if a is None or b is None or a is b:
            continue
        parent, child = a, b
        lower = (
            a.y is not None
            and b.y is not None
            and (a.y > b.y or (a.y == b.y and (a.x or 0) > (b.x or 0)))
        )
        if not e.directed and lower:
            parent, child = b, a
        if (child.key, parent.key) not in seen:
            seen.add((child.key, parent.key))
            pairs.append((child, parent))
    return pairs


def _ev(ex: Extracted, node: FigureNode) -> Evidence:
    loc = node.loc
    return Evidence(ex.doc.name, loc.line, (node.raw or node.text)[:300], loc.page, loc.file)


def extract_figures(ex: Extracted, lex: Lexicon) -> None:
    """PART_OF / REPORTS_TO / HOLDS from the document's product trees and org charts."""
    labeller = _Labeller(lex)
    for number, fig in enumerate(ex.doc.figures, start=1):
        kind = _figure_kind(fig, labeller)
        where = f"figure {number}" + (f" ('{fig.caption[:60]}')" if fig.caption else "")
        if not kind:
            ex.skip_at(fig.loc, f"{where} is not a product tree or an org chart; not read")
            continue
        mentions: dict[str, Mention] = {}
        if kind == "gantt":
            _gantt(ex, fig)
            continue
        if kind == "tree":
            label = "Product"
            if sum(1 for n in fig.nodes if labeller.label(n.text) == "Team") * 2 > len(fig.nodes):
                label = "Team"
            for node in fig.nodes:
                name, also = _box_name(node)
                known = labeller.known(name) if label == "Product" else ""
                aliases = tuple(a for a in (name if known else "", also) if a and a != known)
                mentions[node.key] = ex.mention_ev(
                    label, known or name, _ev(ex, node), props={"_rank": 1}, aliases=aliases
                )
            for child, parent in _hierarchy(fig):
                ex.fact_ev("PART_OF", mentions[child.key], mentions[parent.key], _ev(ex, child))
            continue
        _org_chart(ex, fig, mentions, labeller)


_GANTT = frozenset({"group", "bar", "milestone"})
# a milestone id before its title: 'L2-XY-0010', 'TASKS-151', or a code of hyphened
# parts with a digit somewhere ('ABC-123-04b', 'ABC-123-XYZ', 'ABC-GEN3')
_MILESTONE_HEAD = re.compile(
    r"^(?P<id>[A-Z]\d-[A-Z]{2,4}-\d{3,4}|[A-Z][A-Z0-9]{1,11}-\d{1,6}"
    r"|(?=[A-Z][A-Za-z0-9-]*\d)[A-Z][A-Z0-9]{1,11}(?:-[A-Z0-9]+[a-z]?)+)"
    r"(?=[\s:–]|$)\s*[:\-–]?\s*"
)
_TICKET_ID = re.compile(r"^[A-Z][A-Z0-9]{1,11}-\d{1,6}$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _gantt(ex: Extracted, fig: Figure) -> None:
    """A schedule: each lane's group names the team RESPONSIBLE_FOR the milestones drawn
    under it; a link drawn from one milestone to another makes the second DEPENDS_ON the
    first."""
    team: Mention | None = None
    mentions: dict[str, Mention] = {}
    for node in sorted(fig.nodes, key=lambda n: n.y if n.y is not None else 0.0):
        kind = node.labels[0] if node.labels else ""
        ev = _ev(ex, node)
        if kind == "group":
            name = strip_team_word(squash(node.text))
            team = ex.mention_ev("Team", name, ev) if name else None
            continue
        if kind != "milestone":
            continue
        m = _MILESTONE_HEAD.match(node.text)
        ident = m.group("id") if m else ""
        title = squash(node.text[m.end() :] if m else node.text) or ident
        if not title:
            continue
        props: dict = {}
        if ident:
            ticket = _TICKET_ID.match(ident) and not re.match(r"^[A-Z]\d-", ident)
            props["jira_id" if ticket else "rubin_id"] = ident
        when = node.labels[1] if len(node.labels) > 1 else ""
        if _ISO_DAY.match(when):
            props["due"] = when
        elif when:
            props["due_text"] = when
        milestone = ex.mention_ev(
            "Milestone", title, ev, props=props, aliases=(ident,) if ident else ()
        )
        mentions[node.key] = milestone
        if team is not None:
            ex.fact_ev("RESPONSIBLE_FOR", team, milestone, ev)
    for e in fig.edges:
        first, then = mentions.get(e.source), mentions.get(e.target)
        if first is not None and then is not None and first is not then:
            ex.fact_ev("DEPENDS_ON", then, first, then.ev)


def _org_chart(
    ex: Extracted, fig: Figure, mentions: dict[str, Mention], labeller: _Labeller
) -> None:
    holders: dict[str, Mention] = {}
    for node in fig.nodes:
        person, title = _person_and_title(node)
        ev = _ev(ex, node)
        if title and labeller.label(title) == "Team" and not looks_like_title(title):
            mentions[node.key] = ex.mention_ev("Team", strip_team_word(title), ev)
        elif title:
            mentions[node.key] = ex.mention_ev("Role", title, ev, props={"title": title})
            site = split_site(title)[1]
            if site:
                where = ex.mention_ev(labeller.lex.site_label(site), site, ev)
                ex.fact_ev("LOCATED_AT", mentions[node.key], where, ev)
        if person:
            holders[node.key] = ex.mention_ev("Person", person, ev)
            if node.key in mentions and mentions[node.key].label == "Role":
                ex.fact_ev("HOLDS", holders[node.key], mentions[node.key], ev)
    for child, parent in _hierarchy(fig):
        ev = _ev(ex, child)
        a, b = mentions.get(child.key), mentions.get(parent.key)
        if a is not None and b is not None and a.label == b.label == "Role":
            ex.fact_ev("REPORTS_TO", a, b, ev)
        elif a is not None and b is not None and a.label == b.label == "Team":
            ex.fact_ev("PART_OF", a, b, ev)
        elif child.key in holders and parent.key in holders and (a is None or b is None):
            ex.fact_ev("REPORTS_TO", holders[child.key], holders[parent.key], ev)
