"""What counts as a stated link: a long name that spells a short one out, 'Long Name (LN)',
an acronym-list line, a stated rename; and the keys that say two names are the same."""

from __future__ import annotations

import pytest
from orggraph.loaders.keys import bag_key, plural_key, same_key
from orggraph.loaders.stated import (
    glossary_lines,
    names_within,
    spells_out,
    stated_abbreviations,
    stated_renames,
    without_rename_note,
)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("CDAC", "Chile Data Access Center"),
        ("FrDF", "French Data Facility"),
        ("EFD", "Engineering and Facility Database"),
        ("TDB", "Tide Database"),
        ("Data Eng", "Data Engineering"),
        ("Prompt f/w", "Prompt forwarder"),
        ("Sis Exec", "Single-site Exec"),
        ("DC2", "Data Challenge 2"),
        ("RSP", "the Rubin Science Platform"),
    ],
)
def test_spelled_out(short: str, long: str) -> None:
    assert spells_out(short, long)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Butler", "Butler Writer"),  # a word of the long name gives no letter
        ("Data", "Database Tide"),
        ("Broker", "Alert Broker Service"),  # does not start where the long name starts
        ("Qserv", "Rubin Science Platform"),
        ("Tide DB", "Database Tide"),  # order matters
        ("HP", "HP"),
        ("X", "Xeno"),
        ("Planned Obs.", "Planned Observation Publication"),
    ],
)
def test_not_spelled_out(short: str, long: str) -> None:
    assert not spells_out(short, long)


def test_names_within() -> None:
    assert names_within("Archive", "Survey archive")
    assert names_within("Relay Vault", "Xeno Relay Vault")
    assert not names_within("Vault Relay", "Xeno Relay Vault")
    assert not names_within("Archive", "Archive")


def test_long_name_then_acronym_in_running_text() -> None:
    lines = [
        "Data flow into the Rubin Science Platform (RSP) every night.",
        "The broker (see Notes) and SQDB (Sounding Query Database) are new.",
        "Ask the team (TBD) later.",
    ]
    pairs = {(p.short, p.long, p.line) for p in stated_abbreviations("d.txt", lines)}
    assert pairs == {
        ("RSP", "Rubin Science Platform", 1),
        ("SQDB", "Sounding Query Database", 2),
    }


def test_glossary_entries_cite_their_line() -> None:
    lines = ["Product\tManager", "XRV\tAnn", "", "Acronym\tDescription", "XRV\tXeno Relay Vault"]
    [pair] = glossary_lines("d.txt", lines, {"XRV": "Xeno Relay Vault"})
    assert (pair.line, pair.quote, pair.kind) == (5, "XRV\tXeno Relay Vault", "glossary")


@pytest.mark.parametrize(
    ("line", "new", "old"),
    [
        ("The Data Services team (formerly SQuaRE) runs it.", "Data Services team", "SQuaRE"),
        ("Data Curator, previously Data Wrangler, keeps it.", "Data Curator", "Data Wrangler"),
        ("The Archive Group was renamed Data Curation in 2030.", "Data Curation", "Archive Group"),
        ("We renamed the Pipeline Team to Processing Team.", "Processing Team", "Pipeline Team"),
        ("Lead Engineer (formerly known as Chief Engineer)", "Lead Engineer", "Chief Engineer"),
    ],
)
def test_stated_renames(line: str, new: str, old: str) -> None:
    [pair] = stated_renames("d.txt", [line])
    assert (pair.short, pair.long) == (new, old)


def test_no_rename_without_the_words() -> None:
    assert stated_renames("d.txt", ["The Data Services team (see SQuaRE) runs it."]) == []
    assert without_rename_note("Data Lead (formerly Archive Lead)") == "Data Lead"


def test_same_name_keys() -> None:
    assert same_key("Facility", "US DF") == same_key("Facility", "USDF")
    assert same_key("Product", "Pipes & Tools") == same_key("Product", "pipes and tools")
    assert same_key("Team", "Execution Team") == same_key("Team", "Execution")
    assert same_key("Product", "Manifest") != same_key("Product", "Manifests")
    assert plural_key("Team", "Algorithms and Pipelines") == plural_key(
        "Team", "Algorithm and Pipeline"
    )
    assert plural_key("Team", "Pipelines and Algorithms") != plural_key(
        "Team", "Algorithms and Pipelines"
    )
    assert bag_key("Product", "Tide Database") == bag_key("Product", "Database Tide")
