"""The document forms: each writes blocks for part of an organisation and plants its facts.

A form takes the organisation and a style generator (``rng``: header synonyms, column
order, caption wording, name spellings vary with it) and returns blocks and the facts
they state, each with its carrier.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .blocks import Bar, Block, Box, Figure, Heading, Items, Para, Row, Table
from .model import Milestone, Org, Person, Product, Role
from .truth import Facts, NodeKey

FILLER = (
    "The plan is reviewed every year and changes are recorded in the change record.",
    "Work is tracked in the issue tracker and reported to the funding agencies each quarter.",
    "Background material on the choices made here is documented in technical notes.",
    "Risks are managed according to the observatory risk management plan.",
    "The construction era architecture is described in earlier design documents.",
    "Staffing levels are revisited during the annual planning cycle.",
)


# ----------------------------------------------------------------------------- keys


def person_key(f: Facts, p: Person, carrier: str, form: str) -> NodeKey:
    return f.node("Person", p.full, carrier, form, p.aliases)


def site_key(f: Facts, org: Org, acr: str, carrier: str, form: str) -> NodeKey:
    if acr in org.facilities:
        return f.node("Facility", acr, carrier, form, (acr, org.facilities[acr].long))
    return f.node("Institution", acr, carrier, form, (acr, org.institutions[acr].long))


def product_key(f: Facts, p: Product, carrier: str, form: str) -> NodeKey:
    return f.node("Product", p.name, carrier, form, p.aliases)


def milestone_key(f: Facts, m: Milestone, carrier: str, form: str) -> NodeKey:
    return f.node("Milestone", m.title, carrier, form, (m.title, m.rubin, m.jira))


def role_facts(f: Facts, org: Org, r: Role, carrier: str, form: str) -> NodeKey:
    """The role, its site (LOCATED_AT, from the title suffix)."""
    rk = f.node("Role", r.title, carrier, form)
    if r.site:
        f.edge("LOCATED_AT", rk, site_key(f, org, r.site, carrier, form), carrier, form)
    return rk


# ----------------------------------------------------------------------------- styles


def pick(rng: random.Random, options: tuple[str, ...] | list[str]) -> str:
    return rng.choice(list(options))


def ordered(rng: random.Random, keys: list[str], fixed_first: bool = True) -> list[str]:
    """A column order: the given one, or a shuffle (first column kept, most of the time)."""
    if rng.random() < 0.5:
        return keys
    rest = keys[1:] if fixed_first and rng.random() < 0.7 else keys[:]
    rng.shuffle(rest)
    return [keys[0], *rest] if len(rest) < len(keys) else rest


def build_table(
    rng: random.Random,
    caption: str,
    columns: dict[str, tuple[tuple[str, ...], float]],
    rows: list[dict[str, str] | Row],
    order: list[str] | None = None,
    long: bool = False,
    wrap: float = 0.0,
) -> Table:
    """A table from keyed rows; header synonyms and column order drawn from ``rng``."""
    keys = order or ordered(rng, list(columns))
    header = [pick(rng, columns[k][0]) for k in keys]
    widths = [columns[k][1] for k in keys]
    total = sum(widths)
    out: list[Row] = []
    for row in rows:
        if isinstance(row, Row):
            if row.group:
                out.append(Row([row.cells[0]] + [""] * (len(keys) - 1), group=True))
            else:
                out.append(row)
            continue
        out.append(Row([row.get(k, "") for k in keys]))
    return Table(caption, header, out, [w / total for w in widths], long, wrap)


def keyed_row(rng: random.Random, table_keys: list[str], cells: dict[str, str]) -> Row:
    return Row([cells.get(k, "") for k in table_keys])


def name_as(rng: random.Random, p: Person, inverted: float = 0.5) -> str:
    return p.inverted if rng.random() < inverted else p.full


# ----------------------------------------------------------------------------- forms


def roles_form(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """Role tables, one per team, captioned with the team: WBS | Role Title | Role Description."""
    form = "roles"
    headers = rng.choice(
        (
            ("WBS", "Role Title", "Role Description"),
            ("WBS", "Role", "Description"),
            ("WBS Element", "Position", "Responsibilities"),
            ("Code", "Title", "Duties"),
        )
    )
    order = ["wbs", "title", "desc"] if rng.random() < 0.75 else ["title", "wbs", "desc"]
    caption = rng.choice(
        (
            "{team} roles for {org} {dept} Operations",
            "Roles of the {team} team",
            "{team} team roles",
        )
    )
    columns = {
        "wbs": ((headers[0],), 0.12),
        "title": ((headers[1],), 0.3),
        "desc": ((headers[2],), 0.58),
    }
    blocks: list[Block] = [
        Heading(1, "Roles and Responsibilities"),
        Para(
            f"The roles of the {org.dept} department are listed per team. "
            "A role with a site suffix is held at that site."
        ),
    ]
    for team in org.teams:
        if not team.parent and team.code != "1":
            blocks.append(Heading(2, f"{team.name} Roles"))
        mine = [r for r in org.roles if r.team == team.name]
        if not mine:
            continue
        tk = f.node("Team", team.name, "table", form)
        rows: list[dict[str, str] | Row] = []
        for r in mine:
            rk = role_facts(f, org, r, "table", form)
            f.edge("MEMBER_OF", rk, tk, "table", form)
            if r.stated_reporting:
                f.edge("REPORTS_TO", rk, f.node("Role", r.reports_to, "table", form), "table", form)
            rows.append({"wbs": r.wbs, "title": r.title, "desc": r.description})
        cap = caption.format(team=team.name, org=org.name, dept=org.dept)
        blocks.append(build_table(rng, cap, columns, rows, order=order, long=len(rows) > 8))
    return blocks


def staff_form(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """The staff table: one row per holder (or vacancy), FTEs and institutions."""
    form = "staff"
    year = rng.choice(("FY24", "FY25", "FY26"))
    columns = {
        "wbs": (("WBS",), 0.08),
        "team": (("Team", "Group", "Team Name"), 0.14),
        "title": (("Role Title", "Role", "Position"), 0.2),
        "desc": (("Role Description", "Description"), 0.3),
        "inst": (("Institution", "Employer", "Home Institution"), 0.1),
        "fte": ((f"{year} FTE", "FTE", "Effort (FTE)"), 0.07),
        "staff": (("Staff", "Name", "Person", "Assigned"), 0.11),
    }
    if rng.random() < 0.5:
        del columns["desc"]
    vacant = pick(rng, ("TBD", "Vacant", "TBH"))
    rows: list[dict[str, str] | Row] = []
    for r in org.roles:
        tk = f.node("Team", r.team, "table", form)
        rk = role_facts(f, org, r, "table", form)
        f.edge("MEMBER_OF", rk, tk, "table", form)
        if "desc" in columns and r.stated_reporting:
            f.edge("REPORTS_TO", rk, f.node("Role", r.reports_to, "table", form), "table", form)
        base = {"wbs": r.wbs, "team": r.team, "title": r.title, "desc": r.description}
        for p, fte in r.holders:
            pk = person_key(f, p, "table", form)
            ik = f.node(
                "Institution",
                p.institution,
                "table",
                form,
                (p.institution, org.institutions[p.institution].long),
            )
            f.edge("HOLDS", pk, rk, "table", form, fte=fte, institution=p.institution)
            f.edge("AFFILIATED_WITH", pk, ik, "table", form)
            if r.base == f"{r.team} Lead":
                f.edge("LEADS", pk, tk, "table", form)
            rows.append(
                {**base, "inst": p.institution, "fte": f"{fte:.2f}", "staff": name_as(rng, p, 0.6)}
            )
        for _ in range(r.vacancies):
            rows.append({**base, "inst": r.site, "fte": "0.50", "staff": vacant})
    cap = pick(
        rng,
        (
            f"Team members for {org.dept} for {org.name} {year}",
            f"Staff of the {org.dept} department in {year}",
            f"Roles and individuals active in {year}",
        ),
    )
    table = build_table(rng, cap, columns, rows, long=True, wrap=0.3)
    return [
        Heading(1, f"Roles in {org.dept} {year}"),
        Para("These are the roles and the individuals who hold them."),
        table,
    ]


def _product_rows(org: Org, rng: random.Random, f: Facts, form: str, style: str) -> list:
    """Rows of the product table: group rows (a span, or a bold row) and their members."""
    rows: list[dict[str, str] | Row] = []
    na = pick(rng, ("", "N/A", "-"))

    def cells(p: Product) -> dict[str, str]:
        manager = name_as(rng, p.manager, 0.3) if p.manager else pick(rng, ("TBD", "TBD", "?"))
        owner = name_as(rng, p.owner, 0.2) if p.owner else na
        return {"product": p.name, "manager": manager, "owner": owner, "desc": p.long}

    def plant(p: Product) -> NodeKey:
        pk = product_key(f, p, "table", form)
        if p.manager:
            f.edge("MANAGES", person_key(f, p.manager, "table", form), pk, "table", form)
        if p.owner:
            f.edge("OWNS", person_key(f, p.owner, "table", form), pk, "table", form)
        return pk

    for group in (p for p in org.products if p.is_group):
        if style == "bold":  # a full row in bold: the group's own manager and owner
            gk = plant(group)
            row = cells(group)
            rows.append(Row([row["product"], row["manager"], row["owner"], row["desc"]], bold=True))
        else:  # a spanning group row states only the group's name
            gk = product_key(f, group, "table", form)
            rows.append(Row([group.name], group=True))
        for p in org.products:
            if p.group == group.name and not p.is_group:
                f.edge("PART_OF", plant(p), gk, "table", form)
                rows.append(cells(p))
    return rows


def products_form(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """The product table with group rows (PART_OF): Product | Manager | Owner | Description."""
    form = "products"
    style = rng.choice(("span", "bold"))
    columns = {
        "product": (("Product", "Component", "Software Product", "Service"), 0.25),
        "manager": (("Manager", "Product Manager", "Technical Manager"), 0.22),
        "owner": (("Owner", "Product Owner", "Scientific Owner"), 0.22),
        "desc": (("Description", "Notes", "Long Name"), 0.31),
    }
    keys = ["product", "manager", "owner", "desc"]
    if rng.random() < 0.3:
        keys = ["product", "owner", "manager", "desc"]
    rows = _product_rows(org, rng, f, form, style)
    # bold and span rows were built in the default order: reorder their cells
    default = ["product", "manager", "owner", "desc"]
    reordered: list[dict[str, str] | Row] = []
    for row in rows:
        if isinstance(row, Row) and row.bold:
            cellmap = dict(zip(default, row.cells, strict=True))
            reordered.append(Row([cellmap[k] for k in keys], bold=True))
        else:
            reordered.append(row)
    cap = pick(rng, (f"Products of {org.dept}", "Product list", f"{org.dept} products and owners"))
    return [
        Heading(1, "Products"),
        Para("Each product has a manager; some have a product owner. Group rows gather products."),
        build_table(rng, cap, columns, reordered, order=keys, long=True),
    ]


def milestones_form(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """The milestone table and a Gantt chart of every milestone, one lane per team."""
    form = "milestones"
    columns = {
        "title": (("Milestone", "Title", "Description"), 0.3),
        "rubin": (("Rubin ID", "Milestone ID", "ID"), 0.14),
        "jira": (("Jira ID", "Jira", "Key"), 0.13),
        "due": (("Due Date", "Due", "Target Date"), 0.13),
        "level": (("Level", "Lvl"), 0.06),
        "team": (("Team", "Responsible", "Responsible Team"), 0.2),
    }
    with_deps = rng.random() < 0.6
    if with_deps:
        columns["deps"] = (("Depends On", "Predecessors", "Requires"), 0.14)
    rows: list[dict[str, str] | Row] = []
    for m in org.milestones:
        if not m.in_table:
            continue
        mk = milestone_key(f, m, "table", form)
        f.edge("RESPONSIBLE_FOR", f.node("Team", m.team, "table", form), mk, "table", form)
        if with_deps:
            for dep in m.depends_on:
                target = next(x for x in org.milestones if x.rubin == dep)
                f.edge("DEPENDS_ON", mk, milestone_key(f, target, "table", form), "table", form)
        rows.append(
            {
                "title": m.title,
                "rubin": m.rubin,
                "jira": m.jira,
                "due": m.due,
                "level": str(m.level),
                "team": m.team,
                "deps": ", ".join(m.depends_on),
            }
        )
    cap = pick(
        rng,
        (
            f"Milestones for {org.name} {org.dept}",
            "Level 2 and level 3 milestones",
            f"{org.dept} milestones for the coming years",
        ),
    )
    gantt = Figure("gantt", pick(rng, ("Milestone schedule", "Gantt chart of the milestones")))
    for m in org.milestones:
        mk = milestone_key(f, m, "figure", form)
        f.edge("RESPONSIBLE_FOR", f.node("Team", m.team, "figure", form), mk, "figure", form)
        gantt.bars.append(Bar(m.rubin, f"{m.rubin} {m.title}", m.due, m.team))
    return [
        Heading(1, "Milestones"),
        Para("The milestones below are tracked in the issue tracker under their keys."),
        build_table(rng, cap, columns, rows, wrap=0.15, long=True),
        gantt,
    ]


def responsibility_form(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """Who is responsible for each product area, and whom to contact."""
    form = "responsibility"
    columns = {
        "area": (("Product", "Area", "Service"), 0.34),
        "resp": (("Responsible", "Responsible Person", "Lead"), 0.33),
        "contact": (("Contact", "Backup", "Deputy"), 0.33),
    }
    rows: list[dict[str, str] | Row] = []
    for p in org.products:
        if p.is_group or not (p.manager or p.contact):
            continue
        pk = product_key(f, p, "table", form)
        if p.manager:
            f.edge("MANAGES", person_key(f, p.manager, "table", form), pk, "table", form)
        if p.contact:
            person_key(f, p.contact, "table", form)
        rows.append(
            {
                "area": (p.long or p.name) if rng.random() < 0.3 else p.name,
                "resp": p.manager.full if p.manager else pick(rng, ("TBD", "-")),
                "contact": p.contact.full if p.contact else "",
            }
        )
    cap = pick(rng, ("Responsibilities by product", "Responsibility matrix", "Who to contact"))
    return [
        Heading(1, "Responsibilities"),
        Para("The responsible person manages the product; the contact stands in for them."),
        build_table(rng, cap, columns, rows),
    ]


def tree_form(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """A product tree figure: boxes for the root, groups and products, lines between them."""
    form = "tree"
    boxes = [Box("root", [org.root_product])]
    f.node("Product", org.root_product, "figure", form)
    keys = {org.root_product: "root"}
    for i, p in enumerate(org.products):
        keys[p.name] = f"p{i}"
    for i, p in enumerate(org.products):
        lines = [p.name] + ([p.long] if p.long else [])
        boxes.append(Box(f"p{i}", lines, keys[p.group]))
        pk = product_key(f, p, "figure", form)
        parent = org.root_product if p.group == org.root_product else p.group
        parent_key = (
            ("Product", parent)
            if parent == org.root_product
            else product_key(f, org.product(parent), "figure", form)
        )
        f.edge("PART_OF", pk, parent_key, "figure", form)
    cap = pick(rng, (f"The {org.dept} product tree", "Product tree", "Products and their groups"))
    return [
        Heading(1, "Product Tree"),
        Para("The figure shows how the products are grouped."),
        Figure("tree", cap, boxes),
    ]


def orgchart_form(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """An org chart: boxes with a role title and its holder, lines for reporting."""
    form = "orgchart"
    chart = [r for r in org.roles if r is org.head or r.base.endswith(" Lead") or r is org.roles[1]]
    keys = {r.title: f"r{i}" for i, r in enumerate(chart)}
    boxes: list[Box] = []
    vacant = pick(rng, ("Vacant", "TBD"))
    for r in chart:
        holder = r.holders[0][0] if r.holders else None
        lines = [r.title, holder.full if holder else vacant]
        boxes.append(Box(keys[r.title], lines, keys.get(r.reports_to, "")))
        rk = f.node("Role", r.title, "figure", form)
        if holder:
            f.edge("HOLDS", person_key(f, holder, "figure", form), rk, "figure", form)
        if r.reports_to:
            f.edge("REPORTS_TO", rk, f.node("Role", r.reports_to, "figure", form), "figure", form)
    cap = pick(rng, (f"{org.dept} organisation chart", "Organisation chart", "Reporting lines"))
    return [
        Heading(1, "Organisation"),
        Para("The organisation chart shows the leads and whom they report to."),
        Figure("orgchart", cap, boxes),
    ]


def teamlists_form(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """Team hierarchy and members as lists under headings; lead sentences; a product list."""
    form = "teamlists"
    blocks: list[Block] = [Heading(1, "Teams")]
    for group in org.groups:
        gk = f.node("Team", group.name, "list", form)
        blocks.append(Heading(2, group.name))
        intro = pick(
            rng,
            (
                f"The {group.name} group includes:",
                f"{group.name} consists of the following teams:",
                f"The teams of the {group.name} group are:",
            ),
        )
        members = org.children(group.name)
        for t in members:
            f.edge("PART_OF", f.node("Team", t.name, "list", form), gk, "list", form)
        blocks.append(Items([(0, t.name) for t in members], intro))
        for t in members:
            lead = org.lead_of(t.name)
            if lead and lead.holders and rng.random() < 0.7:
                p = lead.holders[0][0]
                pk = person_key(f, p, "prose", form)
                tk = f.node("Team", t.name, "prose", form)
                f.edge("LEADS", pk, tk, "prose", form)
                blocks.append(
                    Para(
                        pick(
                            rng,
                            (
                                f"{p.full} leads the {t.name} team.",
                                f"The {t.name} team is led by {p.full}.",
                            ),
                        )
                    )
                )
        # one team per group: its members with their roles and institutions
        t = members[0]
        items: list[tuple[int, str]] = []
        tk = f.node("Team", t.name, "list", form)
        for r in org.roles:
            if r.team != t.name:
                continue
            for p, _fte in r.holders:
                rk = role_facts(f, org, r, "list", form)
                pk = person_key(f, p, "list", form)
                ik = f.node(
                    "Institution",
                    p.institution,
                    "list",
                    form,
                    (p.institution, org.institutions[p.institution].long),
                )
                f.edge("MEMBER_OF", rk, tk, "list", form)
                f.edge("HOLDS", pk, rk, "list", form)
                f.edge("AFFILIATED_WITH", pk, ik, "list", form)
                if r.base == f"{r.team} Lead":  # as in the staff table: the lead leads
                    f.edge("LEADS", pk, tk, "list", form)
                items.append((0, f"{p.full} ({p.institution}), {r.title}"))
        if items:
            blocks.append(Items(items, f"Members of the {t.name} team:"))
    blocks.append(Heading(1, "Product Breakdown"))
    items = [(0, org.root_product)]
    rk = f.node("Product", org.root_product, "list", form)

    def walk(parent: str, parent_key: NodeKey, depth: int) -> None:
        for p in org.products:
            if p.group == parent:
                pk = product_key(f, p, "list", form)
                f.edge("PART_OF", pk, parent_key, "list", form)
                items.append((depth, p.name))
                if p.is_group:
                    walk(p.name, pk, depth + 1)

    walk(org.root_product, rk, 1)
    blocks.append(Items(items, "The products are organised as follows:"))
    return blocks


SentenceMaker = Callable[[str, str], str]

DEPENDS = (
    "{a} depends on {b}.",
    "{a} runs on {b}.",
    "{a} relies on the {b}.",
    "{a} requires {b}.",
    "{a} is built on {b}.",
)
HOSTS = (
    "{a} is hosted at the {b}.",
    "The {b} hosts {a}.",
    "{a} runs at the {b}.",
    "{a} is operated by the {b}.",
    "{a} is deployed at the {b}.",
)
PART_OF = ("{a} is part of {b}.", "{a} is a component of the {b}.", "{a} belongs to {b}.")
MS_DEPENDS = (
    "{a} depends on {b}.",
    "{a} cannot start before {b} is complete.",
    "{a} requires {b}.",
)


def sentences_form(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """Facts in running text: part of, hosted at, depends on, manages, reports to."""
    form = "sentences"
    paras: list[str] = []
    for p in org.products:
        if p.is_group:
            continue
        name = p.long if p.long and rng.random() < 0.4 else p.name
        pk = product_key(f, p, "prose", form)
        said: list[str] = []
        if p.hosted_at:
            fac = org.facilities[p.hosted_at]
            fk = site_key(f, org, p.hosted_at, "prose", form)
            f.edge("HOSTS", fk, pk, "prose", form)
            where = fac.long if rng.random() < 0.4 else fac.acronym
            said.append(pick(rng, HOSTS).format(a=name, b=where))
        for dep in p.depends_on:
            d = org.product(dep)
            f.edge("DEPENDS_ON", pk, product_key(f, d, "prose", form), "prose", form)
            said.append(pick(rng, DEPENDS).format(a=name, b=d.name))
        if rng.random() < 0.25:
            g = org.product(p.group)
            f.edge("PART_OF", pk, product_key(f, g, "prose", form), "prose", form)
            said.append(pick(rng, PART_OF).format(a=name, b=g.name))
        if p.manager and rng.random() < 0.3:
            f.edge("MANAGES", person_key(f, p.manager, "prose", form), pk, "prose", form)
            said.append(
                pick(rng, ("{a} is managed by {b}.", "{b} manages {a}.")).format(
                    a=name, b=p.manager.full
                )
            )
        if said:
            said.insert(rng.randrange(len(said) + 1), pick(rng, FILLER))
            paras.append(" ".join(said))
    team_lines: list[str] = []
    for t in org.teams:
        if t.parent and rng.random() < 0.5:
            f.edge(
                "PART_OF",
                f.node("Team", t.name, "prose", form),
                f.node("Team", t.parent, "prose", form),
                "prose",
                form,
            )
            team_lines.append(
                pick(
                    rng,
                    (
                        f"The {t.name} team is part of {t.parent}.",
                        f"{t.name} sits within the {t.parent} group.",
                    ),
                )
            )
    for acr, fac in org.facilities.items():
        if fac.parent:
            f.edge(
                "PART_OF",
                site_key(f, org, acr, "prose", form),
                site_key(f, org, fac.parent, "prose", form),
                "prose",
                form,
            )
            team_lines.append(f"The {acr} is part of the {fac.parent}.")
    ms_lines: list[str] = []
    for m in org.milestones:
        for dep in m.depends_on:
            target = next(x for x in org.milestones if x.rubin == dep)
            f.edge(
                "DEPENDS_ON",
                milestone_key(f, m, "prose", form),
                milestone_key(f, target, "prose", form),
                "prose",
                form,
            )
            ms_lines.append(pick(rng, MS_DEPENDS).format(a=m.rubin, b=dep))
    report_lines: list[str] = []
    for r in org.roles:
        if r.reports_to and r.base.endswith(" Lead") and rng.random() < 0.5:
            f.edge(
                "REPORTS_TO",
                f.node("Role", r.title, "prose", form),
                f.node("Role", r.reports_to, "prose", form),
                "prose",
                form,
            )
            report_lines.append(f"The {r.title} reports to the {r.reports_to}.")
    blocks: list[Block] = [Heading(1, "Products and Services")]
    blocks += [Para(p) for p in paras]
    blocks.append(Heading(1, "Organisation and Facilities"))
    if team_lines:
        blocks.append(Para(" ".join(team_lines)))
    if report_lines:
        blocks.append(Para(" ".join(report_lines)))
    if ms_lines:
        blocks += [Heading(1, "Schedule"), Para(" ".join(ms_lines))]
    return blocks


FORMS: dict[str, Callable[[Org, random.Random, Facts], list[Block]]] = {
    "roles": roles_form,
    "staff": staff_form,
    "products": products_form,
    "milestones": milestones_form,
    "responsibility": responsibility_form,
    "tree": tree_form,
    "orgchart": orgchart_form,
    "teamlists": teamlists_form,
    "sentences": sentences_form,
}

TITLES = {
    "roles": "Roles and responsibilities of {dept}",
    "staff": "{dept} staffing plan",
    "products": "{dept} product list",
    "milestones": "{dept} milestones and schedule",
    "responsibility": "{dept} responsibilities",
    "tree": "{dept} product tree",
    "orgchart": "{dept} organisation chart",
    "teamlists": "{dept} teams",
    "sentences": "{dept} services and dependencies",
    "plan": "Management and execution plan for {dept}",
}


def change_record(org: Org, rng: random.Random, f: Facts) -> Table:
    """Version | Date | Description | Owner; owners are Person nodes."""
    columns = {
        "version": (("Version",), 0.12),
        "date": (("Date",), 0.16),
        "desc": (("Description",), 0.47),
        "owner": (("Owner", "Owner name", "Author"), 0.25),
    }
    rows: list[dict[str, str] | Row] = []
    for c in org.changes:
        person_key(f, c.owner, "table", "changes")
        rows.append(
            {
                "version": c.version,
                "date": c.date,
                "desc": c.description,
                "owner": c.owner.full,
            }
        )
    return build_table(rng, "Change record", columns, rows, order=list(columns))


def glossary(org: Org, rng: random.Random, f: Facts) -> list[Block]:
    """Acronym | Description for the acronyms the document uses (their expansions alias them)."""
    used = {k for k in f.known_aliases} | {(n.label, n.name) for n in f.nodes}
    used |= {e.source for e in f.edges} | {e.target for e in f.edges}
    entries: dict[str, str] = {}
    for label, name in sorted(used):
        long = ""
        if label == "Institution":
            long = org.institutions[name].long
        elif label == "Facility":
            long = org.facilities[name].long
        elif label == "Product":
            p = next((p for p in org.products if p.name == name), None)
            long = p.long if p else ""
        if long:
            entries[name] = long
            f.alias(label, name, long, "table", "glossary")
    entries.update({"FTE": "Full-Time Equivalent", "WBS": "Work Breakdown Structure"})
    head = rng.choice((("Acronym", "Description"), ("Acronym", "Definition"), ("Term", "Meaning")))
    rows: list[dict[str, str] | Row] = [{"a": k, "d": v} for k, v in sorted(entries.items())]
    table = build_table(
        rng, "Acronyms", {"a": ((head[0],), 0.25), "d": ((head[1],), 0.75)}, rows, order=["a", "d"]
    )
    return [Heading(1, "Acronyms", "A"), table]
