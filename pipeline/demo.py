"""`make demo`: the main job on the bundled samples, with nothing to set up.

Runs ``tiedote batch samples -o out/samples.sqlite`` (embedded SQLite, no
server) and prints a few SQL queries' answers, so a new user sees records
land in a warehouse-shaped store in one command.
"""

from __future__ import annotations

import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

from .batch import run_batch

ROOT = Path(__file__).resolve().parent.parent


def _print_rows(title: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)] if rows else [len(h) for h in header]
    print("  " + "  ".join(str(h).ljust(w) for h, w in zip(header, widths)))
    for row in rows:
        print("  " + "  ".join(str(v).ljust(w) for v, w in zip(row, widths)))


def main() -> int:
    samples = ROOT / "samples"
    out = ROOT / "out"
    out.mkdir(exist_ok=True)
    db = out / "samples.sqlite"
    # The demo's own output, rebuilt each time: a database of an older schema version left by an earlier
    # checkout would be refused (as any store of another version is), which is no reason for the demo to stop.
    for stale in (db, out / "samples.errors.jsonl"):
        stale.unlink(missing_ok=True)
    summary = run_batch([str(samples)], str(db), workers=2, errors_path=str(out / "samples.errors.jsonl"))
    print(f"{summary.written} records written to {db.relative_to(ROOT)}, {summary.failed} failed, in {summary.seconds:.1f} s")

    con = sqlite3.connect(db)
    _print_rows(
        "Releases per publisher:",
        ("publisher", "releases"),
        con.execute("SELECT coalesce(organization, '(none)'), count(*) FROM releases GROUP BY 1 ORDER BY 2 DESC, 1").fetchall(),
    )
    # Money is stored as exact decimal text; sum it exactly in Python, not as SQLite floats.
    totals: dict[str, Decimal] = {}
    for org, value in con.execute(
        "SELECT coalesce(r.organization, '(none)'), a.amount FROM amounts a JOIN releases r ON r.id = a.release_id WHERE a.currency = 'EUR'"
    ):
        totals[org] = totals.get(org, Decimal(0)) + Decimal(value)
    _print_rows(
        "Euros mentioned per publisher (sum of amounts, exact):",
        ("publisher", "EUR"),
        [(org, f"{total:,.2f}".replace(",", " ")) for org, total in sorted(totals.items(), key=lambda kv: -kv[1])],
    )
    _print_rows(
        "Releases by language and type:",
        ("language", "doc_type", "releases"),
        con.execute("SELECT language_code, coalesce(doc_type, '(no label)'), count(*) FROM releases GROUP BY 1, 2 ORDER BY 1, 2").fetchall(),
    )
    _print_rows(
        "Most mentioned organisations (entities):",
        ("lemma", "releases"),
        con.execute("SELECT lemma, count(DISTINCT release_id) FROM entities WHERE label = 'ORG' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 8").fetchall(),
    )
    print(f"\nTry: sqlite3 {db.relative_to(ROOT)} 'SELECT title, published FROM releases ORDER BY published'")
    return 0 if summary.failed == 0 else 3


if __name__ == "__main__":
    sys.exit(main())
