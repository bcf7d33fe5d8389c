"""A TikZ picture's source as boxes and connections (a :class:`~..source.Figure`'s parts).

Read: ``\\node``/``\\coordinate`` statements (options, name, ``at``, relative placement
of the positioning library and the old ``below of=`` keys, shifts), paths (``\\draw``,
``\\path``, ``\\fill``...: ``--``, ``-|``, ``|-``, ``to``, curves, ``edge``, ``+``/``++``
steps, nodes on a path), trees (``child``), ``\\foreach`` loops, scopes with shifts,
``\\tikzstyle``/``\\tikzset`` styles and ``matrix of nodes``.

A path that joins named boxes connects them, in drawing order.  Paths that meet at a
named coordinate, an empty node, or where one's loose end lies on another's line (an
org chart's bus line) form one connector: its topmost box is the parent of the others.
Positions are the boxes' centres as far as the source gives them (node sizes are not
known), in centimetres, ``y`` growing downward as in :class:`~..source.FigureNode`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..source import FigureEdge, FigureNode
from .latex_tikz_opts import (
    Opt,
    Styles,
    arrows,
    define_styles,
    has,
    number,
    parse_opts,
    resolve,
    split_top,
    value,
)
from .latex_tikz_scan import PictureState, RawLine, Render, Scanner, Scope, Size, anchor_offset
from .latex_tikz_syntax import expand_ranges, label_text, matrix_cells, matrix_rows, substitute
from .latex_tikz_wires import Entry, Pt, Wire, connect

MAX_FOREACH = 5_000
MAX_LEVELS = 150
# fmt: off
_PATH_CMDS = frozenset({
    "draw", "path", "fill", "filldraw", "shade", "shadedraw", "pattern", "clip",
    "useasboundingbox", "graph",
})
# fmt: on
# fmt: off
_DIRS: dict[str, tuple[int, int]] = {
    "above": (0, 1), "below": (0, -1), "left": (-1, 0), "right": (1, 0), "above left": (-1, 1),
    "above right": (1, 1), "below left": (-1, -1), "below right": (1, -1),
}
# fmt: on
_OLD_DIRS = {k + " of": v for k, v in _DIRS.items()}


@dataclass
class Picture:
    """What was read from one picture."""

    nodes: list[FigureNode] = field(default_factory=list)
    edges: list[FigureEdge] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Parser(Scanner):
    """Reads one piece of TikZ source (a picture's body, a loop's body)."""

    # -- statements ----------------------------------------------------------------
    def statements(self, i: int, end: int) -> None:
        s = self.s
        while i < end:
            i = self.ws(i, end)
            if i >= end:
                break
            ch = s[i]
            if ch == "\\":
                name, j = self.cs(i)
                i = self.statement(name, j, end, i)
            elif ch == "{":
                self.scopes.append(self.child_scope([]))
                i += 1
            elif ch == "}":
                if len(self.scopes) > 1:
                    self.scopes.pop()
                i += 1
            else:
                i += 1

    def statement(self, name: str, j: int, end: int, at: int) -> int:
        if name in ("node", "coordinate"):
            return self.path(j, end, first=name)
        if name in _PATH_CMDS:
            if name == "graph":
                self.st.skipped.add("\\graph")
                return self.skip_statement(j, end)
            return self.path(j, end, first="")
        if name == "foreach":
            return self.foreach(j, end, at)
        if name == "begin":
            k = self.ws(j, end)
            if k < end and self.s[k] == "{":
                env, k = self.group(k, end)
                opts: list[Opt] = []
                k2 = self.ws(k, end)
                if env.strip() == "scope" and k2 < end and self.s[k2] == "[":
                    text, k = self.group(k2, end)
                    opts = parse_opts(text)
                if env.strip() == "scope":
                    self.scopes.append(self.child_scope(opts))
                return k
            return j
        if name == "end":
            k = self.ws(j, end)
            if k < end and self.s[k] == "{":
                env, k = self.group(k, end)
                if env.strip() == "scope" and len(self.scopes) > 1:
                    self.scopes.pop()
                return k
            return j
        if name == "tikzset":
            k = self.ws(j, end)
            if k < end and self.s[k] == "{":
                text, k = self.group(k, end)
                define_styles(parse_opts(text), self.scope.styles)
                return k
            return j
        if name == "tikzstyle":
            return self.tikzstyle(j, end)
        if name == "matrix":
            return self.matrix(j, end, at)
        if name in ("pic", "pgfextra"):
            return self.skip_statement(j, end)
        return j

    def skip_statement(self, i: int, end: int) -> int:
        s = self.s
        while i < end:
            ch = s[i]
            if ch in "{[(":
                _, b = self.balanced(i, end)
                i = b + 1
                continue
            if ch == ";":
                return i + 1
            i += 1
        return end

    def tikzstyle(self, j: int, end: int) -> int:
        k = self.ws(j, end)
        if k >= end or self.s[k] != "{":
            return j
        name, k = self.group(k, end)
        m = re.match(r"\s*(\+?)=\s*", self.s[k:end])
        if not m:
            return k
        k += m.end()
        if k < end and self.s[k] == "[":
            text, k = self.group(k, end)
            opts = parse_opts(text)
            key = name.strip()
            styles = self.scope.styles if len(self.scopes) > 1 else self.st.styles
            styles[key] = [*styles.get(key, []), *opts] if m.group(1) else opts
        return k

    # -- paths ---------------------------------------------------------------------
    def path(self, i: int, end: int, first: str) -> int:
        s = self.s
        st = self.st
        path_opts: list[Opt] = list(self.inherited())
        if not first:
            k = self.ws(i, end)
            if k < end and s[k] == "[":
                text, i = self.group(k, end)
                path_opts.extend(parse_opts(text))
        cur = Entry((self.scope.dx, self.scope.dy))
        wire = Wire(order=len(st.wires))
        wire_arrow = arrows(self.resolved(path_opts))
        pending: str | None = None
        last_node: Entry | None = None

        def finish() -> None:
            nonlocal wire
            if len(wire.entries) >= 2:
                wire.arrow = wire_arrow
                st.wires.append(wire)
            wire = Wire(order=len(st.wires) + 1)

        def reach(e: Entry, op: str | None) -> None:
            nonlocal cur
            if op is None or op == "shape":
                finish()
                wire.entries.append(e)
            else:
                if op in ("-|", "|-") and cur.pt is not None and e.pt is not None:
                    corner = (e.pt[0], cur.pt[1]) if op == "-|" else (cur.pt[0], e.pt[1])
                    wire.entries.append(Entry(corner))
                if not wire.entries:
                    wire.entries.append(cur)
                wire.entries.append(e)
            cur = e

        if first:
            i, node = self.node_spec(i, end, first, cur.pt, path_opts)
            if node is not None:
                cur = node
                last_node = node
                wire.entries.append(node)
        while i < end:
            i = self.ws(i, end)
            if i >= end:
                break
            ch = s[i]
            if ch == ";":
                i += 1
                break
            if ch == "[":
                text, i = self.group(i, end)
                path_opts.extend(parse_opts(text))
                wire_arrow = arrows(self.resolved(path_opts))
                continue
            if (ch == "+" and s.startswith("++(", i)) or s.startswith("+(", i):
                plus = 2 if s.startswith("++", i) else 1
                text, i = self.group(i + plus, end)
                d = self.coord(text, cur.pt, relative=True).pt
                p = (cur.pt[0] + d[0], cur.pt[1] + d[1]) if cur.pt and d else None
                e = Entry(p)
                if plus == 2:
                    reach(e, pending)
                else:
                    before = cur
                    reach(e, pending)
                    cur = before
                pending = None
                continue
            if ch == "(":
                text, i = self.group(i, end)
                reach(self.coord(text, cur.pt), pending)
                pending = None
                continue
            two = s[i : i + 2]
            if two in ("--", "-|", "|-"):
                pending = two
                i += 2
                continue
            if two == "..":
                i = self.controls(i + 2, end)
                pending = "curve"
                continue
            if ch == "\\":
                _, i = self.cs(i)
                k = self.ws(i, end)
                if k < end and s[k] == "{":
                    _, i = self.group(k, end)
                continue
            if ch in "{}":
                i += 1
                continue
            w = self.word(i, end)
            if not w:
                i += 1
                continue
            i += len(w)
            if w == "to":
                k = self.ws(i, end)
                if k < end and s[k] == "[":
                    _, i = self.group(k, end)
                pending = "to"
            elif w == "edge":
                i = self.edge(i, end, cur, path_opts)
            elif w in ("node", "coordinate"):
                labelled = pending is not None
                i, node = self.node_spec(i, end, w, cur.pt, path_opts, in_path=True, label=labelled)
                if node is not None and not labelled:
                    if node.box or node.ref:
                        if (
                            wire.entries
                            and wire.entries[-1].pt == node.pt
                            and not (wire.entries[-1].ref)
                        ):
                            wire.entries[-1] = node
                        elif not wire.entries:
                            wire.entries.append(node)
                    cur = node
                    last_node = node
            elif w == "child":
                if last_node is not None:
                    i = self.children(i - len(w), end, last_node, 1, path_opts)
            elif w in ("rectangle", "grid"):
                pending = "shape"
            elif w in ("circle", "ellipse", "arc", "parabola", "sin", "cos", "svg", "plot"):
                i = self.shape_args(i, end)
                finish()
                wire.entries.append(cur)
            elif w == "let":
                m = re.search(r"\bin\b", s[i:end])
                i = i + m.end() if m else end
            elif w in ("foreach", "pic"):
                st.skipped.add(w)
                return self.skip_statement(i, end)
            elif w == "cycle":
                pending = None
        finish()
        return i

    def controls(self, i: int, end: int) -> int:
        """Skip ``controls (a) and (b) ..`` of a curve (its control points are not stops)."""
        m = re.compile(r"\.\.").search(self.s, i, end)
        return m.end() if m else end

    def shape_args(self, i: int, end: int) -> int:
        for _ in range(2):
            k = self.ws(i, end)
            if k < end and self.s[k] in "[(":
                _, i = self.group(k, end)
        return i

    def edge(self, i: int, end: int, cur: Entry, path_opts: list[Opt]) -> int:
        s = self.s
        opts = list(path_opts)
        while True:
            k = self.ws(i, end)
            if k < end and s[k] == "[":
                text, i = self.group(k, end)
                opts.extend(parse_opts(text))
                continue
            if s.startswith("node", k):
                i, _ = self.node_spec(k + 4, end, "node", None, [], in_path=True, label=True)
                continue
            break
        k = self.ws(i, end)
        if k < end and s[k] == "(":
            text, i = self.group(k, end)
            target = self.coord(text, cur.pt)
            self.st.wires.append(
                Wire([cur, target], arrows(self.resolved(opts)), len(self.st.wires))
            )
        return i

    # -- nodes ---------------------------------------------------------------------
    def node_spec(
        self,
        i: int,
        end: int,
        kind: str,
        default: Pt,
        path_opts: list[Opt],
        *,
        in_path: bool = False,
        label: bool = False,
    ) -> tuple[int, Entry | None]:
        s = self.s
        begun = self.where(i)  # the statement's line, for the box's verbatim source
        opts: list[Opt] = []
        name: str | None = None
        at: Entry | None = None
        text: tuple[int, int] | None = None
        while i < end:
            k = self.ws(i, end)
            if k >= end:
                break
            ch = s[k]
            if ch == "[":
                t, i = self.group(k, end)
                opts.extend(parse_opts(t))
            elif ch == "(":
                t, i = self.group(k, end)
                name = t.strip()
            elif s.startswith("at", k) and not s[k + 2 : k + 3].isalpha():
                k2 = self.ws(k + 2, end)
                if k2 < end and s[k2] == "(":
                    t, i = self.group(k2, end)
                    at = self.coord(t, default)
                else:
                    i = k2
            elif ch == "{" and kind == "node":
                a, b = self.balanced(k, end)
                text = (a, b)
                i = min(b + 1, end)
                break
            else:
                i = k
                break
        if label:
            if text is not None and self.s[text[0] : text[1]].strip():
                self.st.labels += 1
            return i, None
        every = self.styles().get("every node", [])
        r = self.resolved([*every, *[o for o in path_opts if _node_key(o)], *opts])
        name = value(r, "name") or name
        point = kind == "coordinate" or has(r, "coordinate") or value(r, "shape") == "coordinate"
        lines: list[str] = []
        file, line = self.where(text[0] if text else i)
        if text is not None and not point:
            lines = self.st.render(s[text[0] : text[1]], file, line)
        size = _size(r, len(lines)) if not point else (None, None)
        if has(self.resolved(path_opts), "transform shape") or has(r, "transform shape"):
            w, h = size
            size = (w * self.scope.sx if w else w, h * self.scope.sy if h else h)
        pos, placed = self.placement(r, size) if at is None else (None, False)
        if at is not None:
            pos = at.pt
        elif not placed:
            pos = default
        anchor = value(r, "anchor")
        if anchor and pos is not None and not placed:  # the anchor is at the position
            off = anchor_offset(anchor.strip(), size)
            pos = (pos[0] - off[0], pos[1] - off[1])
        pos = _shifted(pos, r)
        rendered = " ".join(lines)
        box = not point and bool(rendered.strip())
        if box and in_path and not name:
            self.st.labels += 1
            return i, None
        host = at.ref if at is not None and at.box and not name else None
        if box and host in self.st.nodes and not in_path:
            self.st.nodes[host].labels.append(rendered)  # text drawn on another box
            return i, None
        key = name
        if box:
            end_file, last = self.where(text[1]) if text else (file, line)
            last = last if end_file == file else line
            first = begun[1] if begun[0] == file and begun[1] <= line else line
            key = self.st.add_node(name, lines, pos, file, line, last, first)
            self.st.boxes[key] = (size, _framed(r))
            for opt, v in r:
                if opt in ("label", "pin") and v:
                    tag = self.st.text(label_text(v), file, line)
                    if tag:
                        self.st.nodes[key].labels.append(tag)
        entry = Entry(pos, key, box)
        if name:
            self.st.points[name] = Entry(pos, key, box)
            self.st.sizes[name] = size
        return i, entry

    def placement(self, opts: list[Opt], size: Size) -> tuple[Pt, bool]:
        """Where the positioning keys put a node: ``below=1cm of a`` from border to border
        (centre to centre ``on grid``), the old ``below of=a`` from centre to centre; as in
        TikZ, the distances are not scaled or flipped with the picture.  Whether a key
        placed it, too."""
        nd = value(opts, "node distance")
        v_nd, h_nd = 1.0, 1.0
        if nd:
            parts = [number(p) for p in nd.split(" and ")]
            if parts and parts[0] is not None:
                v_nd = h_nd = parts[0]
            if len(parts) > 1 and parts[1] is not None:
                h_nd = parts[1]
        grid = has(opts, "on grid")
        pos: Pt = None
        placed = False
        for key, val in opts:
            if key in _OLD_DIRS and val:
                base = self.named(val.strip()).pt
                dx, dy = _OLD_DIRS[key]
                f = 0.7071 if dx and dy else 1.0
                pos = (base[0] + dx * h_nd * f, base[1] + dy * v_nd * f) if base else None
                placed = True
            elif key in _DIRS and val and " of " in f" {val} ":
                m = re.match(r"^\s*(?:(.+?)\s+)?of\s+(.+?)\s*$", val)
                if not m:
                    continue
                name = m.group(2)
                base = self.named(name).pt
                dv, dh = v_nd, h_nd
                if m.group(1):
                    amounts = [number(p) for p in m.group(1).split(" and ")]
                    if amounts and amounts[0] is not None:
                        dv = dh = amounts[0]
                    if len(amounts) > 1 and amounts[1] is not None:
                        dh = amounts[1]
                dx, dy = _DIRS[key]
                if not grid:  # from the base's border to this node's
                    bw, bh = self.st.sizes.get(name, (None, None))
                    dh += ((bw or 0.0) + (size[0] or 0.0)) / 2
                    dv += ((bh or 0.0) + (size[1] or 0.0)) / 2
                pos = (base[0] + dx * dh, base[1] + dy * dv) if base else None
                placed = True
        return pos, placed

    # -- trees ---------------------------------------------------------------------
    def children(self, i: int, end: int, parent: Entry, level: int, opts: list[Opt]) -> int:
        if level > MAX_LEVELS:  # a runaway tree: the rest of the statement is skipped
            self.st.skipped.add("tree levels over the limit")
            return self.skip_statement(i, end) - 1
        s = self.s
        kids: list[tuple[list[Opt], str | None, tuple[int, int] | None, tuple[str, ...]]] = []
        while True:
            k = self.ws(i, end)
            if not s.startswith("child", k) or s[k + 5 : k + 6].isalpha():
                break
            k += 5
            copts: list[Opt] = []
            k2 = self.ws(k, end)
            if k2 < end and s[k2] == "[":
                t, k = self.group(k2, end)
                copts = parse_opts(t)
            k2 = self.ws(k, end)
            if s.startswith("foreach", k2):
                k3, var_names, values = self.loop_head(k2 + 7, end)
                k3 = self.ws(k3, end)
                if k3 < end and s[k3] == "{":
                    body, k = self.group(k3, end)
                    for vals in values:
                        kids.append((copts, substitute(body, var_names, vals), None, ()))
                    i = k
                    continue
                i = k3
                break
            if k2 < end and s[k2] == "{":
                a, b = self.balanced(k2, end)
                kids.append((copts, None, (a, b), ()))
                i = min(b + 1, end)
                continue
            kids.append(([("missing", None)], None, None, ()))  # child[missing] with no body
            i = k2
        r = self.resolved(opts)
        styles = self.styles()
        lvl = resolve(styles.get(f"level {level}", []), styles)
        grow = (value(r, "grow") or value(r, "grow'") or "down").strip()
        flip = value(r, "grow'") is not None
        sib = number(value(lvl, "sibling distance") or value(r, "sibling distance") or "15mm")
        lev = number(value(lvl, "level distance") or value(r, "level distance") or "15mm")
        sib = 1.5 if sib is None else sib
        lev = 1.5 if lev is None else lev
        n = len(kids)
        for idx, (copts, text, rng, _) in enumerate(kids):
            rc = self.resolved(copts)
            if has(rc, "missing"):
                continue
            pos = _grow(parent.pt, idx, n, sib, lev, grow, flip, self.scope)
            child_opts = [*opts, *copts]
            if text is not None:
                f, ln = self.where(i)
                sub = _Parser(self.st, text, [(0, f, ln)], self.scope)
                sub.scopes = list(self.scopes)
                sub.child_body(0, len(text), parent, pos, level, child_opts, idx)
            elif rng is not None:
                self.child_body(rng[0], rng[1], parent, pos, level, child_opts, idx)
        return i

    def child_body(
        self, i: int, end: int, parent: Entry, pos: Pt, level: int, opts: list[Opt], idx: int
    ) -> None:
        s = self.s
        k = self.ws(i, end)
        w = self.word(k, end)
        node: Entry | None = None
        if w in ("node", "coordinate"):
            k, node = self.node_spec(k + len(w), end, w, pos, opts)
            old = node.ref if node is not None else None
            if node is not None and node.box and old and old not in self.st.points and parent.ref:
                want = f"{parent.ref}-{idx + 1}"
                if want not in self.st.nodes:
                    fn = self.st.nodes.pop(old)
                    fn.key = want
                    self.st.nodes[want] = fn
                    node = Entry(node.pt, want, True)
                    self.st.points[want] = node
        elif w == "child":
            node = Entry(pos)
        if node is None:
            node = Entry(pos)
        slot = -1
        if node.box and parent.box and parent.ref and node.ref:
            slot = len(self.st.tree)  # the parent's edge comes before the grandchildren's
            self.st.tree.append((parent.ref, node.ref, 0))
        k = self.children(
            k,
            end,
            node if (node.box or node.ref) else Entry(pos, parent.ref, parent.box),
            level + 1,
            opts,
        )
        edge_opts = [*opts, *self.styles().get("edge from parent", [])]
        m = re.search(r"edge\s+from\s+parent", s[k:end])
        if m:
            j = self.ws(k + m.end(), end)
            if j < end and s[j] == "[":
                t, j = self.group(j, end)
                edge_opts.extend(parse_opts(t))
        if slot >= 0:
            a, b, _ = self.st.tree[slot]
            self.st.tree[slot] = (a, b, arrows(self.resolved(edge_opts)))

    # -- loops ---------------------------------------------------------------------
    def loop_head(self, i: int, end: int) -> tuple[int, list[str], list[list[str]]]:
        """``\\x [opts] in {list}``: the index after, the variables and each item's values."""
        s = self.s
        m = re.compile(r"\s*((?:\\[A-Za-z]+\s*/?\s*)+)").match(s, i, end)
        if not m:
            return end, [], []
        names = [v.strip() for v in m.group(1).split("/") if v.strip()]
        i = m.end()
        count_var: str | None = None
        k = self.ws(i, end)
        if k < end and s[k] == "[":
            t, i = self.group(k, end)
            for key, val in parse_opts(t):
                if key == "count" and val:
                    count_var = val.split()[0]
        k = self.ws(i, end)
        if s.startswith("in", k):
            k = self.ws(k + 2, end)
        items: list[str] = []
        if k < end and s[k] == "{":
            t, i = self.group(k, end)
            items = split_top(t, ",")
        elif k < end and s[k] == "\\":
            _, i = self.cs(k)
        items = expand_ranges(items)
        values = [[v.strip() for v in split_top(it, "/")] or [""] for it in items]
        if count_var:
            names.append(count_var)
            values = [[*v, str(n + 1)] for n, v in enumerate(values)]
        if len(values) > MAX_FOREACH:
            values = values[:MAX_FOREACH]
            self.st.skipped.add("foreach items over the limit")
        return i, names, values

    def foreach(self, i: int, end: int, at: int) -> int:
        i, names, values = self.loop_head(i, end)
        k = self.ws(i, end)
        if k < end and self.s[k] == "{":
            body, i = self.group(k, end)
        else:
            stop = self.skip_statement(k, end)
            body, i = self.s[k:stop], stop
        file, line = self.where(at)
        for vals in values:
            self.st.loops += 1
            if self.st.loops > MAX_FOREACH:
                self.st.skipped.add("foreach items over the limit")
                break
            text = substitute(body, names, vals)
            sub = _Parser(self.st, text, [(0, file, line)], self.scope)
            sub.scopes = list(self.scopes)
            sub.statements(0, len(text))
        return i

    # -- matrices ------------------------------------------------------------------
    def matrix(self, i: int, end: int, at: int) -> int:
        s = self.s
        opts: list[Opt] = []
        name = "matrix"
        origin: Pt = (self.scope.dx, self.scope.dy)
        while True:
            k = self.ws(i, end)
            if k < end and s[k] == "[":
                t, i = self.group(k, end)
                opts.extend(parse_opts(t))
            elif k < end and s[k] == "(":
                t, i = self.group(k, end)
                name = t.strip()
            elif s.startswith("at", k):
                k2 = self.ws(k + 2, end)
                if k2 < end and s[k2] == "(":
                    t, i = self.group(k2, end)
                    origin = self.coord(t, origin).pt
                else:
                    i = k2
            else:
                break
        k = self.ws(i, end)
        if k >= end or s[k] != "{":
            return self.skip_statement(k, end)
        a, b = self.balanced(k, end)
        r = self.resolved(opts)
        of_nodes = has(r, "matrix of nodes") or has(r, "matrix of math nodes")
        col = number(value(r, "column sep") or "") or 0.0
        row = number(value(r, "row sep") or "") or 0.0
        for ri, row_text, row_at in matrix_rows(s, a, b):
            for ci, (ca, cb) in enumerate(matrix_cells(s, row_at, row_at + len(row_text))):
                pos = (
                    (origin[0] + ci * (2.0 + col), origin[1] - ri * (1.0 + row)) if origin else None
                )
                cell = s[ca:cb]
                if of_nodes:
                    cell = re.sub(r"^\s*\|[^|]*\|", "", cell)
                    f, ln = self.where(ca)
                    lines = self.st.render(cell, f, ln)
                    if lines:
                        key = self.st.add_node(f"{name}-{ri + 1}-{ci + 1}", lines, pos, f, ln)
                        self.st.points[key] = Entry(pos, key, True)
                elif pos is not None:
                    self.scopes.append(Scope(pos[0], pos[1], 1.0, 1.0, [], {}))
                    self.statements(ca, cb)
                    self.scopes.pop()
        return self.skip_statement(b + 1, end)


def _node_key(opt: Opt) -> bool:
    """Whether a path option also applies to the nodes on it (styles of text, not arrows)."""
    return opt[0] in ("node distance",)


def _shifted(pos: Pt, opts: list[Opt]) -> Pt:
    """A node's own shifts (not scaled with the picture: TikZ keeps a node unscaled)."""
    if pos is None:
        return None
    x, y = pos
    for key, val in opts:
        if val is None:
            continue
        if key == "xshift":
            x += number(val) or 0.0
        elif key == "yshift":
            y += number(val) or 0.0
    return (x, y)


_FIRST_LINE = 0.3  # cm: the height and depth of a line of 10pt text
_LINE_HEIGHT = 0.42  # cm: each further line (12pt baselines)
_INNER_SEP = 0.1167  # cm: TikZ's default inner sep, 0.3333em


def _size(opts: list[Opt], lines: int) -> Size:
    """A box's width and height where its options give them (``minimum width``, ``text
    width``, ``minimum height``); the height of its lines stands in for a missing one."""
    sep = number(value(opts, "inner sep") or "") or _INNER_SEP
    xsep = number(value(opts, "inner xsep") or "") or sep
    ysep = number(value(opts, "inner ysep") or "") or sep
    min_w = number(value(opts, "minimum width") or value(opts, "minimum size") or "")
    text_w = number(value(opts, "text width") or "")
    min_h = number(value(opts, "minimum height") or value(opts, "minimum size") or "")
    w = max(min_w or 0.0, (text_w + 2 * xsep) if text_w else 0.0) or None
    text_h = _FIRST_LINE + (lines - 1) * _LINE_HEIGHT + 2 * ysep if lines else 0.0
    h = max(min_h or 0.0, text_h) or None
    return (w, h)


def _grow(
    parent: Pt, idx: int, n: int, sib: float, lev: float, grow: str, flip: bool, sc: Scope
) -> Pt:
    """Where a tree puts child ``idx`` of ``n`` (distances scaled with the scope)."""
    if parent is None:
        return None
    off = (idx - (n - 1) / 2) * sib * (-1 if flip else 1)
    px, py = parent
    g = grow.lower()
    if g in ("right", "east", "0"):
        return (px + lev * sc.sx, py - off * sc.sy)
    if g in ("left", "west", "180"):
        return (px - lev * sc.sx, py - off * sc.sy)
    if g in ("up", "north", "90"):
        return (px + off * sc.sx, py + lev * sc.sy)
    return (px + off * sc.sx, py - lev * sc.sy)


# fmt: off
_FRAMES = frozenset({
    "draw", "fill", "filldraw", "shade", "top color", "bottom color", "left color",
    "right color", "inner color", "outer color", "ball color", "double", "pattern",
})
# fmt: on


def _framed(opts: list[Opt]) -> bool:
    """Whether a node is drawn as a box (a border, a fill), not as text alone."""
    framed = False
    for key, val in opts:
        if key in _FRAMES:
            framed = (val or "").strip() != "none"
    return framed


def _texts_on_boxes(st: PictureState, edges: list[FigureEdge]) -> None:
    """Text set without a frame inside another box, and joined to nothing, is drawn on
    that box (a package name under a product's): a label of it, not a box."""
    joined = {k for e in edges for k in (e.source, e.target)}
    hosts = [
        (k, n, size)
        for k, n in st.nodes.items()
        for size, framed in [st.boxes.get(k, ((None, None), True))]
        if framed and size[0] and size[1] and n.x is not None and n.y is not None
    ]
    for key, node in list(st.nodes.items()):
        framed = st.boxes.get(key, ((None, None), True))[1]
        if framed or key in joined or node.x is None or node.y is None:
            continue
        for host, box, (w, h) in hosts:
            assert w is not None and h is not None and box.x is not None and box.y is not None
            if host != key and abs(node.x - box.x) <= w / 2 and abs(node.y - box.y) <= h / 2:
                box.labels.append(node.text)
                del st.nodes[key]
                break


def read_picture(
    src: str,
    marks: list[tuple[int, str | None, int]],
    options: str,
    styles: Styles,
    render: Render,
    raw_line: RawLine,
) -> Picture:
    """The boxes and connections of a ``tikzpicture``'s body ``src``."""
    st = PictureState(render, raw_line, dict(styles))
    base = _Parser(st, src, marks, Scope())
    top = base.child_scope(parse_opts(options))
    base.scopes = [top]
    base.statements(0, len(src))
    edges = connect(st.wires, st.tree, st.nodes)
    _texts_on_boxes(st, edges)
    pic = Picture(list(st.nodes.values()), edges)
    if st.labels:
        pic.notes.append(f"{st.labels} text label(s) on lines not read as boxes")
    for what in sorted(st.skipped):
        pic.notes.append(f"{what} not read")
    return pic
