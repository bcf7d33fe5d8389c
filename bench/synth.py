"""Synthetic organisations: planning documents in the seeds' form, deterministic by seed.

``generate(scale, seed)`` builds an organisation of ``scale`` units (one unit is about
the size of the two seed documents: ~55 people, ~100 roles, ~80 products) and
``write(org, directory)`` writes two documents per unit:

* ``<handle>-operations-plan.txt``: front matter, team sections with dependency
  sentences ('A runs on B', 'A depends on the B') and 'Staffing:' lines, facility
  sections with hosting sentences, role tables under 'Table N: X roles for ...'
  captions, the products table (Product/Manager/Owner/Notes) and acronyms;
* ``<handle>-planning.txt``: the milestone table and the staff table (one row per
  holder, FTEs, institutions, rows wrapped over several lines).

The noise is the seeds' noise: hyphen breaks ('Engi- neer'), ``<b>``/``<p>`` tags,
``&amp;``, '**bold**', 'Last, First' next to 'First Last', 'TBD' and '?' managers,
'Y (INITIALS)' owners, blank lines and dashed separators inside tables.

Names are invented from syllables, unique under the loaders' normalisation, so what
the generator plants (``org.planted()``) is exactly what a correct load yields.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orggraph.graph.model import LABELS

_GIVEN_TEXT = (
    "Aiko Amara Anders Aurelio Beatriz Bogdan Camila Dario Desmond Ebba Emeka Esther Farah "
    "Florian Gideon Greta Hamid Hedda Ines Ivo Jasper Joaquin Kamal Karin Keziah Lorenzo "
    "Magnus Marta Mateus Mirela Nadia Nikhil Noor Oksana Orla Pavel Petra Quentin Rania "
    "Rasmus Renata Sabine Selim Soren Tamsin Teodor Ulrike Valentin Vesna Wanjiru Xavier "
    "Yara Yusuf Zainab Zoran Agnes Bruno Cosima Dmitri Elif Fatima Gustav Hana Ismael "
    "Jovana Kenji Leonie Marek Nadine Osman Priya Radek Sanna Tobias Ursula Viktor Wendell "
    "Ximena Yannick Zofia"
)
GIVEN = _GIVEN_TEXT.split()

_ONSET = "b c d f g h j k m n p r s t v z br dr gr kr pr st tr sk"
_ONSETS = _ONSET.split()
_VOWELS = ["a", "e", "o", "u", "ai", "ou", "ea"]
_CODAS = ["", "", "", "n", "r", "s", "k", "m", "nd", "rt", "st", "x"]

TEAM_FUNCTIONS = (
    "Data Services",
    "Middleware",
    "Data Engineering",
    "Campaign Management",
    "Pipelines",
    "Networks",
    "Databases",
    "Platform",
    "DevOps",
    "Calibration",
    "Release Engineering",
    "User Support",
)
ROLE_FUNCTIONS = (
    "Software Engineer",
    "Database Engineer",
    "Data Engineer",
    "Pipeline Scientist",
    "Production Scientist",
    "Services Architect",
    "Network Engineer",
    "Release Engineer",
    "Data Wrangler",
    "Systems Administrator",
    "Workflow Developer",
    "Calibration Scientist",
    "Support Specialist",
    "Security Architect",
    "Operations Engineer",
)
PRODUCT_NOUNS = (
    "Butler",
    "Portal",
    "Gateway",
    "Archive",
    "Catalog",
    "Scheduler",
    "Monitor",
    "Broker",
    "Registry",
    "Ingest",
    "Notebook",
    "Dashboard",
    "Forwarder",
    "Planner",
    "Exporter",
    "Indexer",
    "Validator",
    "Harvester",
    "Tracker",
    "Relay",
)
INSTITUTION_KINDS = ("Research Laboratory", "University", "Institute of Physics", "Consortium")
NOTES = ("maintained in ops", "shared with construction", "needs review")
MILESTONE_WORK = ("readiness review", "deployment", "migration", "scale test")
DESCRIPTIONS = (
    "Develops, maintains, and implements {what} software, including workflow tooling, "
    "integration testing frameworks and deployment scripts for the production services.",
    "Responsible for the day to day operation of {what} services, including monitoring, "
    "incident response, capacity planning and coordination with the data facilities.",
    "Applying extensive knowledge of {what}, this role designs and evolves the systems "
    "used in regular processing and advises other groups on their use.",
    "Maintains the {what} environment for release builds, computation and distribution, "
    "and documents the procedures associated with using it.",
    "Provides engineering support to the {what} effort; works with scientists on general "
    "code development and helps keep code maintainable and well tested.",
)
FILLER = (
    "This document defines the mission, goals and objectives, organization and "
    "responsibilities of the department.",
    "The construction era architecture is described in earlier technical notes.",
    "Background decision material on choices made will be documented in technical notes.",
    "Risk management follows the observatory risk management plan.",
    "A more complete list of items may be found in the products section.",
    "Work and milestones are tracked in Jira following the work management plan.",
)


def _confusable(text: str) -> str:
    """Key under which names collide for the loaders: OCR l/I/i/1 slips and plurals."""
    key = re.sub(r"[lIi1]", "#", text.lower())
    if key.endswith("#es"):
        key = key[:-3] + "y"
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


class _Names:
    """Unique invented words: codenames, family names, acronyms."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = {_confusable(g) for g in GIVEN}
        self.taken_acr: set[str] = set()

    def word(self, syllables: tuple[int, int] = (2, 3)) -> str:
        while True:
            n = self.rng.randint(*syllables)
            parts = [self.rng.choice(_ONSETS) + self.rng.choice(_VOWELS) for _ in range(n)]
            w = ("".join(parts) + self.rng.choice(_CODAS)).capitalize()
            if _confusable(w) not in self.taken and len(w) >= 4:
                self.taken.add(_confusable(w))
                return w

    def acronym(self, n: int = 4, suffix: str = "") -> str:
        letters = "ABCDEFGHJKMNPRSTUVWXYZ"
        while True:
            a = "".join(self.rng.choice(letters) for _ in range(n - len(suffix))) + suffix
            if a not in self.taken_acr:
                self.taken_acr.add(a)
                return a


@dataclass
class Person:
    given: str
    family: str

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}"

    @property
    def initials(self) -> tuple[str, str]:
        fam = "".join(p[0] for p in re.split(r"[-\s]+", self.family) if p)
        return self.given[0], fam.upper()


@dataclass
class Role:
    wbs: str
    title: str
    description: str
    team: str
    site: str = ""  # institution acronym from the title suffix
    holders: list[tuple[Person, float, str]] = field(default_factory=list)  # person, fte, inst
    vacancies: int = 0
    reports_to: str = ""  # title of the role this one reports to


@dataclass
class Product:
    name: str
    manager: Person | None
    manager_form: str  # 'full', 'inverted', 'uncertain', 'TBD', '?', ''
    owner: Person | None = None
    owner_form: str = ""  # 'full', 'initials', 'uncertain', 'na', ''
    notes: str = ""
    facility: str = ""  # long facility name when the product is a data facility
    depends_on: list[str] = field(default_factory=list)
    team: str = ""


@dataclass
class Milestone:
    name: str
    jira: str
    rubin: str
    due: str
    level: int
    team: str
    cites: str = ""  # product named in the milestone


@dataclass
class Unit:
    """One department: two documents' worth of organisation."""

    index: int
    handle: str
    org: str
    dept: str
    author: Person
    teams: list[str]
    roles: list[Role]
    products: list[Product]
    facilities: list[Product]
    milestones: list[Milestone]
    staffing: dict[str, list[tuple[Person, float]]]
    institutions: dict[str, str]
    hosts: list[tuple[str, str]]  # facility acronym, product name


@dataclass
class Org:
    scale: int
    seed: int
    units: list[Unit]
    institutions: dict[str, str]

    def planted(self) -> dict[str, Counter]:
        """What a correct load must yield: distinct nodes per label, edges per type."""
        nodes: dict[str, set[str]] = {k: set() for k in LABELS}
        edges: dict[str, set[tuple[str, str]]] = {}

        def edge(kind: str, a: str, b: str) -> None:
            edges.setdefault(kind, set()).add((a, b))

        for u in self.units:
            nodes["Document"].update({f"{u.handle}-a", f"{u.handle}-b"})
            nodes["Person"].add(u.author.full)
            nodes["Team"].update(u.teams)
            for r in u.roles:
                nodes["Role"].add(r.title)
                edge("MEMBER_OF", r.title, r.team)
                if r.site:
                    nodes["Institution"].add(r.site)
                    edge("LOCATED_AT", r.title, r.site)
                if r.reports_to:
                    edge("REPORTS_TO", r.title, r.reports_to)
                for p, _fte, inst in r.holders:
                    nodes["Person"].add(p.full)
                    nodes["Institution"].add(inst)
                    edge("HOLDS", p.full, r.title)
                    edge("AFFILIATED_WITH", p.full, inst)
                    if r.title == f"{r.team} Lead":
                        edge("LEADS", p.full, r.team)
            for prod in [*u.products, *u.facilities]:
                nodes["Product"].add(prod.name)
                if prod.facility:
                    nodes["Facility"].add(prod.name)
                if prod.manager is not None and prod.manager_form not in ("TBD", "?", ""):
                    nodes["Person"].add(prod.manager.full)
                    edge("MANAGES", prod.manager.full, prod.name)
                if prod.owner is not None and prod.owner_form in ("full", "initials", "uncertain"):
                    nodes["Person"].add(prod.owner.full)
                    edge("OWNS", prod.owner.full, prod.name)
                for dep in prod.depends_on:
                    edge("DEPENDS_ON", prod.name, dep)
            for fac, prod_name in u.hosts:
                edge("HOSTS", fac, prod_name)
            for m in u.milestones:
                nodes["Milestone"].add(m.rubin)
                edge("RESPONSIBLE_FOR", m.team, m.rubin)
                if m.cites:
                    edge("DEPENDS_ON", m.rubin, m.cites)
            for people in u.staffing.values():
                nodes["Person"].update(p.full for p, _ in people)
        return {
            "nodes": Counter({k: len(v) for k, v in nodes.items()}),
            "edges": Counter({k: len(v) for k, v in edges.items()}),
        }


def _initials_ok(person: Person, index: Counter) -> bool:
    """Do the initials fit ``person`` only (the loaders bind an initialism to a unique fit)?

    'AB' fits given initial + family initials 'A'+'B'; the loaders also accept one extra
    letter in the middle or in front, so those readings count as fits too.
    """
    g, f = person.initials
    ini = g + f
    if not 2 <= len(ini) <= 5:
        return False
    pairs = {(ini[0], ini[1:]), (ini[0], ini[2:]), (ini[1], ini[2:])}
    return sum(index[p] for p in pairs if p[1]) == 1


def generate(scale: int, seed: int = 7) -> Org:
    """An organisation of ``scale`` units, the same for the same (scale, seed)."""
    rng = random.Random(f"orggraph-synth-{seed}")
    names = _Names(rng)
    institutions: dict[str, str] = {}
    for _ in range(10 + min(scale, 40)):
        acr = names.acronym(rng.choice((4, 5)))
        institutions[acr] = f"{names.word()} {rng.choice(INSTITUTION_KINDS)}"
    inst_list = sorted(institutions)
    people_pool: list[Person] = []

    def new_person() -> Person:
        given = rng.choice(GIVEN)
        roll = rng.random()
        if roll < 0.06:
            family = f"{names.word((1, 2))}-{names.word((1, 2))}"
        elif roll < 0.09:
            family = "O'" + names.word((1, 2))
        else:
            family = names.word()
        p = Person(given, family)
        people_pool.append(p)
        return p

    units: list[Unit] = []
    all_products: list[str] = []
    rubin_ids: set[str] = set()
    for ui in range(scale):
        handle = f"{names.acronym(3)}-{100 + ui:03d}"
        org = names.word()
        dept = rng.choice(("Data Management", "Data Production", "System Performance", "Computing"))
        author = new_person()
        teams = [f"{names.word()} {rng.choice(TEAM_FUNCTIONS)}" for _ in range(10)]
        roles: list[Role] = []
        staffing: dict[str, list[tuple[Person, float]]] = {}
        section = 2 + ui % 7
        for ti, team in enumerate(teams):
            code = team.split()[0]
            base = f"{section}.{ti + 1}"
            lead = Role(
                f"{base}a",
                f"{team} Lead",
                f"Organizes the {team.lower()} effort and assigns work in a way that provides for "
                "continuity of maintenance for all maintained software.",
                team,
            )
            roles.append(lead)
            n_roles = rng.randint(7, 11)
            used: set[str] = set()
            for ri in range(n_roles):
                func = rng.choice(ROLE_FUNCTIONS)
                site = rng.choice(inst_list) if rng.random() < 0.55 else ""
                title = f"{code} {func}" + (f" - {site}" if site else "")
                if title in used:
                    continue
                used.add(title)
                desc = rng.choice(DESCRIPTIONS).format(what=team.split(" ", 1)[1].lower())
                reports = ""
                if rng.random() < 0.12:
                    desc += f" Supports and reports to the {team} Lead."
                    reports = lead.title
                roles.append(
                    Role(f"{base}{chr(ord('b') + ri)}", title, desc, team, site, reports_to=reports)
                )
            staffing[team] = []
        for r in roles:
            roll = rng.random()
            if roll < 0.15:
                r.vacancies = 1
            elif roll < 0.6:
                for _ in range(1 if rng.random() < 0.8 else 2):
                    inst = r.site or rng.choice(inst_list)
                    r.holders.append((new_person(), rng.choice((0.25, 0.35, 0.5, 0.75, 1.0)), inst))
        held = [p for r in roles for p, _, _ in r.holders] or [author]
        for team in teams:
            staff = [p for r in roles if r.team == team for p, _, _ in r.holders]
            staffing[team] = [(p, rng.choice((0.25, 0.5))) for p in staff[:3]]
        # facilities (rows of the products table whose notes name a data facility)
        facilities: list[Product] = []
        for _ in range(rng.randint(3, 5)):
            word = names.word((1, 2))
            acr = names.acronym(5, "DF")
            facilities.append(
                Product(
                    acr,
                    rng.choice(held),
                    "full",
                    notes=f"{word} Data Facility",
                    facility=f"{word} Data Facility",
                )
            )
        products: list[Product] = []
        unit_products: list[str] = []
        for team in teams:
            code = team.split()[0]
            for noun in rng.sample(PRODUCT_NOUNS, rng.randint(6, 8)):
                name = f"{code} {noun}"
                roll = rng.random()
                form = (
                    "TBD"
                    if roll < 0.4
                    else "?"
                    if roll < 0.45
                    else "inverted"
                    if roll < 0.6
                    else ("uncertain" if roll < 0.65 else "full")
                )
                manager = rng.choice(held) if form not in ("TBD", "?") else None
                prod = Product(name, manager, form, team=team)
                oroll = rng.random()
                if oroll < 0.08:
                    prod.owner, prod.owner_form = rng.choice(held), "full"
                elif oroll < 0.12:
                    prod.owner, prod.owner_form = rng.choice(held), "initials"
                elif oroll < 0.14:
                    prod.owner, prod.owner_form = rng.choice(held), "uncertain"
                elif oroll < 0.16:
                    prod.owner_form = "na"
                if rng.random() < 0.3:
                    prod.notes = f"{name} service: {rng.choice(NOTES)}"
                products.append(prod)
                unit_products.append(name)
        # dependencies: within the unit (chains) and onto earlier units' products
        for pi, prod in enumerate(products):
            if pi and rng.random() < 0.5:
                prod.depends_on.append(unit_products[rng.randrange(pi)])
            if all_products and rng.random() < 0.25:
                target = all_products[int(len(all_products) * rng.random() ** 2)]
                if target not in prod.depends_on:
                    prod.depends_on.append(target)
        hosts = [(rng.choice(facilities).name, p.name) for p in rng.sample(products, 6)]
        milestones: list[Milestone] = []
        project = names.acronym(rng.choice((4, 5, 6)))
        area = "".join(rng.choice("ABCDEFGHKLMNPRSTUVWXYZ") for _ in range(2))
        for mi in range(rng.randint(18, 24)):
            team = rng.choice(teams)
            cite = rng.choice(products).name if rng.random() < 0.4 else ""
            what = cite or f"{team.split()[0]} {rng.choice(MILESTONE_WORK)}"
            verb = rng.choice(("Complete", "Deliver", "Demonstrate", "Evaluate", "Plan"))
            name = f"{verb} {what} for phase {ui + 1}.{mi + 1}"
            rid = ""
            while not rid or rid in rubin_ids:
                rid = f"L{rng.choice((2, 3))}-{area}-{rng.randrange(10, 9999):04d}"
            rubin_ids.add(rid)
            due = f"{2021 + ui % 4}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            milestones.append(
                Milestone(name, f"{project}-{100 + mi}", rid, due, rng.choice((2, 3)), team, cite)
            )
        all_products.extend(unit_products)
        units.append(
            Unit(
                ui,
                handle,
                org,
                dept,
                author,
                teams,
                roles,
                products,
                facilities,
                milestones,
                staffing,
                institutions,
                hosts,
            )
        )
    # owners named by initials only where the initials fit one person
    index: Counter = Counter(p.initials for p in people_pool)
    for u in units:
        for prod in u.products:
            if prod.owner_form == "initials" and prod.owner and not _initials_ok(prod.owner, index):
                prod.owner_form = "full"
    return Org(scale, seed, units, institutions)


# ----------------------------------------------------------------------------- writing


def _break(text: str, rng: random.Random) -> str:
    """A hyphen break inside one long lower-case word ('Engi- neer'), as PDF extraction leaves."""
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) >= 8 and w[4:].isalpha() and w[4:].islower()]
    if not spots:
        return text
    i = rng.choice(spots)
    w = words[i]
    cut = rng.randint(3, len(w) - 3)
    words[i] = f"{w[:cut]}- {w[cut:]}"
    return " ".join(words)


def _wrap(text: str, width: int, rng: random.Random) -> list[str]:
    """Split a cell over lines like a narrow PDF column; words may break with a hyphen."""
    out: list[str] = []
    cur = ""
    for word in text.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            if len(word) >= 8 and word.isalpha() and word[3:].islower() and rng.random() < 0.5:
                cut = max(3, width - len(cur) - 2)
                cut = min(cut, len(word) - 3)
                out.append(f"{cur} {word[:cut]}-")
                cur = word[cut:]
                continue
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        out.append(cur)
    return out


def _person_cell(p: Person, form: str) -> str:
    return {"inverted": p.inverted, "uncertain": f"{p.full} ?"}.get(form, p.full)


def _ops_plan(u: Unit, org: Org, rng: random.Random) -> list[str]:
    L: list[str] = [
        "",
        "",
        "",
        f"{u.org} Observatory  ",
        f"{u.org} Observatory Operations",
        "",
        " ",
        f"# Management and Execution plan for {u.dept} Operations.",
        "",
        u.author.full,
        "",
        u.handle,
        "",
        "Latest Revision: 2023-01-30",
        "",
        "**DRAFT**",
        "",
        "## Abstract",
        "",
        f"This is the management plan for operations of {u.dept}.",
        "",
        "## 1 Introduction",
        "",
        rng.choice(FILLER),
        "",
        rng.choice(FILLER),
        "",
        "## 3 Functionality based teams and organisation",
        "",
    ]
    for ti, team in enumerate(u.teams):
        L += [f"### 3.{ti + 1} {team}", "", rng.choice(FILLER), ""]
        for prod in u.products:
            if prod.team != team:
                continue
            for dep in prod.depends_on:
                verb = rng.choice(("runs on", "depends on the", "relies on"))
                L.append(f"{prod.name} {verb} {dep}.")
                L.append("")
        people = u.staffing.get(team) or []
        if people:
            items = []
            for p, fte in people:
                items.append(
                    rng.choice(
                        (
                            f"{fte} {p.full}",
                            f"{p.full} {fte}",
                            f"{fte} new {p.full}",
                            f"{fte} {p.inverted}",
                        )
                    )
                )
            L += [f"- Staffing: {'; '.join(items)}.", ""]
    L += [
        "## 4 Data facilities and access centers",
        "",
        "Hardware underpins all of our operations, arranged in several data facilities.",
        "",
    ]
    for fi, fac in enumerate(u.facilities):
        L += [f"### 4.{fi + 1} {fac.name}", ""]
        for host, prod_name in u.hosts:
            if host == fac.name:
                L += [f"The {fac.name} will hold the {prod_name}.", ""]
        L += [f"The {fac.name} was commissioned in 2022.", ""]
    L += ["## 6 Roles and Responsibilities", ""]
    table_no = 2
    for team in u.teams:
        L += [f"Table {table_no}: {team} roles for {u.org} Observatory {u.dept} Operations", ""]
        table_no += 1
        head = ["WBS", "Role Title", "Role Description"]
        if rng.random() < 0.2:
            head = [f"<b>{h}</b>" for h in head]
        L.append("\t".join(head))
        if rng.random() < 0.5:
            L.append("-----\t------------\t------------------")
        for r in u.roles:
            if r.team != team:
                continue
            desc = r.description
            if rng.random() < 0.3:
                desc = "<p>" + desc
            desc = _break(desc, rng) if rng.random() < 0.3 else desc
            title = r.title.replace("&", "&amp;")
            L.append(f"{r.wbs}\t{title}\t{desc}")
            if rng.random() < 0.15:
                L.append("")
        L += [""]
    L += ["## 7 Products", "", "Product\tManager\tOwner\tNotes"]
    for prod in [*u.products, *u.facilities]:
        manager = (
            ""
            if prod.manager_form == ""
            else prod.manager_form
            if prod.manager is None
            else (_person_cell(prod.manager, prod.manager_form))
        )
        owner = ""
        if prod.owner is not None and prod.owner_form == "full":
            owner = f"Y ({prod.owner.full})"
        elif prod.owner is not None and prod.owner_form == "initials":
            owner = f"Y ({''.join(prod.owner.initials)})"
        elif prod.owner is not None and prod.owner_form == "uncertain":
            owner = f"? ({prod.owner.full})"
        elif prod.owner_form == "na":
            owner = "Y (N/ A)"
        notes = prod.notes.replace("&", "&amp;")
        L.append(f"<b>{prod.name}</b>\t{manager}\t{owner}\t{notes}")
        if rng.random() < 0.03:
            L.append("")
    L += ["", "## B Acronyms", "", "Acronym\tDescription"]
    for fac in u.facilities:
        L.append(f"{fac.name}\t{fac.facility}")
    for acr in sorted({r.site for r in u.roles if r.site}):
        L.append(f"{acr}\t{org.institutions[acr]}")
    return L


def _planning(u: Unit, rng: random.Random) -> list[str]:
    L: list[str] = [
        "",
        "",
        f"{u.dept} Preview: Definition and planning.",
        "",
        u.author.full,
        "",
        "2021-04-22",
        "",
        "1 Introduction",
        "",
        rng.choice(FILLER),
        "",
        f"Table 1: Milestones for {u.org} Observatory {u.dept} FY21",
        "",
        "Milestone\tJira ID\tRubin ID\tDue Date\tLevel\tTeam",
    ]
    for m in u.milestones:
        if rng.random() < 0.15 and " for phase" in m.name:
            head, tail = m.name.split(" for phase", 1)
            team_a, _, team_b = m.team.partition(" ")
            L.append(f"{head}\t{m.jira}\t{m.rubin}\t{m.due}\t{m.level}\t{team_a}")
            L.append(f"for phase{tail}\t\t\t\t\t{team_b}")
        else:
            L.append(f"{m.name}\t{m.jira}\t{m.rubin}\t{m.due}\t{m.level}\t{m.team}")
    L += [
        "",
        "",
        "2 Planning",
        "",
        rng.choice(FILLER),
        "",
        rng.choice(FILLER),
        "",
        "E Roles in Data Production FY21",
        "",
        "These are the roles and individuals becoming active in FY21.",
        "",
        f"Table 4: Team members for {u.dept} for {u.org} Observatory FY21",
        "",
        "WBS\tTeam\tRole Title\tRole Description\tInstitution\tFY21 FTE\tStaff",
    ]
    for r in u.roles:
        rows: list[tuple[str, str, str]] = [
            (inst, f"{fte:.2f}", rng.choice((p.inverted, p.inverted, p.full)))
            for p, fte, inst in r.holders
        ]
        rows += [(r.site, "0.50", "")] * r.vacancies
        for inst, fte, staff in rows:
            if rng.random() < 0.3:
                team_l = _wrap(r.team, 14, rng)
                title_l = _wrap(r.title, 16, rng)
                desc_l = _wrap(r.description, 60, rng)
                n = max(len(team_l), len(title_l), len(desc_l))
                for i in range(n):
                    cells = [
                        r.wbs if i == 0 else "",
                        team_l[i] if i < len(team_l) else "",
                        title_l[i] if i < len(title_l) else "",
                        desc_l[i] if i < len(desc_l) else "",
                        inst if i == 0 else "",
                        fte if i == 0 else "",
                        staff if i == 0 else "",
                    ]
                    L.append("\t".join(cells))
            else:
                L.append(
                    "\t".join(
                        [
                            r.wbs,
                            r.team,
                            _break(r.title, rng) if rng.random() < 0.2 else r.title,
                            r.description,
                            inst,
                            fte,
                            staff,
                        ]
                    )
                )
            if rng.random() < 0.05:
                L += ["", ""]
    L += [
        "",
        "D Acronyms",
        "",
        "Acronym\tDescription",
        "FTE\tFull-Time Equivalent",
        "FY21\tFinancial Year 21",
    ]
    return L


def write(org: Org, directory: Path) -> list[Path]:
    """Write the documents of ``org`` into ``directory``; returns the paths in order."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"orggraph-synth-text-{org.seed}-{org.scale}")
    paths: list[Path] = []
    for u in org.units:
        slug = u.handle.lower()
        for suffix, lines in (
            ("a-operations-plan", _ops_plan(u, org, rng)),
            ("b-planning", _planning(u, rng)),
        ):
            path = directory / f"{slug}-{suffix}.txt"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    org = generate(args.scale, args.seed)
    paths = write(org, args.out)
    planted = org.planted()
    print(f"{len(paths)} documents in {args.out}")
    print("nodes", dict(sorted(planted["nodes"].items())))
    print("edges", dict(sorted(planted["edges"].items())))


if __name__ == "__main__":
    main()


# ----------------------------------------------------------------------------- graphs


class _GraphBuilder:
    """One document's graph, built from the planted organisation (no parsing)."""

    def __init__(self, document: str, handle: str, title: str) -> None:
        from orggraph.graph.model import DocumentGraph

        self.graph = DocumentGraph(document, handle, title, "2023-01-30")
        self.ids: dict[str, str] = {}
        self.line = 0

    def node(self, label: str, name: str, **props: object) -> str:
        from orggraph.graph.model import Evidence, Node, make_id

        nid = make_id(label, name)
        if nid not in self.ids:
            self.line += 1
            self.ids[nid] = label
            ev = Evidence(self.graph.document, self.line, name)
            self.graph.nodes.append(Node(label, nid, name, [name], dict(props), [ev]))  # type: ignore[arg-type]
        return nid

    def edge(self, kind: str, source: str, target: str, quote: str, **props: object) -> None:
        from orggraph.graph.model import Edge, Evidence

        self.line += 1
        ev = Evidence(self.graph.document, self.line, quote)
        self.graph.edges.append(Edge(kind, source, target, dict(props), [ev]))  # type: ignore[arg-type]


def graphs(org: Org) -> list[Any]:
    """The planted organisation as DocumentGraphs (two per unit), ready for the writer.

    Used where parsing every document first would cost more than the benchmark can
    afford; ids come from ``make_id(label, name)``, so they differ from the loaders'
    normalised ids but the shape (labels, types, degrees, evidence) is the same.
    """
    out = []
    for u in org.units:
        slug = u.handle.lower()
        a = _GraphBuilder(f"{slug}-a-operations-plan.txt", u.handle, f"{u.dept} Operations plan")
        b = _GraphBuilder(f"{slug}-b-planning.txt", u.handle, f"{u.dept} planning")
        a.node("Person", u.author.full)
        for g in (a, b):
            for r in u.roles:
                rid = g.node("Role", r.title, title=r.title, wbs=[r.wbs])
                g.edge("MEMBER_OF", rid, g.node("Team", r.team), r.wbs)
                if r.site:
                    g.edge("LOCATED_AT", rid, g.node("Institution", r.site), r.title)
                if r.reports_to:
                    g.edge("REPORTS_TO", rid, g.node("Role", r.reports_to), r.description[-60:])
        for r in u.roles:
            rid = b.node("Role", r.title)
            for p, fte, inst in r.holders:
                pid = b.node("Person", p.full)
                b.edge("HOLDS", pid, rid, p.inverted, fte=fte, institution=inst)
                b.edge("AFFILIATED_WITH", pid, b.node("Institution", inst), inst)
                if r.title == f"{r.team} Lead":
                    b.edge("LEADS", pid, b.node("Team", r.team), r.title, confidence="inferred")
        for prod in [*u.products, *u.facilities]:
            status = {"TBD": "TBD", "?": "unknown", "": "unknown"}.get(prod.manager_form, "named")
            pid = a.node("Product", prod.name, manager_status=status, in_product_table=True)
            if prod.facility:
                a.node("Facility", prod.name)
            if prod.manager is not None and status == "named":
                a.edge("MANAGES", a.node("Person", prod.manager.full), pid, prod.manager.full)
            if prod.owner is not None and prod.owner_form in ("full", "initials", "uncertain"):
                a.edge("OWNS", a.node("Person", prod.owner.full), pid, prod.owner.full)
            for dep in prod.depends_on:
                a.edge("DEPENDS_ON", pid, a.node("Product", dep), f"{prod.name} runs on {dep}.")
        for fac, prod_name in u.hosts:
            a.edge(
                "HOSTS",
                a.node("Facility", fac),
                a.node("Product", prod_name),
                f"The {fac} will hold the {prod_name}.",
            )
        for m in u.milestones:
            mid = b.node(
                "Milestone", m.rubin, jira_id=m.jira, rubin_id=m.rubin, due=m.due, level=m.level
            )
            b.edge("RESPONSIBLE_FOR", b.node("Team", m.team), mid, m.name)
            if m.cites:
                b.edge("DEPENDS_ON", mid, b.node("Product", m.cites), m.cites)
        out += [a.graph, b.graph]
    return out


def one_document(parts: list, name: str) -> Any:
    """Several document graphs as one document called ``name`` (nodes and edges merged)."""
    from orggraph.graph.model import DocumentGraph, Evidence

    merged = DocumentGraph(name, "PLAN-1", "Merged plan", "2023-01-30")
    nodes: dict[str, Any] = {}
    edges: dict[str, Any] = {}
    for part in parts:
        for node in part.nodes:
            nodes.setdefault(node.id, node)
        for edge in part.edges:
            edges.setdefault(edge.key, edge)
    for item in [*nodes.values(), *edges.values()]:
        item.sources = [Evidence(name, e.line, e.quote) for e in item.sources]
    merged.nodes, merged.edges = list(nodes.values()), list(edges.values())
    return merged
