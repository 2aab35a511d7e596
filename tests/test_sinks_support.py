"""Helpers for the sink tests: realistic records, table dumps per sink, and a killable loader.

No tests live here; the module is imported by the ``test_sinks*`` modules and
run as a script (``python test_sinks_support.py TARGET ...``) as the child
process the kill tests SIGKILL mid-load.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # when run as the child script
    sys.path.insert(0, str(ROOT))

from models import (  # noqa: E402
    AmountMention,
    Contact,
    DateMention,
    Entity,
    ExtractionWarning,
    PressRelease,
    Quote,
    ThemeItem,
    ThemeList,
)
from pipeline.sinks.base import Sink, open_sink  # noqa: E402
from pipeline.sinks.schema import TABLES  # noqa: E402

HELSINKI = ZoneInfo("Europe/Helsinki")
TESTS = Path(__file__).resolve().parent

Tables = dict[str, list[tuple[Any, ...]]]


class Body:
    """Builds a release body paragraph by paragraph and hands out exact spans."""

    def __init__(self) -> None:
        self.text = ""

    def para(self, text: str, sep: str = "\n\n") -> int:
        """Append a paragraph (or list line with sep='\\n'); return its start offset."""
        if self.text:
            self.text += sep
        start = len(self.text)
        self.text += text
        return start

    def span(self, para_start: int, needle: str) -> dict[str, Any]:
        """Evidence fields for the first occurrence of needle at or after para_start."""
        start = self.text.index(needle, para_start)
        return {"text": needle, "start": start, "end": start + len(needle)}


_MINISTRIES = ("työ- ja elinkeinoministeriö", "sosiaali- ja terveysministeriö", "valtiovarainministeriö")
_PEOPLE = (("Petra Stenfors", "erityisasiantuntija", "TEM"), ("Päivi Anttikoski", "viestintäjohtaja", "STM"))


def _amounts(n: int, version: int, body: Body) -> list[AmountMention]:
    """Money sentences exercising exactness: millions, cents, billions with decimals, ranges."""
    amounts: list[AmountMention] = []
    millions = 7 + n % 5 + version
    s = body.para(f"Valtioneuvosto on myöntänyt yhteensä {millions} miljoonaa euroa alueiden yhteistyöhön.")
    amounts.append(AmountMention(**body.span(s, f"{millions} miljoonaa euroa"), value=Decimal(millions) * 10**6))
    if n % 3 != 2 and version == 0:
        s = body.para("Tuki on noin 0,15 euroa kilowattitunnilta ja enintään 3 100 euroa kuukaudessa.")
        amounts.append(
            AmountMention(**body.span(s, "noin 0,15 euroa"), value=Decimal("0.15"), approximate=True, qualifier="noin")
        )
        amounts.append(
            AmountMention(
                **body.span(s, "enintään 3 100 euroa kuukaudessa"),
                value=Decimal("3100"),
                approximate=True,
                qualifier="enintään",
                period="month",
            )
        )
    if n % 4 == 1:
        s = body.para("Kehyskaudella määrärahat ovat 2–3 miljoonaa euroa ja kokonaisuus 2,5 miljardia euroa.")
        amounts.append(
            AmountMention(**body.span(s, "2–3 miljoonaa euroa"), value=Decimal("2E+6"), value_max=Decimal("3000000"))
        )
        amounts.append(AmountMention(**body.span(s, "2,5 miljardia euroa"), value=Decimal("2.5") * 10**9))
    return amounts


def _dates(n: int, body: Body, s: int) -> list[DateMention]:
    day = 1 + n % 28
    found = [
        DateMention(
            **body.span(s, f"{day}.6.2021"),
            value=f"2021-06-{day:02d}",
            earliest=date(2021, 6, day),
            latest=date(2021, 6, day),
            granularity="day",
        )
    ]
    if n % 2 == 0:
        s2 = body.para("Haku järjestettiin kevään 2021 aikana, ja rahoitus kohdistuu vuosiin 2021–2023.")
        found.append(
            DateMention(
                **body.span(s2, "kevään 2021"),
                value="2021-21",
                earliest=date(2021, 3, 1),
                latest=date(2021, 5, 31),
                granularity="season",
            )
        )
        found.append(
            DateMention(
                **body.span(s2, "vuosiin 2021–2023"),
                value="2021/2023",
                earliest=date(2021, 1, 1),
                latest=date(2023, 12, 31),
                granularity="year",
                interval=True,
            )
        )
    return found


def _theme_lists(n: int, body: Body) -> list[ThemeList]:
    lists: list[ThemeList] = []
    for list_no in range(n % 3):
        intro = f"Rahoitettavissa hankkeissa {list_no + 1} keskitytään muun muassa"
        intro_start = body.para(intro)
        words = ["etätyöpisteiden kehittämiseen", "vetytalouden vahvistamiseen", "älymaatalouden kehittämiseen"]
        items: list[ThemeItem] = []
        first = None
        for k, word in enumerate(words[: 2 + (n + list_no) % 2]):
            start = body.para(f"  • {word},", sep="\n" if k else "\n\n")
            first = start if first is None else first
            items.append(ThemeItem(**body.span(start, word)))
        whole = body.text[first : len(body.text)]
        lists.append(
            ThemeList(
                text=whole,
                start=first,
                end=first + len(whole),
                intro=intro,
                intro_start=intro_start,
                intro_end=intro_start + len(intro),
                ordered=list_no == 1,
                items=items,
            )
        )
    return lists


def make_release(n: int, version: int = 0) -> PressRelease:
    """A realistic release; ``version`` changes its text (and mentions) but keeps its id (same URL)."""
    body = Body()
    day = 1 + n % 28
    lang = ("fi", "sv", "en")[n % 3]
    lead = body.para(f"Valtioneuvosto on {day}.6.2021 valinnut alueiden verkostohankkeet (kierros {n}).")
    dates = _dates(n, body, lead)
    amounts = _amounts(n, version, body)
    person, title, org = _PEOPLE[n % 2]
    q = body.para(f"– Alueiden välisille verkostoille on selkeä tilaus, {title} {person} sanoo.")
    quotes = [
        Quote(
            **body.span(q, "Alueiden välisille verkostoille on selkeä tilaus"),
            speaker=person,
            speaker_title=title,
            verb="sanoo",
        )
    ]
    theme_lists = _theme_lists(n + version, body)
    c = body.para(f"Lisätiedot:\n{title} {person}, {org}, p. 029 504 7282")
    contact_text = f"{title} {person}, {org}, p. 029 504 7282"
    email = None if n % 2 else person.lower().replace(" ", ".").replace("ä", "a") + "@gov.fi"
    contacts = [
        Contact(**body.span(c, contact_text), name=person, title=title, organization=org, phone="+358295047282", email=email)
    ]
    entities = [
        Entity(**body.span(q, person), label="PERSON", lemma=person, source="speaker"),
        Entity(**body.span(lead, "Valtioneuvosto"), label="ORG", lemma="valtioneuvosto", source="gazetteer"),
    ]
    url = None if n % 5 == 4 else f"https://valtioneuvosto.fi/-/1410877/hanke-{n}"
    key = url or body.text
    published = None if n % 7 == 3 else datetime(2021, 1 + n % 12, day, 15, 47, tzinfo=HELSINKI)
    day_only = published is not None and n % 5 == 2  # a page that shows only the date
    if day_only:
        published = published.replace(hour=0, minute=0)  # type: ignore[union-attr]
    warnings = [] if published else [ExtractionWarning(code="no_published_time", message="Julkaisuaikaa ei löytynyt.")]
    ministry = _MINISTRIES[n % 3]
    return PressRelease(
        id=hashlib.sha256(key.encode()).hexdigest()[:16],
        url=url,
        content_hash=hashlib.sha256(body.text.encode()).hexdigest(),
        language=lang,
        doc_type="press_release" if n % 4 else "news",
        title=f"Alueiden verkostoyhteistyötä edistävät hankkeet valittu ({n})",
        organization=ministry,
        organizations=[ministry] + (["valtiovarainministeriö"] if n % 6 == 5 else []),
        published=published,
        published_precision=None if published is None else ("day" if day_only else "minute"),
        published_translation=published.replace(hour=16, minute=2) if published is not None and n % 3 == 1 else None,
        updated=datetime(2022, 1, 1, 9, 0, tzinfo=HELSINKI) if n % 4 == 1 else None,
        release_number=f"{100 + n}/2021" if n % 2 else None,
        lead=body.text[lead : body.text.index("\n\n", lead)],
        body=body.text,
        dates=dates,
        amounts=amounts,
        contacts=contacts,
        theme_lists=theme_lists,
        quotes=quotes,
        entities=entities,
        warnings=warnings,
    )


def corpus(count: int, version: int = 0) -> list[PressRelease]:
    """``count`` distinct releases (unique ids)."""
    records = [make_release(n, version) for n in range(count)]
    assert len({r.id for r in records}) == count
    return records


def source_of(index: int, record: PressRelease) -> tuple[str, str]:
    """The (input key, input hash) the batch runner would pass for an input file."""
    return f"archive/{index:05d}.html", hashlib.sha256(record.body.encode()).hexdigest()


def load(sink: Sink, records: Sequence[PressRelease], batch_size: int, resume: bool = False) -> int:
    """Write records in batches with their sources, skipping loaded inputs when resuming; return records written."""
    done = sink.loaded_hashes() if resume else {}
    todo = [(i, r) for i, r in enumerate(records) if done.get(source_of(i, r)[0]) != source_of(i, r)[1]]
    for k in range(0, len(todo), batch_size):
        chunk = todo[k : k + batch_size]
        sink.write([r for _, r in chunk], [source_of(i, r) for i, r in chunk])
    return len(todo)


# -- reading a store back -------------------------------------------------------


def _ordered(table_name: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows sorted by the table's key so stores of different write order compare equal."""
    table = next(t for t in TABLES if t.name == table_name)
    idx = [table.column_names.index(k) for k in table.key]
    return sorted(rows, key=lambda row: tuple(row[i] for i in idx))


def _without_load_time(name: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    if name != "inputs":
        return rows
    cut = next(t for t in TABLES if t.name == "inputs").column_names.index("loaded_at")
    return [row[:cut] + row[cut + 1 :] for row in rows]


def sqlite_tables(path: Path) -> Tables:
    """Every table of a SQLite store, key-ordered, ``inputs.loaded_at`` left out."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for table in TABLES:
            cols = ", ".join(f'"{c}"' for c in table.column_names)
            rows = conn.execute(f'SELECT {cols} FROM "{table.name}"').fetchall()
            out[table.name] = _without_load_time(table.name, _ordered(table.name, rows))
        return out
    finally:
        conn.close()


def postgres_tables(url: str) -> Tables:
    """Every table of a PostgreSQL store, key-ordered, ``inputs.loaded_at`` left out."""
    import psycopg

    with psycopg.connect(url) as conn:
        out = {}
        for table in TABLES:
            cols = ", ".join(f'"{c}"' for c in table.column_names)
            rows = conn.execute(f'SELECT {cols} FROM "{table.name}"').fetchall()
            out[table.name] = _without_load_time(table.name, _ordered(table.name, rows))
        return out


def csv_tables(folder: Path) -> Tables:
    """Every CSV file of a folder store, key-ordered (values as text), ``inputs.loaded_at`` left out."""
    out = {}
    for table in TABLES:
        with (folder / f"{table.name}.csv").open(encoding="utf-8", newline="") as file:
            reader = csv.reader(file)
            assert tuple(next(reader)) == table.column_names
            rows = [tuple(row) for row in reader]
        key_types = {c.name: c.kind for c in table.columns}
        idx = [table.column_names.index(k) for k in table.key]
        rows.sort(key=lambda row: tuple(int(row[i]) if key_types[table.key[j]] == "integer" else row[i]
                                        for j, i in enumerate(idx)))
        out[table.name] = _without_load_time(table.name, rows)
    return out


def parquet_tables(folder: Path) -> Tables:
    """Every Parquet file of a folder store, key-ordered, ``inputs.loaded_at`` left out."""
    import pyarrow.parquet as pq

    out = {}
    for table in TABLES:
        data = pq.read_table(folder / f"{table.name}.parquet").to_pylist()
        rows = [tuple(row[c] for c in table.column_names) for row in data]
        out[table.name] = _without_load_time(table.name, _ordered(table.name, rows))
    return out


def jsonl_records(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file, in file order."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- the child the kill tests SIGKILL ------------------------------------------------


def _kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm_kill(kill_at: int) -> None:
    """SIGKILL this process inside the ``kill_at``-th store operation, after part of it is done.

    SQL sinks die after the k-th INSERT of an open transaction; file sinks
    after writing half the bytes of the k-th journal append, leaving a torn line.
    """
    from pipeline.sinks import jsonl, sql

    calls = {"n": 0}
    insert = sql.SqlSink._insert

    def dying_insert(self: Any, cur: Any, table: Any, rows: Any) -> None:
        insert(self, cur, table, rows)
        calls["n"] += 1
        if calls["n"] == kill_at:
            _kill_self()

    def dying_append(self: jsonl.Journal, lines: list[str]) -> None:
        calls["n"] += 1
        if calls["n"] != kill_at or not lines:
            return append(self, lines)
        data = "".join(line + "\n" for line in lines).encode()
        with self.path.open("ab") as file:
            file.write(data[: len(data) // 2])
            file.flush()
            os.fsync(file.fileno())
        _kill_self()

    append = jsonl.Journal.append
    sql.SqlSink._insert = dying_insert  # type: ignore[method-assign]
    jsonl.Journal.append = dying_append  # type: ignore[method-assign]


def child_main(argv: list[str]) -> None:
    """``TARGET COUNT BATCH KILL_AT``: load the corpus with resume, dying at the KILL_AT-th store operation."""
    target, count, batch_size, kill_at = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    records = corpus(count)
    if kill_at > 0:
        arm_kill(kill_at)
    with open_sink(target) as sink:
        load(sink, records, batch_size, resume=True)


if __name__ == "__main__":
    child_main(sys.argv[1:])
