"""PDF test documents built on the fly: LaTeX through pdflatex, HTML through Chromium.

Every document is invented here (an imaginary survey telescope's data group); its forms
follow the LaTeX planning documents such organisations write: ``\\hline``-ruled
longtables with a repeated head and bold group rows, booktabs tables, unruled tabulars,
TikZ product trees (``-|`` connectors, a fan-out bus) and org charts, running headers,
page numbers and a DRAFT watermark.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

PDFLATEX = shutil.which("pdflatex")
PDFTOTEXT = shutil.which("pdftotext")
CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: (wbs, title, description) of the role table; a group row is (None, name, None)
ROLES: list[tuple[str | None, str, str | None]] = [
    (None, "Archive Team", None),
    ("2.1a", "Archive Lead", "Leads the archive team and plans its work with the other groups."),
    (
        "2.1b",
        "Senior Infrastructure Engineer",
        "Runs the storage systems, the backups and the transfer services of the archive.",
    ),
    ("2.1c", "Database Administrator", "Administers the catalog databases and their backups."),
    (None, "Services Team", None),
    ("2.2a", "Services Lead", "Leads the services team."),
    ("2.2b", "Portal Developer", "Develops the web portal and its query tools."),
    ("2.2c", "Notebook Developer", "Develops the notebook service."),
    ("2.2d", "User Support Scientist", "Answers user questions and writes the tutorials."),
    (None, "Pipelines Team", None),
    ("2.3a", "Pipelines Lead", "Leads the pipelines team and owns the science quality."),
    ("2.3b", "Alert Pipeline Scientist", "Develops the alert pipeline algorithms."),
    ("2.3c", "Release Pipeline Scientist", "Develops the release pipeline algorithms."),
    ("2.3d", "Calibration Scientist", "Keeps the photometric calibration current."),
]
#: more rows so that the role table breaks across pages
ROLES += [
    (f"2.4{chr(ord('a') + i)}", f"Processing Engineer {i + 1}", "Runs the processing campaigns.")
    for i in range(26)
]

MILESTONES = [
    ("Archive ready for data", "2024-03-31", "2", "Archive Team"),
    ("Portal open to users", "2024-06-30", "3", "Services Team"),
    ("First alert stream", "2024-09-30", "2", "Pipelines Team"),
]

STAFF = [("Ada Quill", "North Lab", "0.5"), ("Ben Okafor", "South Institute", "1.0")]

HEADER_LEFT = "Northwind Survey Telescope"
HEADER_RIGHT = "NST-042 Latest Revision 2024-05-01"


def _role_rows() -> str:
    rows = []
    for wbs, title, desc in ROLES:
        if wbs is None:
            rows.append(rf"\multicolumn{{3}}{{|l|}}{{\textbf{{{title}}}}} \\ \hline")
        else:
            rows.append(rf"{wbs} & {title} & {desc} \\ \hline")
    return "\n".join(rows)


PLAN_TEX = (
    r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2.5cm,headheight=14pt]{geometry}
\usepackage{longtable,booktabs,array,graphicx,fancyhdr,float}
\usepackage{draftwatermark}
\SetWatermarkText{DRAFT}\SetWatermarkScale{1.2}\SetWatermarkLightness{0.9}
\usepackage{tikz}
\usetikzlibrary{positioning,arrows.meta}
\pagestyle{fancy}\fancyhf{}
\lhead{"""
    + HEADER_LEFT
    + r"""}\rhead{"""
    + HEADER_RIGHT
    + r"""}
\cfoot{\thepage}
\begin{document}
\thispagestyle{fancy}
\begin{center}{\LARGE\bfseries Operations Plan for the Data Group}\end{center}
\vspace{1em}
\noindent\begin{minipage}[t]{0.45\textwidth}Ada Quill\\North Lab\end{minipage}\hfill
\begin{minipage}[t]{0.45\textwidth}\raggedleft Ben Okafor\\South Institute\end{minipage}
\vspace{2em}

\tableofcontents
\clearpage

\section{Introduction}
This plan sets out how the data group of the Northwind Survey Telescope works in
operations: its teams, its products and the people who lead them.

The goals of the group are:
\begin{itemize}
\item Operate the archive.
\item Serve the data products:
  \begin{itemize}
  \item images;
  \item catalogs, in two forms:
    \begin{itemize}
    \item object tables;
    \end{itemize}
  \end{itemize}
\item Support the users.
\end{itemize}
The group works in two steps:
\begin{enumerate}
\item plan the work;
\item do the work.
\end{enumerate}

\subsection{Scope}
This section covers the scope of the plan.

\subsubsection{Out of scope}
Hardware purchases are out of scope.

\section{Organisation}
Figure~\ref{fig:org} shows who reports to whom.

\begin{figure}[H]
\centering
\begin{tikzpicture}[box/.style={draw, rectangle, minimum width=3.2cm, minimum height=1cm,
  align=center, font=\small}, node distance=1.3cm and 0.5cm]
\node[box] (dir) {Director\\Ada Quill};
\node[box, below=of dir] (ops) {Operations Lead\\Ben Okafor};
\node[box, left=of ops] (sci) {Science Lead\\Cara Diaz};
\node[box, right=of ops] (eng) {Engineering Lead\\Dev Patel};
\node[box, below=of eng] (net) {Network Engineer\\Eve Ng};
\draw (dir.south) -- ++(0,-0.65) -| (sci.north);
\draw (dir.south) -- ++(0,-0.65) -| (eng.north);
\draw (dir.south) -- (ops.north);
\draw[-{Stealth[length=3mm]}] (eng.south) -- (net.north);
\end{tikzpicture}
\caption{Reporting lines of the data group.}
\label{fig:org}
\end{figure}

\section{Products}
Figure~\ref{fig:tree} shows the product tree.

\begin{figure}[H]
\centering
\begin{tikzpicture}[pbox/.style={rectangle, rounded corners=3pt, draw=black,
  top color=yellow!50!white, bottom color=white, very thick, minimum height=30pt,
  inner sep=3pt, text centered, text width=24mm}, pline/.style={-, thick}]
\node (root) [pbox] {\textbf{Data System}};
\node (arch) [pbox, below left=1.4cm and 1.6cm of root] {\textbf{Archive}};
\node (serv) [pbox, below=1.4cm of root] {\textbf{Services}};
\node (pipe) [pbox, below right=1.4cm and 1.6cm of root] {\textbf{Pipelines}};
\node [below right] at (arch.north west) {\tiny\color{blue} 2.1};
\draw[pline] (arch.north) -- ++(0,0.5) -| (root.south);
\draw[pline] (serv.north) -- ++(0,0.5) -| (root.south);
\draw[pline] (pipe.north) -- ++(0,0.5) -| (root.south);
\node (db) [pbox, below right=6pt and -14pt of arch] {\textbf{Catalog DB}};
\node (files) [pbox, below=6pt of db] {\textbf{File Store}};
\draw[pline] (arch.south) -| ++(0,0) |- (db.west);
\draw[pline] (arch.south) -| ++(0,0) |- (files.west);
\node (alert) [pbox, below left=1.2cm and 0.1cm of pipe.south] {\textbf{Alerts}};
\node (rel) [pbox, below right=1.2cm and 0.1cm of pipe.south] {\textbf{Releases}};
\draw[pline] (pipe.south) -- ++(0,-0.6) coordinate (bus);
\draw[pline] (alert.north |- bus) -- (rel.north |- bus);
\draw[pline] (alert.north |- bus) -- (alert.north);
\draw[pline] (rel.north |- bus) -- (rel.north);
\end{tikzpicture}
\caption{Product tree of the data system.}
\label{fig:tree}
\end{figure}

\clearpage
\section{Roles}
\subsection{Role descriptions}
Table~\ref{tab:roles} lists the roles.

\begin{longtable}{|p{1.3cm}|p{2.2cm}|p{9cm}|}
\caption{Roles of the data group.}\label{tab:roles}\\
\hline
\textbf{WBS} & \textbf{Role Title} & \textbf{Role Description} \\ \hline
\endfirsthead
\hline
\textbf{WBS} & \textbf{Role Title} & \textbf{Role Description} \\ \hline
\endhead
"""
    + _role_rows()
    + r"""
\end{longtable}

\section{Milestones}
\begin{table}[H]
\centering
\caption{Milestones of the first year.}
\begin{tabular}{llll}
\toprule
Milestone & Due Date & Level & Team \\
\midrule
"""
    + "\n".join(" & ".join(m) + r" \\" for m in MILESTONES)
    + r"""
\bottomrule
\end{tabular}
\end{table}

\section{Staff}
\begin{table}[H]
\centering
\caption{Staff of the data group.}
\begin{tabular}{lll}
\textbf{Name} & \textbf{Institution} & \textbf{FTE} \\
"""
    + "\n".join(" & ".join(s) + r" \\" for s in STAFF)
    + r"""
\end{tabular}
\end{table}

\section{Facilities}
\begin{figure}[H]
\centering
\includegraphics[width=4cm]{photo.png}
\caption{The data centre.}
\end{figure}

\appendix
\section{References}
No references yet.

\end{document}
"""
)

#: TikZ trees drawn with ``child`` (straight and ``fork down`` edges), a booktabs table
#: with group rows and a caption below, a framed note that is no figure
TREES_TEX = r"""\documentclass[11pt]{article}
\usepackage{tikz,booktabs,float}
\usetikzlibrary{trees}
\begin{document}
\section{Teams}
\begin{table}[H]
\centering
\begin{tabular}{lll}
\toprule
\textbf{WBS} & \textbf{Team} & \textbf{Lead} \\
\midrule
\multicolumn{3}{l}{\textbf{Operations}} \\
\cmidrule(lr){1-3}
3.1 & Archive Team & Ada Quill \\
3.2 & Portal Team & Ben Okafor \\
\multicolumn{3}{l}{\textbf{Development}} \\
3.3 & Pipelines Team & Cara Diaz \\
\bottomrule
\end{tabular}
\caption{Teams and their leads.}
\end{table}

\noindent\fbox{\parbox{10cm}{Note: this plan is reviewed every year.}}

\begin{figure}[H]
\centering
\begin{tikzpicture}[every node/.style={draw, rectangle, minimum width=2.6cm,
  minimum height=8mm, align=center}, level distance=2cm, sibling distance=3.6cm]
\node {Head of Data}
  child {node {Archive Manager}}
  child {node {Portal Manager}
    child {node {Web Developer}}}
  child {node {Pipeline Manager}};
\end{tikzpicture}
\caption{Management tree.}
\end{figure}

\begin{figure}[H]
\centering
\begin{tikzpicture}[every node/.style={draw, rectangle, rounded corners,
  minimum width=2.8cm, minimum height=8mm}, level distance=1.8cm, sibling distance=3.4cm,
  edge from parent fork down]
\node {Chief Engineer}
  child {node {Mechanical Lead}}
  child {node {Software Lead}}
  child {node {Electrical Lead}};
\end{tikzpicture}
\caption{Engineering org chart.}
\end{figure}
\end{document}
"""

#: a document whose only page is an image: no text layer at all
IMAGE_ONLY_TEX = r"""\documentclass{article}
\usepackage{graphicx}
\pagestyle{empty}
\begin{document}
\includegraphics[width=8cm]{photo.png}
\end{document}
"""

PAGE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><style>
body { font-family: sans-serif; font-size: 11pt; }
table { border-collapse: collapse; }
td, th { border: 1px solid black; padding: 3px 6px; text-align: left; }
th { font-weight: bold; }
</style></head><body>
<h1>Service Plan</h1>
<h2>1 Products</h2>
<p>The products and who manages them.</p>
<ul><li>Portal<ul><li>Query tool</li></ul></li><li>Archive</li></ul>
<p>Table 1: Products and managers</p>
<table>
<tr><th>Product</th><th>Manager</th><th>Owner</th></tr>
<tr><td>Portal</td><td>Ada Quill</td><td>Ben Okafor</td></tr>
<tr><td>Archive</td><td>Cara Diaz</td><td>Dev Patel</td></tr>
</table>
<h2>2 Product tree</h2>
<svg width="420" height="220" xmlns="http://www.w3.org/2000/svg"
  font-family="sans-serif" font-size="13">
<rect x="150" y="10" width="120" height="40" fill="white" stroke="black"/>
<text x="210" y="35" text-anchor="middle">Data System</text>
<rect x="10" y="150" width="120" height="40" fill="white" stroke="black"/>
<text x="70" y="175" text-anchor="middle">Archive</text>
<rect x="290" y="150" width="120" height="40" fill="white" stroke="black"/>
<text x="350" y="175" text-anchor="middle">Services</text>
<path d="M210 50 V100 H70 V150" fill="none" stroke="black"/>
<path d="M210 100 H350 V150" fill="none" stroke="black"/>
</svg>
<p>Figure 1: Product tree of the service.</p>
</body></html>
"""


#: (group or None, product, manager, owner, notes) of the Chromium products table
PRODUCTS: list[tuple[str | None, str, str, str, str]] = [
    ("Archive Services", "", "", "", ""),
    (None, "Catalog Store", "Ada Quill", "-", ""),
    (None, "File Vault", "Ben Okafor", "Cara Diaz", "Holds the raw files"),
    ("User Services", "", "", "", ""),
    (None, "Query Portal", "Dev Patel", "-", ""),
    (None, "Notebook Hub", "Eve Ng", "Ada Quill", ""),
]
#: (wbs, title, description) of the long role table of the Chromium page
HTML_ROLES = [
    (f"4.{k // 26 + 1}{chr(ord('a') + k % 26)}", f"Survey Scientist {k + 1}", "Plans the survey.")
    for k in range(34)
]
#: teams listed without a bullet pdftotext can write (Chromium draws bullets as shapes)
TEAMS = [("Archive Group", ["Catalog Team", "Vault Team"]), ("Service Group", ["Portal Team"])]


def _html_products() -> str:
    rows = []
    for group, product, manager, owner, notes in PRODUCTS:
        if group is not None:
            rows.append(f'<tr class="group"><td colspan="4">{group}</td></tr>')
        else:
            rows.append(
                f"<tr><td>{product}</td><td>{manager}</td><td>{owner}</td><td>{notes}</td></tr>"
            )
    return "\n".join(rows)


def _html_teams() -> str:
    inner = "".join(
        f"<li>{group}<ul>{''.join(f'<li>{t}</li>' for t in teams)}</ul></li>"
        for group, teams in TEAMS
    )
    return f"<ul>{inner}</ul>"


#: a Chromium document: a table with colspan group rows on a shaded background, a long
#: table running onto the next page followed by a captioned one, bulletless lists
FORMS_HTML = (
    """<!doctype html>
<html><head><meta charset="utf-8"><style>
body { font-family: sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 10pt; }
td, th { border: 1px solid black; padding: 2px 5px; text-align: left; vertical-align: top; }
th { font-weight: bold; }
tr.group td { font-weight: bold; background: #eeeeee; }
caption { font-weight: bold; text-align: left; caption-side: top; }
</style></head><body>
<h1>Service Forms</h1>
<h2>1 Products</h2>
<p>The products and who manages them.</p>
<table><caption>Table 1: Products and managers</caption>
<thead><tr><th>Product</th><th>Manager</th><th>Owner</th><th>Notes</th></tr></thead><tbody>
"""
    + _html_products()
    + """
</tbody></table>
<h2>2 Teams</h2>
<p>The groups and their teams are:</p>
"""
    + _html_teams()
    + """
<p>The group meets every week.</p>
<h2>3 Roles</h2>
<table><caption>Table 2: Roles of the survey team</caption>
<thead><tr><th>WBS</th><th>Role Title</th><th>Role Description</th></tr></thead><tbody>
"""
    + "\n".join(f"<tr><td>{w}</td><td>{t}</td><td>{d}</td></tr>" for w, t, d in HTML_ROLES)
    + """
</tbody></table>
<h2>4 Reporting</h2>
<svg width="420" height="160" xmlns="http://www.w3.org/2000/svg"
  font-family="sans-serif" font-size="12">
<rect x="150" y="10" width="120" height="40" fill="white" stroke="black"/>
<text x="210" y="27" text-anchor="middle">Director</text>
<text x="210" y="43" text-anchor="middle">Ada Quill</text>
<rect x="150" y="100" width="120" height="40" fill="white" stroke="black"/>
<text x="210" y="117" text-anchor="middle">Archive Operations and Services Lead</text>
<text x="210" y="133" text-anchor="middle">Ben Okafor</text>
<path d="M210 50 V100" fill="none" stroke="black"/>
</svg>
<p>Figure 1: Reporting lines.</p>
<table><caption>Table 3: Roles of the portal team</caption>
<thead><tr><th>WBS</th><th>Role Title</th><th>Role Description</th></tr></thead><tbody>
<tr><td>5.1a</td><td>Portal Lead</td><td>Leads the portal team.</td></tr>
<tr><td>5.1b</td><td>Portal Developer</td><td>Develops the portal.</td></tr>
</tbody></table>
</body></html>
"""
)

#: (title, id, due, team, predecessor) of the LaTeX milestone table: narrow columns,
#: so that ids and dates break after a hyphen and the header's names wrap
FORM_MILESTONES = [
    ("Archive ready for data", "L2-AR-0010", "2024-03-31", "Archive Team", ""),
    ("Portal open to users", "L3-PO-0020", "2024-06-30", "Services Team", "L2-AR-0010"),
]
#: the same in a booktabs table: a row a line, the broken ids on continuation lines
FORM_MILESTONES_2 = [("Alert stream live", "L2-AL-0030", "2025-03-31", "Pipelines Team")]
#: (wbs, description, fte, name, institution, title, team) of the LaTeX staff table
FORM_STAFF = [
    (
        "3.1a",
        "Leads the archive team and plans its work.",
        "0.5",
        "Quill, Ada",
        "NLAB",
        "Archive Lead",
        "Archive Team",
    ),
    (
        "3.1b",
        "Keeps the catalog databases running.",
        "1.0",
        "Okafor, Ben",
        "SINST",
        "Database Administrator",
        "Archive Team",
    ),
]


#: a list whose first item wraps over two lines
FORM_DUTIES = [
    "Keep the archive of the survey open to every user, day and night, and restore any"
    " file that a user has lost within one working day of the request.",
    "Serve the users.",
]
FORM_ACRONYMS = [
    ("NLAB", "North Laboratory"),
    ("SINST", "South Institute"),
    ("FTE", "Full-Time Equivalent"),
]

FORMS_TEX = (
    r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{longtable,booktabs,array}
\title{Forms of the Data Group\\ \large Northwind Survey Telescope}
\author{Ada Quill \and Ben Okafor}
\date{NST-077 \\ Latest Revision: 2024-06-01}
\begin{document}
\maketitle
\section{Milestones}
The data group tracks its milestones in the issue tracker and reports on them every
quarter to the funding agencies; the table below lists the milestones of the first
year, with their identifiers, their due dates and the teams responsible for them.
Its duties are:
\begin{itemize}
\item """
    + FORM_DUTIES[0]
    + r"""
\item """
    + FORM_DUTIES[1]
    + r"""
\end{itemize}

{\footnotesize
\begin{longtable}{|p{3.2cm}|p{1.1cm}|p{1.15cm}|p{2.2cm}|p{1.2cm}|}
\caption{Milestones of the data group}\\
\hline
\textbf{Milestone} & \textbf{Mile\-stone ID} & \textbf{Due Date} & \textbf{Team} &
\textbf{Predecessors} \\
\hline
\endfirsthead
"""
    + "\n".join(" & ".join(m) + r" \\ \hline" for m in FORM_MILESTONES)
    + r"""
\end{longtable}
}

{\footnotesize
\begin{longtable}{p{3.2cm}p{1.1cm}p{1.15cm}p{2.2cm}}
\caption{Milestones of the second year}\\
\toprule
\textbf{Milestone} & \textbf{ID} & \textbf{Due Date} & \textbf{Team} \\
\midrule
\endfirsthead
"""
    + "\n".join(" & ".join(m) + r" \\" for m in FORM_MILESTONES_2)
    + r"""
\bottomrule
\end{longtable}
}

\begin{center}
Hosts\\[2pt]
\begin{tabular}{|l|l|}
\hline
\textbf{Service} & \textbf{Host} \\ \hline
Portal & North Lab \\ \hline
\end{tabular}
\end{center}

\section{Staff}
The staff of the group are listed with their roles, the institutions that employ them
and the effort they give to the group in the fiscal year.

{\footnotesize
\begin{longtable}{p{0.9cm}p{3.6cm}p{0.9cm}p{1.5cm}p{1.6cm}p{2.2cm}p{1.6cm}}
\caption{Staff of the data group}\\
\toprule
\textbf{WBS} & \textbf{Role Description} & \textbf{FY24 FTE} & \textbf{Name} &
\textbf{Institution} & \textbf{Role} & \textbf{Team Name} \\
\midrule
\endfirsthead
"""
    + "\n".join(" & ".join(m) + r" \\" for m in FORM_STAFF)
    + r"""
\bottomrule
\end{longtable}
}

\appendix
\section{Acronyms}
\begin{table}[h]
\centering
\caption{Acronyms}
\begin{tabular}{ll}
\toprule
\textbf{Acronym} & \textbf{Definition} \\
\midrule
"""
    + "\n".join(" & ".join(a) + r" \\" for a in FORM_ACRONYMS)
    + r"""
\bottomrule
\end{tabular}
\end{table}
\end{document}
"""
)


_RUNNING_TEAMS = ("Alpha", "Beta", "Gamma")


def _running_page(k: int) -> str:
    team = _RUNNING_TEAMS[k]
    filler = " ".join(["The team keeps its services running day and night."] * (2 + 7 * k))
    return rf"""\section{{Team {team}}}
{filler}

\begin{{tabular}}{{p{{1cm}}p{{3cm}}p{{5cm}}}}
\toprule
\textbf{{WBS}} & \textbf{{Role Title}} & \textbf{{Role Description}} \\
\midrule
6.{k + 1}a & {team} Operator &
Runs the nightly backups and checks that every copy can be restored. \\
6.{k + 1}b & {team} Engineer & Builds the {team} tools. \\
\bottomrule
\end{{tabular}}
\clearpage
"""


#: three pages with a running header, each with a table whose one row reads the same
#: (a repeated cell, at another place on each page: no running line)
RUNNING_TEX = (
    r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2.5cm,headheight=14pt]{geometry}
\usepackage{booktabs,fancyhdr}
\pagestyle{fancy}\fancyhf{}\lhead{Running Head Text}\cfoot{\thepage}
\begin{document}
"""
    + "".join(_running_page(k) for k in range(3))
    + r"""\end{document}
"""
)


#: (wbs, title) of a booktabs longtable that runs over pages with no repeated head: a
#: page ends below a row with no rule, the next starts with rows over the bottom rule
LONG_ROWS = [(f"7.{k + 1}", f"Operator {k + 1}") for k in range(70)]
LONG_TEX = (
    r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=2.5cm]{geometry}
\usepackage{longtable,booktabs}
\begin{document}
\section{Operators}
The operators of the night shift.

\begin{longtable}{ll}
\caption{Operators}\\
\toprule
\textbf{WBS} & \textbf{Role Title} \\
\midrule
"""
    + "\n".join(" & ".join(r) + r" \\" for r in LONG_ROWS)
    + r"""
\bottomrule
\end{longtable}
\end{document}
"""
)


def png_bytes(width: int = 32, height: int = 24) -> bytes:
    """A small grey-gradient PNG, written by hand (no imaging library needed)."""
    rows = b"".join(
        b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def build_latex(source: str, folder: Path, name: str) -> Path:
    """``folder/name.pdf`` built from ``source`` by pdflatex (twice, for the contents)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "photo.png").write_bytes(png_bytes())
    tex = folder / f"{name}.tex"
    tex.write_text(source, encoding="utf-8")
    assert PDFLATEX, "pdflatex is not installed"
    for _ in range(2):
        done = subprocess.run(
            [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", tex.name],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=240,
        )
        if done.returncode != 0:
            raise RuntimeError(f"pdflatex failed on {name}:\n{done.stdout[-3000:]}")
    return folder / f"{name}.pdf"


def build_html_pdf(html: str, folder: Path, name: str) -> Path:
    """``folder/name.pdf``: ``html`` printed to PDF by headless Chromium."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    out = folder / f"{name}.pdf"
    assert CHROMIUM, "chromium is not installed"
    subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_ARGS,
            "--no-pdf-header-footer",
            f"--user-data-dir={folder / 'chromium-profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return out


def pdftotext(pdf: Path, layout: bool) -> str:
    """What poppler's pdftotext writes for ``pdf`` (``-layout`` mode or the default)."""
    assert PDFTOTEXT, "pdftotext is not installed"
    args = [PDFTOTEXT, *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, check=True, timeout=60).stdout.decode("utf-8")


def encrypt(pdf: Path, out: Path, password: str = "secret") -> Path:
    """A copy of ``pdf`` encrypted with a user password (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    with out.open("wb") as fh:
        writer.write(fh)
    return out
