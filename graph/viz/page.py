"""A :class:`ViewGraph` as a self-contained interactive pyvis page.

Building is linear: pyvis's ``add_node``/``add_edge`` scan lists (quadratic as
shipped), so the vis.js records are made here and put into the
:class:`pyvis.network.Network` directly; pyvis supplies the network model and
the vis-network assets, rendered through this package's own template (pyvis's
own template fetches Bootstrap from a CDN).  Every piece of document text is
HTML-escaped before it reaches a tooltip.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from orggraph.graph.model import REL_TYPES
from orggraph.graph.viz.treelayout import BOX_H, BOX_W
from pyvis.network import Network

#: no view draws more than this many nodes, whatever it is asked
HARD_MAX_NODES = 1500

#: label -> (shape, colour, legend glyph); the legend and the nodes share this
LABEL_STYLE: dict[str, tuple[str, str, str]] = {
    "Person": ("dot", "#4e79a7", "●"),
    "Role": ("square", "#f28e2b", "■"),
    "Team": ("hexagon", "#59a14f", "⬢"),
    "Product": ("diamond", "#e15759", "◆"),
    "Facility": ("triangle", "#76b7b2", "▲"),
    "Milestone": ("star", "#d4a017", "★"),
    "Institution": ("triangleDown", "#b07aa1", "▼"),
    "Document": ("box", "#9c755f", "▭"),
}
_OTHER_STYLE = ("dot", "#999999", "●")

#: relationship type -> edge colour
TYPE_COLOUR: dict[str, str] = {
    "HOLDS": "#f28e2b",
    "REPORTS_TO": "#4e79a7",
    "MEMBER_OF": "#59a14f",
    "LEADS": "#2f6b2a",
    "MANAGES": "#e15759",
    "OWNS": "#a0282a",
    "HOSTS": "#76b7b2",
    "DEPENDS_ON": "#7a4fa3",
    "PART_OF": "#8c8c8c",
    "AFFILIATED_WITH": "#b07aa1",
    "RESPONSIBLE_FOR": "#d4a017",
    "LOCATED_AT": "#9c755f",
}

HIGHLIGHT_COLOUR = "#ff1f5b"
#: a highlight reason starting ``critical:`` (etc.) gets that severity's border colour
SEVERITY_COLOUR: dict[str, str] = {
    "moves": "#111111",
    "critical": "#d7191c",
    "high": "#f46d43",
    "medium": "#e6b800",
    "low": "#8c8c8c",
}
TEMPLATE_DIR = Path(__file__).parent / "templates"
PYVIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib"
#: the vis-network files a page needs, by the name the app serves them under
ASSETS: dict[str, Path] = {
    "vis-network.min.js": PYVIS_LIB / "vis-9.1.2" / "vis-network.min.js",
    "vis-network.css": PYVIS_LIB / "vis-9.1.2" / "vis-network.css",
}

_PLURAL = {"Person": "people", "Facility": "facilities"}


def plural(label: str, n: int) -> str:
    """``Product`` as a count's noun: product, products; person, people."""
    return label.lower() if n == 1 else _PLURAL.get(label, label.lower() + "s")


_MAX_LABEL = 40
_MAX_QUOTE = 240
_MAX_EVIDENCE = 4
_MAX_ALIASES = 8
_MAX_MEMBERS = 40
#: above these, edge labels and curved edges are dropped to keep drawing fast
_EDGE_LABELS_UP_TO = 300
_SMOOTH_UP_TO = 1000

Layout = Literal["physics", "hierarchical", "fixed", "tree"]


@dataclass
class ViewGraph:
    """What one view draws: contract-shaped nodes and edges plus how to show them."""

    kind: str
    title: str
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    #: a sentence shown above the network (e.g. why it was cut)
    notice: str = ""
    #: the entity the view is about: drawn larger, selected and detailed on load
    focus: str | None = None
    layout: Layout = "physics"
    #: node id -> hierarchical level (row), for the hierarchical layout
    levels: dict[str, int] = field(default_factory=dict)
    #: node id -> (x, y), for the fixed (precomputed) layout
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: node id -> a short reason; drawn highlighted (impact view)
    highlight: dict[str, str] = field(default_factory=dict)
    #: label -> nodes of it the page does not draw (said in the header)
    not_drawn: dict[str, int] = field(default_factory=dict)
    #: nodes per label in the store (the whole-graph view offers them as filters)
    label_counts: dict[str, int] = field(default_factory=dict)
    #: filters in force (whole-graph view), echoed in the filter form
    labels: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    #: the node budget the view was built within
    max_nodes: int = 0
    #: "child|boss" -> the connector's points (the tree layout draws these, not the edges)
    routes: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    #: the node the default view starts at when the whole chart is too big to read at once,
    #: and the bounding box (left, top, right, bottom) of what hangs under it
    start: str | None = None
    start_box: tuple[float, float, float, float] | None = None
    #: relationships drawn as one aggregated edge each: "source|type|target" -> count
    counts: dict[str, int] = field(default_factory=dict)


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def entity_url(api_base: str, node_id: str) -> str:
    """Where the API shows an entity: ``{api_base}/entities/{id}``."""
    return f"{api_base.rstrip('/')}/entities/{quote(node_id, safe=':')}"


def _fact(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _evidence_html(sources: list[dict[str, Any]]) -> str:
    if not sources:
        return ""
    items = "".join(
        f"<li><span class='og-doc'>{_esc(s.get('document', ''))}:{_esc(s.get('line', ''))}</span>"
        f" <q>{_esc(_short(str(s.get('quote', '')), _MAX_QUOTE))}</q></li>"
        for s in sources[:_MAX_EVIDENCE]
    )
    more = len(sources) - _MAX_EVIDENCE
    extra = f"<li>… and {more} more</li>" if more > 0 else ""
    return f"<div class='og-ev'>evidence<ul>{items}{extra}</ul></div>"


def view_url(api_base: str, view: str, ref: str | None = None, **query: str) -> str:
    """Where the app serves a view: ``{api_base}/viz/{view}[/{ref}][?k=v]``."""
    url = f"{api_base.rstrip('/')}/viz/{view}"
    if ref is not None:
        url += "/" + quote(ref, safe=":")
    if query:
        url += "?" + "&".join(f"{k}={quote(v, safe=':')}" for k, v in query.items())
    return url


def _links(node: dict[str, Any], api_base: str) -> list[tuple[str, str]]:
    """The narrower views a node opens: (text, href)."""
    extra = node.get("view") or {}
    label = node["labels"][0] if node["labels"] else ""
    out: list[tuple[str, str]] = []
    chart = extra.get("chart")
    hidden = int(extra.get("hidden") or 0)
    if chart:
        what = f"the org chart under it ({hidden} more report{'s' if hidden != 1 else ''})" \
            if hidden else ("the team's org chart" if label == "Team" else "the org chart under it")
        out.append((what, view_url(api_base, "org-chart", root=str(chart))))
    entity = extra.get("entity", None if extra.get("group") else node["id"])
    if entity and label in ("Product", "Milestone"):
        out.append(("its dependency tree", view_url(api_base, "dependencies", str(entity))))
    if entity:
        out.append(("its neighbourhood", view_url(api_base, "neighbourhood", str(entity))))
        out.append(("open in the API", entity_url(api_base, str(entity))))
    return out


def node_tooltip(node: dict[str, Any], api_base: str, reason: str = "") -> str:
    """The node's key facts, evidence and views as HTML; every value is escaped."""
    label = node["labels"][0] if node["labels"] else ""
    extra = node.get("view") or {}
    kind = f"{label} group" if extra.get("group") and label else label
    rows = [f"<div class='og-h'><b>{_esc(node['name'])}</b> <i>{_esc(kind)}</i></div>"]
    if extra.get("caption"):
        rows.append(f"<div class='og-caption'>{_esc(extra['caption'])}</div>")
    if not extra.get("group"):
        rows.append(f"<div>id: <code>{_esc(node['id'])}</code></div>")
    people = extra.get("holders")
    if people is not None and label == "Role":
        held = ", ".join(
            f"<a href='{_esc(entity_url(api_base, h['id']))}'>{_esc(h['name'])}</a>"
            + (f" ({_esc(h['fte'])} FTE)" if h.get("fte") is not None else "")
            for h in people
        )
        rows.append(f"<div>held by: {held or '<i>nobody (vacant)</i>'}</div>")
    aliases = [a for a in node.get("aliases") or [] if a != node["name"]]
    if aliases:
        shown = ", ".join(_esc(a) for a in aliases[:_MAX_ALIASES])
        more = f" (+{len(aliases) - _MAX_ALIASES})" if len(aliases) > _MAX_ALIASES else ""
        rows.append(f"<div>aliases: {shown}{more}</div>")
    for key, value in sorted((node.get("properties") or {}).items()):
        if value in (None, "", []) or key == "update_tag":
            continue
        rows.append(f"<div>{_esc(key)}: {_esc(_short(_fact(value), 160))}</div>")
    if reason:
        rows.append(f"<div class='og-why'>{_esc(reason)}</div>")
    rows.append(_evidence_html(node.get("sources") or []))
    members = extra.get("members") or []
    if members:
        items = "".join(
            f"<li><a href='{_esc(entity_url(api_base, m['id']))}'>{_esc(m['name'])}</a>"
            + (f" <i>{_esc(m['note'])}</i>" if m.get("note") else "") + "</li>"
            for m in members[:_MAX_MEMBERS]
        )
        more = int(extra.get("count") or len(members)) - min(len(members), _MAX_MEMBERS)
        tail = f"<li>… and {more:,} more</li>" if more > 0 else ""
        rows.append(f"<div class='og-members'>members<ul>{items}{tail}</ul></div>")
    for text, href in _links(node, api_base):
        rows.append(f"<a class='og-link' href='{_esc(href)}'>{_esc(text)}</a>")
    return "".join(rows)


def edge_tooltip(edge: dict[str, Any], names: dict[str, str]) -> str:
    """The relationship, its properties and evidence as HTML; every value is escaped."""
    src, dst = names.get(edge["source"], edge["source"]), names.get(edge["target"], edge["target"])
    rows = [f"<div class='og-h'>{_esc(src)} <b>{_esc(edge['type'])}</b> {_esc(dst)}</div>"]
    if edge.get("count"):
        n = int(edge["count"])
        rows.append(f"<div>{n:,} relationship{'s' if n != 1 else ''} between them</div>")
    for key, value in sorted((edge.get("properties") or {}).items()):
        if value in (None, "", []):
            continue
        rows.append(f"<div>{_esc(key)}: {_esc(_short(_fact(value), 160))}</div>")
    rows.append(_evidence_html(edge.get("sources") or []))
    return "".join(rows)


def highlight_colour(reason: str) -> str:
    """The border colour of a highlighted node, from its reason's severity prefix."""
    return SEVERITY_COLOUR.get(reason.split(":", 1)[0].strip().lower(), HIGHLIGHT_COLOUR)


def _smooth(view: ViewGraph, n_edges: int) -> dict[str, Any] | bool:
    if n_edges > _SMOOTH_UP_TO or view.layout == "tree":
        return False
    if view.layout == "physics":
        return {"type": "continuous"}
    return {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}


def _options(view: ViewGraph, n_nodes: int, n_edges: int) -> dict[str, Any]:
    groups = {
        label: {"shape": shape, "color": {"background": colour, "border": colour}}
        for label, (shape, colour, _) in LABEL_STYLE.items()
    }
    options: dict[str, Any] = {
        "groups": groups,
        "nodes": {
            "size": 14,
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            "scaling": {"min": 12, "max": 44, "label": {"enabled": True, "min": 14, "max": 22}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "strokeWidth": 3},
            "smooth": _smooth(view, n_edges),
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_edges > 2000},
    }
    if view.layout == "tree":
        options["layout"] = {"hierarchical": {"enabled": False}}
        options["physics"] = {"enabled": False}
        options["interaction"]["dragNodes"] = False
        options["nodes"]["font"] = {"size": BOX_FONT, "face": "sans-serif", "color": "#1d1d1d"}
    elif view.layout == "hierarchical":
        options["layout"] = {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "sortMethod": "directed",
                "levelSeparation": 110,
                "nodeSpacing": 170,
                "treeSpacing": 200,
                "shakeTowards": "roots",
            }
        }
        options["physics"] = {"enabled": False}
    elif view.layout == "fixed":
        options["layout"] = {"hierarchical": {"enabled": False}}
        options["physics"] = {"enabled": False}
    else:
        options["layout"] = {"improvedLayout": n_nodes <= 150, "randomSeed": 7}
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut" if n_nodes > 150 else "forceAtlas2Based",
            # drawn compact (strong pull to the centre): the page pushes apart what then
            # overlaps, so the drawing fills the canvas at the largest scale it can
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 110,
                          "centralGravity": 0.6},
            "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 110,
                                 "centralGravity": 0.08},
            "stabilization": {"enabled": True, "iterations": 300 if n_nodes > 500 else 600,
                              "updateInterval": 25, "fit": True},
        }
    return options


#: the tree layout's boxes: label -> (fill, border); group boxes are dashed
BOX_STYLE: dict[str, tuple[str, str]] = {
    "Role": ("#fde7cf", "#f28e2b"),
    "Person": ("#dbe7f3", "#4e79a7"),
    "Team": ("#e1f0dc", "#59a14f"),
}
BOX_FONT = 13
_BOX_MARGIN = 6
#: the scale at which a box's text is legible (13 px type drawn at 11 px or more)
LEGIBLE_SCALE = 0.85


def _tree_record(record: dict[str, Any], node: dict[str, Any], view: ViewGraph) -> None:
    """A box of the tree layout: fixed size, text inside, at its laid-out centre."""
    extra = node.get("view") or {}
    label = record["group"]
    fill, border = BOX_STYLE.get(label, ("#eeeeee", "#888888"))
    record["label"] = extra.get("box") or record["label"]
    record["shape"] = "box"
    record["margin"] = _BOX_MARGIN
    record["widthConstraint"] = {"minimum": BOX_W - 2 * _BOX_MARGIN,
                                 "maximum": BOX_W - 2 * _BOX_MARGIN}
    record["heightConstraint"] = {"minimum": BOX_H - 2 * _BOX_MARGIN, "valign": "middle"}
    record["color"] = {"background": fill, "border": border,
                       "highlight": {"background": "#ffffff", "border": border},
                       "hover": {"background": "#ffffff", "border": border}}
    record["borderWidth"] = 2 if extra.get("hidden") else 1
    if extra.get("group"):
        record["shapeProperties"] = {"borderDashes": [6, 4]}
        record["color"]["background"] = "#f7f7f7"
    if node["id"] in view.positions:
        record["x"], record["y"] = view.positions[node["id"]]


def _overview_record(record: dict[str, Any], node: dict[str, Any]) -> None:
    """A group or summary node of the overview: sized by its count, captioned."""
    extra = node.get("view") or {}
    if not extra.get("group"):
        return
    count = int(extra.get("count") or 1)
    record["value"] = count
    caption = extra.get("caption") or ""
    record["label"] = _short(node["name"], _MAX_LABEL) + (f"\n{caption}" if caption else "")
    if extra["group"] in ("more", "isolated"):
        record["shape"] = "box"
        record["shapeProperties"] = {"borderDashes": [5, 4]}
        colour = LABEL_STYLE.get(record["group"], _OTHER_STYLE)[1]
        record["color"] = {"background": "#ffffff", "border": colour}
        record["font"] = {"size": 15, "color": "#333333"}
    else:
        record["borderWidth"] = 3
        record["font"] = {"size": 16, "bold": True}


def build_network(view: ViewGraph, api_base: str = "") -> Network:
    """A pyvis Network holding the view's vis.js records, built in linear time."""
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    names = {n["id"]: n["name"] for n in view.nodes}
    hierarchical = view.layout != "physics"
    for node in view.nodes:
        label = node["labels"][0] if node["labels"] else ""
        nid = node["id"]
        extra = node.get("view") or {}
        record: dict[str, Any] = {
            "id": nid,
            "label": _short(node["name"], _MAX_LABEL),
            "group": label,
            "title": node_tooltip(node, api_base, view.highlight.get(nid, "")),
            "search": [node["name"], *(node.get("aliases") or [])],
            "url": entity_url(api_base, str(extra.get("entity") or nid)),
            "kind": extra.get("group") or "entity",
        }
        if extra.get("chart") and (extra.get("hidden") or extra.get("group")):
            record["open"] = view_url(api_base, "org-chart", root=str(extra["chart"]))
        elif extra.get("group") and extra.get("entity"):
            record["open"] = view_url(api_base, "neighbourhood", str(extra["entity"]))
        if extra.get("expand"):
            record["expand"] = str(extra["expand"])
        if label not in LABEL_STYLE:
            record["color"] = _OTHER_STYLE[1]
        if view.layout == "hierarchical" and nid in view.levels:
            record["level"] = view.levels[nid]
        if view.layout == "fixed" and nid in view.positions:
            record["x"], record["y"] = view.positions[nid]
        if view.layout == "tree":
            _tree_record(record, node, view)
        elif view.layout == "physics":
            _overview_record(record, node)
        if nid in view.highlight:
            border = highlight_colour(view.highlight[nid])
            fill = LABEL_STYLE.get(label, _OTHER_STYLE)[1]
            record["borderWidth"] = 5
            record["color"] = {"border": border, "background": fill,
                               "highlight": {"border": border, "background": fill}}
            record["shadow"] = {"enabled": True, "color": border, "size": 12, "x": 0, "y": 0}
            record["size"] = 22
        if nid == view.focus:
            if view.layout == "tree":
                record["borderWidth"] = 3
            else:
                record["size"] = 24
                record["font"] = {"size": 18, "bold": True}
        net.nodes.append(record)
        net.node_ids.append(nid)
        net.node_map[nid] = record
    edge_labels = len(view.edges) <= _EDGE_LABELS_UP_TO
    for i, edge in enumerate(view.edges):
        if edge["source"] not in names or edge["target"] not in names:
            continue
        colour = TYPE_COLOUR.get(edge["type"], "#999999")
        record = {
            "id": f"e{i}",
            "from": edge["source"],
            "to": edge["target"],
            "rel": edge["type"],
            "title": edge_tooltip(edge, names),
            "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.85},
        }
        count = int(edge.get("count") or 1)
        if edge.get("count"):
            record["value"] = count
            record["width"] = 1 + min(6.0, math.log2(count))
            if edge_labels and count > 1:
                record["label"] = f"{count:,}"
        elif edge_labels and not hierarchical:
            record["label"] = edge["type"]
        route = f"{edge['source']}|{edge['target']}"
        if view.layout == "tree" and route in view.routes:
            record["route"] = route
            record["hidden"] = True
        elif view.layout == "tree":  # a second boss: said in the box's details, not drawn
            record["hidden"] = True
        net.edges.append(record)
    net.options = _options(view, len(net.nodes), len(net.edges))  # type: ignore[assignment]
    return net


_ENV = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]))


@cache
def _asset_text(name: str) -> Markup:
    text = ASSETS[name].read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{name} cannot be inlined: it closes its element")
    return Markup(text)


def _script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no HTML comment)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(
    view: ViewGraph,
    *,
    api_base: str = "",
    assets: str | None = None,
    filter_action: str | None = None,
    expand_base: str | None = None,
) -> str:
    """The view as one HTML page.

    ``assets`` is the URL prefix the vis-network files are served under (the
    app's ``/viz/static``); ``None`` inlines them, so the page works from a file.
    ``filter_action`` is where the too-big page's filter form submits (None: the
    page explains the command-line filters instead).  ``expand_base`` is where a
    group node fetches its members to draw them in place (None: a file, no server;
    its links open the narrower views instead).
    """
    net = build_network(view, api_base)
    nodes, edges, _, _, _, options = net.get_network_data()
    present_labels: dict[str, int] = {}
    for node in nodes:
        present_labels[node["group"]] = present_labels.get(node["group"], 0) + 1
    present_types: dict[str, int] = {}
    for edge in edges:
        present_types[edge["rel"]] = present_types.get(edge["rel"], 0) + 1
    legend = [
        {"label": label, "shape": LABEL_STYLE.get(label, _OTHER_STYLE)[0],
         "colour": LABEL_STYLE.get(label, _OTHER_STYLE)[1],
         "glyph": LABEL_STYLE.get(label, _OTHER_STYLE)[2], "count": count}
        for label, count in sorted(present_labels.items())
    ]
    rels = [
        {"type": t, "colour": TYPE_COLOUR.get(t, "#999999"), "count": c}
        for t, c in sorted(present_types.items())
    ]
    marks: dict[str, int] = {}
    for reason in view.highlight.values():
        key = reason.split(":", 1)[0].strip().lower()
        key = key if key in SEVERITY_COLOUR else "highlighted"
        marks[key] = marks.get(key, 0) + 1
    marked = [
        {"name": k, "colour": SEVERITY_COLOUR.get(k, HIGHLIGHT_COLOUR), "count": marks[k]}
        for k in [*SEVERITY_COLOUR, "highlighted"] if k in marks
    ]
    meta = {
        "kind": view.kind, "focus": view.focus, "nodes": len(nodes), "edges": len(edges),
        "budget": view.max_nodes, "start": view.start, "startBox": view.start_box,
        "legible": LEGIBLE_SCALE if view.layout == "tree" else 0,
        "expand": expand_base, "api": api_base,
    }
    template = _ENV.get_template("view.html")
    return template.render(
        view=view,
        legend=legend,
        rels=rels,
        marked=marked,
        all_labels=[
            {"label": k, "count": c, "checked": k in view.labels,
             "colour": LABEL_STYLE.get(k, _OTHER_STYLE)[1],
             "glyph": LABEL_STYLE.get(k, _OTHER_STYLE)[2]}
            for k, c in view.label_counts.items()
        ],
        all_types=[{"type": k, "checked": k in view.types} for k in REL_TYPES]
        if view.label_counts else [],
        hard_max=HARD_MAX_NODES,
        plural=plural,
        index_url=f"{api_base.rstrip('/')}/viz",
        nodes_json=_script_json(nodes),
        edges_json=_script_json(edges),
        options_json=_script_json(json.loads(options)),
        meta_json=_script_json(meta),
        routes_json=_script_json(view.routes if view.layout == "tree" else {}),
        inline=assets is None,
        vis_js=_asset_text("vis-network.min.js") if assets is None else "",
        vis_css=_asset_text("vis-network.css") if assets is None else "",
        assets=(assets or "").rstrip("/"),
        filter_action=filter_action,
    )
