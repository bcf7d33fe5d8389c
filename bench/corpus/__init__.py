"""Development corpus: synthetic organisations as planning documents in every input format.

Everything here is invented (names from syllables, ``bench.synth``'s generator) and
deterministic by (seed, size, style): ``size`` grows the organisation, ``style`` renders
the same organisation with other header synonyms, column orders, captions and name
spellings (an altered copy).

Forms (the shapes planning documents take; one document per form, and ``plan`` with
all of them in one document; every document has front matter: title, handle, authors,
date, often a change record, and an acronym table at the end):

* ``roles``: a role table per team, captioned with the team ('<Team> roles for ...',
  'Roles of the <Team> team'): WBS | Role Title | Role Description under header
  synonyms, sometimes title first; titles with a site suffix ' - SITE'; descriptions
  that say 'Reports to the <role>'.
* ``staff``: one row per holder or vacancy (TBD/Vacant/TBH): WBS, team, title,
  optional description, institution, FTE, staff ('Last, First' or 'First Last'), in
  a varied column order, long (spans pages, header repeated), rows wrapping over lines.
* ``products``: Product | Manager | Owner | Description with group rows (a spanning
  bold row, or a bold row with the group's own manager): PART_OF; TBD/? managers.
* ``milestones``: Milestone | ID (L3-XX-0010) | Jira key | Due | Level | Team, optional
  Depends On; and a Gantt chart of every milestone, one lane per team (some milestones
  are only in the chart).
* ``responsibility``: Product/Area | Responsible | Contact.
* ``tree``: a product tree figure (root, groups, a sub-group, products; elbow lines).
* ``orgchart``: an org chart figure (boxes: role title and holder; lines: reporting).
* ``teamlists``: headings with 'The X group includes:' lists of teams, 'P leads the
  T team' sentences, member lists 'Name (INST), Role title', the product breakdown as
  an indented list.
* ``sentences``: 'X depends on / runs on / relies on / requires / is built on Y',
  'X is hosted at / runs at / is operated by / is deployed at F', 'The F hosts X',
  'X is part of / is a component of / belongs to Y', 'X is managed by P', team and
  facility 'part of' sentences, milestone dependencies ('M cannot start before N is
  complete'), 'The R reports to the S'.

Formats (``FORMATS``): ``tabbed`` (the seeds' converter output: TAB rows, ``<b>``,
``&amp;``, ``#`` headings, wrapped cells, repeated headers), ``markdown`` (pipe tables,
continuation rows), ``latex`` (a folder: main.tex and ``\\input`` tables and figures;
longtable/tabular with hline or booktabs, ``\\multicolumn`` group rows, TikZ trees and
charts, pgfgantt), ``pdf-latex`` (that folder through pdflatex), ``pdf-html`` (HTML
with inline SVG figures, printed by headless Chromium), and poppler's ``pdftotext``
default and ``-layout`` output of each PDF (``pdftotext-latex``, ``pdftotext-html``,
``pdftotext-layout-latex``, ``pdftotext-layout-html``).

Truth conventions (``docs/graph-contract.md``; each fact records its carrier, table,
list, prose or figure, and a format's truth keeps the carriers it carries: figures are
carried by ``latex`` and the PDFs, not by ``tabbed``/``markdown`` (converters drop them)
nor by pdftotext (words only)):

* Role name = the title as written, site suffix kept; the suffix gives LOCATED_AT to
  the Institution or Facility. role -MEMBER_OF-> team (caption, team column, list).
* person -HOLDS-> role (fte, institution), person -AFFILIATED_WITH-> institution
  (staff table, member lists); vacancies are no HOLDS.
* person -LEADS-> team: the holder of a role titled '<Team> Lead' (staff table, member list),
  and 'P leads the T team' sentences.
* role -REPORTS_TO-> role: a description or sentence saying so, and org chart lines.
* person -MANAGES/OWNS-> product (product table, responsibility table, 'managed by').
* product -PART_OF-> group product (group rows, tree, indented list, sentences);
  team -PART_OF-> team (lists, sentences); facility -PART_OF-> facility (sentences).
* facility -HOSTS-> product; DEPENDS_ON between products and between milestones.
* team -RESPONSIBLE_FOR-> milestone (table column, Gantt lane). Milestone name = its
  title; its ID and Jira key are aliases.
* Authors and change-record owners are Person nodes. Person aliases: 'First Last',
  'Last, First', 'F. Last'; acronym-list expansions are aliases of the acronym's node.
* A document may use names another document of the corpus defines (a sentence names
  a product of the product table): the documents of a format are loaded together.

API::

    corpus = build_corpus(out_dir, seed=1, size=1, formats=FORMATS, style=0)
    for r in corpus.of_format("pdftotext-layout-latex"):
        r.slug, r.form, r.path          # the document on disk ('latex': a folder)
        r.truth                         # Truth: .nodes, .edges, .to_export() (contract JSON)
    corpus.skipped                      # format -> why it was not built (missing tool)
    docs = make_documents(make_org(seed, size), style=0)   # blocks + facts, no rendering
    docs[0].facts.for_format("tabbed")  # the truth of one document in one format

    from bench.corpus.score import score       # score(loaded_graphs_or_export, truth)
    from bench.corpus.run import run_loaders   # load each format with the loaders, score

``bench/corpus_score.py`` prints the scores per form and format.
"""

from .build import (
    DOC_FORMS,
    Corpus,
    Document,
    Rendering,
    build_corpus,
    make_document,
    make_documents,
)
from .model import Org, make_org
from .truth import FORMAT_CARRIERS, FORMATS, Facts, Truth

__all__ = [
    "DOC_FORMS",
    "FORMATS",
    "FORMAT_CARRIERS",
    "Corpus",
    "Document",
    "Facts",
    "Org",
    "Rendering",
    "Truth",
    "build_corpus",
    "make_document",
    "make_documents",
    "make_org",
]
