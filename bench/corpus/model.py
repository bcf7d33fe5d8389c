"""The synthetic organisation behind the corpus: teams, roles, people, products, milestones.

``make_org(seed, size)`` is deterministic: the same (seed, size) gives the same
organisation. Names are invented from syllables (``bench.synth``'s generator), unique
under the loaders' normalisation, so a name never stands for two entities.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench.synth import GIVEN, INSTITUTION_KINDS, PRODUCT_NOUNS, _Names

GROUP_FUNCTIONS = (
    "Data Services",
    "Data Production",
    "Data Abstraction",
    "Infrastructure",
    "Science Support",
    "Data Access",
    "System Integration",
    "Observing Support",
)
TEAM_FUNCTIONS = (
    "Middleware",
    "Pipelines",
    "Databases",
    "Networks",
    "Platform",
    "Calibration",
    "Release Engineering",
    "User Support",
    "Campaign Management",
    "Data Engineering",
    "Security",
    "Workflow",
)
ROLE_FUNCTIONS = (
    "Software Engineer",
    "Database Engineer",
    "Data Engineer",
    "Pipeline Scientist",
    "Production Scientist",
    "Services Architect",
    "Network Engineer",
    "Release & Build Engineer",
    "Data Wrangler",
    "Systems Administrator",
    "Workflow Developer",
    "Calibration Scientist",
    "Support Specialist",
    "Security Architect",
    "Operations Engineer",
    "Platform & Services Engineer",
)
GROUP_NOUNS = ("Services", "Platform", "Suite", "System", "Framework", "Toolkit")
FACILITY_KINDS = ("Data Facility", "Data Access Center", "Computing Facility")
DUTIES = (
    "Develops, maintains and deploys the {what} software, including integration tests "
    "and the deployment scripts of the production services.",
    "Responsible for the day to day operation of the {what} services: monitoring, "
    "incident response, capacity planning and coordination with the facilities.",
    "Designs and evolves the {what} systems used in regular processing and advises "
    "other groups on their use.",
    "Maintains the {what} environment for builds and distribution, and documents "
    "the procedures for using it.",
    "Provides engineering support to the {what} effort and keeps the code "
    "maintainable and well tested.",
)
MILESTONE_VERBS = ("Complete", "Deliver", "Demonstrate", "Deploy", "Commission", "Review")
MILESTONE_WORK = (
    "readiness review",
    "scale test",
    "migration plan",
    "operations rehearsal",
    "first release",
    "acceptance test",
    "capacity upgrade",
)
FTES = (0.2, 0.25, 0.5, 0.75, 1.0)


@dataclass
class Person:
    given: str
    family: str
    institution: str  # acronym

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}"

    @property
    def short(self) -> str:
        return f"{self.given[0]}. {self.family}"

    @property
    def aliases(self) -> tuple[str, ...]:
        return (self.full, self.inverted, self.short)


@dataclass
class Institution:
    acronym: str
    long: str


@dataclass
class Facility:
    acronym: str
    long: str
    parent: str = ""  # acronym of the facility this one is part of


@dataclass
class Team:
    name: str
    parent: str = ""  # the group (a Team) this team is part of
    code: str = ""  # WBS prefix
    area: str = ""  # two letters used in milestone ids


@dataclass
class Role:
    wbs: str
    base: str  # title without the site suffix
    team: str
    description: str
    site: str = ""  # institution or facility acronym (the ' - SITE' suffix)
    reports_to: str = ""  # title of the role this one reports to
    stated_reporting: bool = False  # the description says 'reports to the X'
    holders: list[tuple[Person, float]] = field(default_factory=list)
    vacancies: int = 0

    @property
    def title(self) -> str:
        return f"{self.base} - {self.site}" if self.site else self.base


@dataclass
class Product:
    name: str
    long: str = ""  # long name when ``name`` is an acronym
    group: str = ""  # name of the group product this one is part of
    is_group: bool = False
    manager: Person | None = None
    owner: Person | None = None
    contact: Person | None = None
    depends_on: list[str] = field(default_factory=list)
    hosted_at: str = ""  # facility acronym

    @property
    def aliases(self) -> tuple[str, ...]:
        return (self.name, self.long) if self.long else (self.name,)


@dataclass
class Milestone:
    rubin: str
    jira: str
    title: str
    due: str
    level: int
    team: str
    depends_on: list[str] = field(default_factory=list)  # rubin ids
    in_table: bool = True  # else only in the Gantt chart


@dataclass
class Change:
    version: str
    date: str
    description: str
    owner: Person


@dataclass
class Org:
    seed: int
    size: int
    name: str  # 'Kradex Observatory'
    dept: str
    project: str  # Jira project key
    authors: list[Person]
    institutions: dict[str, Institution]
    facilities: dict[str, Facility]
    teams: list[Team]
    roles: list[Role]
    people: list[Person]
    products: list[Product]
    milestones: list[Milestone]
    changes: list[Change]
    root_product: str

    def team(self, name: str) -> Team:
        return next(t for t in self.teams if t.name == name)

    def role(self, title: str) -> Role:
        return next(r for r in self.roles if r.title == title)

    def product(self, name: str) -> Product:
        return next(p for p in self.products if p.name == name)

    def site_label(self, acronym: str) -> str:
        return "Facility" if acronym in self.facilities else "Institution"

    @property
    def groups(self) -> list[Team]:
        return [t for t in self.teams if not t.parent and t.code != "1"]

    def children(self, group: str) -> list[Team]:
        return [t for t in self.teams if t.parent == group]

    def lead_of(self, team: str) -> Role | None:
        return next((r for r in self.roles if r.team == team and r.base == f"{team} Lead"), None)

    @property
    def head(self) -> Role:
        return self.roles[0]


def make_org(seed: int = 1, size: int = 1) -> Org:
    """A synthetic organisation; ``size`` 1 is small (~30 roles), each step adds a group."""
    rng = random.Random(f"orggraph-corpus-{seed}-{size}")
    names = _Names(rng)
    org_name = f"{names.word()} Observatory"
    dept = rng.choice(("Data Management", "Data Production", "Computing Operations"))
    project = names.acronym(rng.choice((4, 5)))

    institutions: dict[str, Institution] = {}
    for _ in range(3 + size):
        acr = names.acronym(rng.choice((4, 5)))
        institutions[acr] = Institution(acr, f"{names.word()} {rng.choice(INSTITUTION_KINDS)}")
    facilities: dict[str, Facility] = {}
    for _ in range(2 + (size + 1) // 2):
        acr = names.acronym(rng.choice((4, 5)), "DF")
        facilities[acr] = Facility(acr, f"{names.word((1, 2))} {rng.choice(FACILITY_KINDS)}")
    fac_list = list(facilities)
    facilities[fac_list[-1]].parent = fac_list[0]
    inst_list = list(institutions)

    people: list[Person] = []

    def person(inst: str = "") -> Person:
        given = rng.choice(GIVEN)
        roll = rng.random()
        family = (
            f"{names.word((1, 2))}-{names.word((1, 2))}"
            if roll < 0.06
            else "O'" + names.word((1, 2))
            if roll < 0.09
            else names.word()
        )
        p = Person(given, family, inst or rng.choice(inst_list))
        people.append(p)
        return p

    authors = [person(), person()]

    # teams: a management team, groups, and the teams inside each group
    section = rng.randint(2, 6)
    areas: set[str] = set()

    def area() -> str:
        while True:
            a = "".join(rng.choice("ABCDEFGHKLMNPRSTUVWXYZ") for _ in range(2))
            if a not in areas:
                areas.add(a)
                return a

    teams = [Team(f"{dept} Management", code="1", area=area())]
    group_funcs = rng.sample(GROUP_FUNCTIONS, min(len(GROUP_FUNCTIONS), 1 + size))
    team_funcs = list(TEAM_FUNCTIONS)
    rng.shuffle(team_funcs)
    for gi, func in enumerate(group_funcs):
        group = Team(func, code=str(gi + 2), area=area())
        teams.append(group)
        for ti in range(2 if size < 3 else 3):
            tfunc = team_funcs[(gi * 3 + ti) % len(team_funcs)]
            teams.append(Team(f"{names.word()} {tfunc}", group.name, f"{gi + 2}.{ti + 1}", area()))

    # roles: the head, a lead per group and team, staff roles in each team
    roles: list[Role] = []
    head = Role(
        f"{section}.1a",
        f"Head of {dept}",
        teams[0].name,
        f"Leads the {dept} department and represents it to the observatory director.",
    )
    roles.append(head)
    deputy = Role(
        f"{section}.1b",
        f"{dept} Deputy Manager",
        teams[0].name,
        f"Assists the head of the department; reports to the {head.title}.",
        reports_to=head.title,
        stated_reporting=True,
    )
    roles.append(deputy)
    used_titles: set[str] = {head.title, deputy.title}
    for team in teams[1:]:
        parent_lead = f"{team.parent} Lead" if team.parent else head.title
        wbs = f"{section}.{team.code}"
        stated = rng.random() < 0.5
        lead = Role(
            f"{wbs}a",
            f"{team.name} Lead",
            team.name,
            f"Organises the work of the {team.name} team and assigns it so that every "
            "maintained product has continuity of maintenance."
            + (f" Reports to the {parent_lead}." if stated else ""),
            reports_to=parent_lead,
            stated_reporting=stated,
        )
        roles.append(lead)
        used_titles.add(lead.title)
        if not team.parent:
            continue
        code = team.name.split()[0]
        what = team.name.split(" ", 1)[1].lower()
        for ri in range(2 + size // 2 + rng.randint(0, 2)):
            func = rng.choice(ROLE_FUNCTIONS)
            roll = rng.random()
            site = (
                rng.choice(inst_list) if roll < 0.35 else rng.choice(fac_list) if roll < 0.5 else ""
            )
            role = Role(
                f"{wbs}{chr(ord('b') + ri)}",
                f"{code} {func}",
                team.name,
                rng.choice(DUTIES).format(what=what),
                site,
            )
            if role.title in used_titles:
                continue
            used_titles.add(role.title)
            if rng.random() < 0.2:
                role.description += f" Reports to the {lead.title}."
                role.reports_to, role.stated_reporting = lead.title, True
            roles.append(role)

    for r in roles:
        roll = rng.random()
        if r is head or (r.base.endswith(" Lead") and roll < 0.9) or roll < 0.7:
            inst = r.site if r.site in institutions else ""
            r.holders.append((person(inst), rng.choice(FTES)))
            if rng.random() < 0.12 and not r.base.endswith(" Lead"):
                r.holders.append((person(inst), rng.choice(FTES)))
        else:
            r.vacancies = 1
    # a few people hold two roles (at the same institution)
    holders = [p for r in roles for p, _ in r.holders]
    for r in rng.sample(roles[2:], max(1, len(roles) // 12)):
        if r.holders or (r.site and r.site in institutions):
            continue
        p = rng.choice(holders)
        r.holders.append((p, 0.2))
        r.vacancies = 0

    # products: a root, groups (one with a sub-group), leaves
    root = f"{names.word()} Data System"
    products: list[Product] = []
    pool = holders
    for _gi in range(1 + size):
        group = Product(
            f"{names.word()} {rng.choice(GROUP_NOUNS)}",
            group=root,
            is_group=True,
            manager=rng.choice(pool) if rng.random() < 0.6 else None,
        )
        products.append(group)
        parents = [group]
        if _gi == 0:
            sub = Product(
                f"{names.word()} {rng.choice(GROUP_NOUNS)}",
                group=group.name,
                is_group=True,
                manager=rng.choice(pool),
            )
            products.append(sub)
            parents.append(sub)
        for parent in parents:
            for noun in rng.sample(PRODUCT_NOUNS, 2 if parent is not group else 3 + size // 2):
                word = names.word()
                if rng.random() < 0.3:
                    prod = Product(names.acronym(rng.choice((3, 4))), long=f"{word} {noun}")
                else:
                    prod = Product(f"{word} {noun}")
                prod.group = parent.name
                roll = rng.random()
                prod.manager = rng.choice(pool) if roll < 0.75 else None
                if rng.random() < 0.35:
                    prod.owner = rng.choice(pool)
                if rng.random() < 0.5:
                    prod.contact = rng.choice(pool)
                if rng.random() < 0.45:
                    prod.hosted_at = rng.choice(fac_list)
                products.append(prod)
    leaves = [p for p in products if not p.is_group]
    for i, prod in enumerate(leaves):
        if i and rng.random() < 0.45:
            dep = leaves[rng.randrange(i)].name
            prod.depends_on.append(dep)

    # milestones: level 2/3, ids L<level>-<AREA>-<nnnn>, Jira keys, one responsible team
    milestones: list[Milestone] = []
    working = [t for t in teams if t.parent]
    titles: set[str] = set()
    for mi in range(6 + 3 * size):
        team = rng.choice(working)
        level = rng.choice((2, 3, 3))
        while True:
            title = (
                f"{rng.choice(MILESTONE_VERBS)} {team.name} {rng.choice(MILESTONE_WORK)}"
                f" {rng.choice(('I', 'II', 'III', 'IV', 'V', 'VI'))}"
            )
            if title not in titles:
                titles.add(title)
                break
        number = 10 * (1 + sum(1 for m in milestones if m.rubin.split("-")[1] == team.area))
        year = 2024 + mi * 3 // (6 + 3 * size)
        due = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        m = Milestone(
            f"L{level}-{team.area}-{number:04d}",
            f"{project}-{100 + mi}",
            title,
            due,
            level,
            team.name,
        )
        if milestones and rng.random() < 0.35:
            m.depends_on.append(rng.choice(milestones).rubin)
        m.in_table = rng.random() < 0.7
        milestones.append(m)
    milestones.sort(key=lambda m: (m.due, m.rubin))

    changes = [
        Change("0.1", "2023-01-10", "First draft.", authors[0]),
        Change("0.2", "2023-03-02", "Added the product list.", rng.choice(holders)),
        Change("1.0", "2023-06-20", "Issued for review.", authors[1]),
    ]
    return Org(
        seed,
        size,
        org_name,
        dept,
        project,
        authors,
        institutions,
        facilities,
        teams,
        roles,
        people,
        products,
        milestones,
        changes,
        root,
    )
