"""The HTML that headless Chromium prints to the ``pdf-html`` PDFs.

Tables have a ``<thead>`` (Chromium repeats it on every printed page) and group rows
spanning every column in bold; figures are inline SVG: boxes (``rect``) with their
text and elbow ``path`` lines for trees and org charts, lanes and diamonds for the
Gantt chart.
"""

from __future__ import annotations

import html
import random

from .blocks import Doc, Figure, Heading, Items, Para, Row, Table
from .layout import gantt_years, lanes, month_index, place
from .render_text import Numbering

CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; line-height: 1.3; }
h1.title { font-size: 18pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; font-size: 8.5pt; }
th, td { border: 0.6pt solid #444; padding: 2pt 4pt; vertical-align: top; text-align: left; }
thead { display: table-header-group; } tr { break-inside: avoid; }
tr.group td { font-weight: bold; background: #eee; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 3pt 0; }
figure { margin: 8pt 0; break-inside: avoid; } figcaption { font-weight: bold; }
svg text { font-family: 'DejaVu Sans', sans-serif; }
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _tr(row: Row, ncols: int) -> str:
    if row.group:
        return f'<tr class="group"><td colspan="{ncols}">{esc(row.cells[0])}</td></tr>'
    cells = [esc(c) for c in row.cells]
    if row.bold:
        cells[0] = f"<b>{cells[0]}</b>"
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def table_html(t: Table, n: int | None) -> str:
    cols = "".join(f'<col style="width:{w * 100:.1f}%">' for w in t.widths)
    cap = f"Table {n}: {esc(t.caption)}" if n else esc(t.caption)
    head = "".join(f"<th>{esc(h)}</th>" for h in t.header)
    rows = "\n".join(_tr(r, len(t.header)) for r in t.rows)
    return (
        f"<table><caption>{cap}</caption><colgroup>{cols}</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>\n{rows}\n</tbody></table>"
    )


PX = 3.2  # SVG user units per millimetre of the shared layout


def figure_svg(fig: Figure) -> str:
    if fig.kind == "gantt":
        return gantt_svg(fig)
    placed, links, width, height = place(fig)
    w, h = width * PX + 4, height * PX + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 {w:.0f} {h:.0f}" '
        f'width="{w * 0.8:.0f}" style="max-width:100%;max-height:230mm">'
    ]
    for link in links:
        p, c = placed[link.parent], placed[link.child]
        if link.elbow:
            x0, y0 = (p.x + 2) * PX, (p.y + p.h) * PX
            y1 = (c.y + c.h / 2) * PX
            d = f"M{x0:.1f},{y0:.1f} V{y1:.1f} H{c.x * PX:.1f}"
        else:
            x0, y0 = p.cx * PX, (p.y + p.h) * PX
            ym = y0 + 3 * PX
            d = f"M{x0:.1f},{y0:.1f} V{ym:.1f} H{c.cx * PX:.1f} V{c.y * PX:.1f}"
        parts.append(f'<path d="{d}" fill="none" stroke="black" stroke-width="1.2"/>')
    for p in placed.values():
        parts.append(
            f'<rect x="{p.x * PX:.1f}" y="{p.y * PX:.1f}" width="{p.w * PX:.1f}" '
            f'height="{p.h * PX:.1f}" rx="4" fill="#fff8d8" stroke="black" stroke-width="1.2"/>'
        )
        n = len(p.box.lines)
        for i, line in enumerate(p.box.lines):
            y = (p.y + p.h / 2 + (i - (n - 1) / 2) * 4.2) * PX + 4
            weight = ' font-weight="bold"' if i == 0 else ""
            parts.append(
                f'<text x="{p.cx * PX:.1f}" y="{y:.1f}" font-size="9" text-anchor="middle"'
                f"{weight}>{esc(line)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def gantt_svg(fig: Figure) -> str:
    first, last = gantt_years(fig)
    months = (last - first + 1) * 12
    label_w, unit, row_h = 330.0, 7.0, 16.0
    rows: list[tuple[str, str, float | None]] = []  # (kind, text, month)
    for lane in lanes(fig):
        rows.append(("lane", lane, None))
        for b in fig.bars:
            if b.lane == lane:
                rows.append(("bar", b.label, month_index(b.due, first)))
    w = label_w + months * unit + 10
    h = (len(rows) + 1) * row_h + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" width="100%">']
    for yi, year in enumerate(range(first, last + 1)):
        x = label_w + yi * 12 * unit
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{12 * unit:.1f}" height="{row_h:.1f}" '
            'fill="#ddd" stroke="black" stroke-width="0.6"/>'
            f'<text x="{x + 6 * unit:.1f}" y="{row_h - 4:.1f}" font-size="10" '
            f'text-anchor="middle">{year}</text>'
        )
    for i, (kind, text, month) in enumerate(rows, start=1):
        y = i * row_h
        weight = ' font-weight="bold"' if kind == "lane" else ""
        parts.append(
            f'<text x="4" y="{y + row_h - 4:.1f}" font-size="9"{weight}>{esc(text)}</text>'
        )
        if kind == "lane":
            parts.append(
                f'<line x1="0" y1="{y:.1f}" x2="{w:.0f}" y2="{y:.1f}" stroke="#888" '
                'stroke-width="0.5"/>'
            )
        elif month is not None:
            cx, cy = label_w + month * unit, y + row_h / 2
            parts.append(
                f'<polygon points="{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} '
                f'{cx:.1f},{cy + 5:.1f} {cx - 5:.1f},{cy:.1f}" fill="black"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def render_html(doc: Doc, rng: random.Random) -> str:
    """The whole document as one HTML page, ready for print-to-PDF."""
    fr = doc.front
    out = [
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>{esc(fr.title)}</title>',
        f"<style>{CSS}</style></head><body>",
        f"<p>{esc(fr.org)}</p>",
        f'<h1 class="title">{esc(fr.title)}</h1>',
        f"<p>{esc(', '.join(fr.authors))}</p>",
        f"<p>{esc(fr.handle)}</p>",
        f"<p>Latest Revision: {esc(fr.date)}</p>",
    ]
    if fr.abstract:
        out += ["<h2>Abstract</h2>", f"<p>{esc(fr.abstract)}</p>"]
    if fr.changes is not None:
        out += ["<h2>Change Record</h2>", table_html(fr.changes, None)]
    num = Numbering()
    for block in doc.blocks:
        if isinstance(block, Heading):
            tag = f"h{block.level + 1}"
            out.append(f"<{tag}>{num.heading(block)} {esc(block.text)}</{tag}>")
        elif isinstance(block, Para):
            text = esc(block.text)
            out.append(f"<p><b>{text}</b></p>" if block.bold else f"<p>{text}</p>")
        elif isinstance(block, Items):
            if block.intro:
                out.append(f"<p>{esc(block.intro)}</p>")
            depth = -1
            for d, text in block.items:
                while depth < d:
                    out.append("<ul>")
                    depth += 1
                while depth > d:
                    out.append("</ul>")
                    depth -= 1
                out.append(f"<li>{esc(text)}</li>")
            out += ["</ul>"] * (depth + 1)
        elif isinstance(block, Table):
            out.append(table_html(block, num.table()))
        elif isinstance(block, Figure):
            n = num.figure()
            out.append(
                f"<figure>{figure_svg(block)}"
                f"<figcaption>Figure {n}: {esc(block.caption)}</figcaption></figure>"
            )
    out.append("</body></html>")
    del rng
    return "\n".join(out) + "\n"
