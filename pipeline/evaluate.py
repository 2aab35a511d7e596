"""tiedote evaluate: field-by-field precision, recall and F1 against hand-checked records.

Usage: tiedote evaluate [DIR] [--min-f1 X] [--json] [--no-ner]

Every ``NAME.expected.json`` in DIR is compared with the record extracted from
the ``NAME.txt`` / ``NAME.html`` beside it. Matching rules (also in the README):
scalar fields match when equal after whitespace folding (a correctly absent
value counts as a match); amounts on value + value_max + currency; dates on the
EDTF value; contacts on name, and phone / e-mail when the expected record gives
them; theme items on text after whitespace and trailing-punctuation folding;
quotes on speaker and the opening words; entities on (label, lemma) pairs of
PERSON, ORG and GPE, as a set per document.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from models import PressRelease

from .errors import InputError

SCALAR_FIELDS = ("title", "published", "organization", "doc_type", "language")
LIST_FIELDS = ("amounts", "dates", "contacts", "theme_items", "quotes", "entities")
FIELDS = SCALAR_FIELDS + LIST_FIELDS
SOURCE_SUFFIXES = (".html", ".htm", ".txt")
# The gold records annotate people, organisations and places; other NER types are not scored.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE"})
_WS = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s,;.:!?]+$")


def fold(text: str | None) -> str | None:
    """Whitespace folded (NO-BREAK SPACE included), trailing punctuation kept."""
    return None if text is None else _WS.sub(" ", text).strip()


def fold_item(text: str) -> str:
    return _TRAILING.sub("", fold(text) or "").casefold()


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(slots=True)
class FieldResult:
    score: Score
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def _scalar(expected: Any, predicted: Any) -> FieldResult:
    e, p = fold(expected), fold(predicted)
    if e == p:
        return FieldResult(Score(tp=1))
    return FieldResult(Score(fp=int(p is not None), fn=int(e is not None)), [repr(e)] if e is not None else [], [repr(p)] if p is not None else [])


def _match(expected: list[Any], predicted: list[Any], same: Callable[[Any, Any], bool], show: Callable[[Any], str]) -> FieldResult:
    """Greedy one-to-one matching; unmatched expected items are misses, unmatched predictions extras."""
    unused = list(predicted)
    score = Score()
    missing: list[str] = []
    for exp in expected:
        hit = next((i for i, pred in enumerate(unused) if same(exp, pred)), None)
        if hit is None:
            score.fn += 1
            missing.append(show(exp))
        else:
            score.tp += 1
            unused.pop(hit)
    score.fp = len(unused)
    return FieldResult(score, missing, [show(p) for p in unused])


def _dec(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _amount_key(a: dict[str, Any]) -> tuple[Any, ...]:
    return (_dec(a.get("value")), _dec(a.get("value_max")), a.get("currency") or "EUR")


def _contact_same(exp: dict[str, Any], pred: dict[str, Any]) -> bool:
    if (fold(exp.get("name")) or "").casefold() != (fold(pred.get("name")) or "").casefold():
        return False
    for key in ("phone", "email"):
        if exp.get(key) and (exp[key] or "").lower() != (pred.get(key) or "").lower():
            return False
    return True


def _quote_same(exp: dict[str, Any], pred: dict[str, Any]) -> bool:
    if (fold(exp.get("speaker")) or "").casefold() != (fold(pred.get("speaker")) or "").casefold():
        return False
    start = (fold(exp.get("starts_with")) or "").casefold()
    return (fold(pred.get("text")) or "").casefold().startswith(start)


def compare(expected: dict[str, Any], record: PressRelease) -> dict[str, FieldResult]:
    """Per-field result for one document."""
    got = json.loads(record.model_dump_json())
    results: dict[str, FieldResult] = {}
    for name in SCALAR_FIELDS:
        results[name] = _scalar(expected.get(name), got.get(name))
    results["amounts"] = _match(
        expected.get("amounts", []), got["amounts"], lambda e, p: _amount_key(e) == _amount_key(p),
        lambda a: f"{a.get('text', '')!r}={a.get('value')}" + (f"..{a['value_max']}" if a.get("value_max") else "") + f" {a.get('currency') or 'EUR'}",
    )
    results["dates"] = _match(
        expected.get("dates", []), got["dates"], lambda e, p: e["value"] == p["value"], lambda d: f"{d.get('text', '')!r}={d['value']}"
    )
    results["contacts"] = _match(
        expected.get("contacts", []), got["contacts"], _contact_same, lambda c: f"{c.get('name')} {c.get('phone') or ''} {c.get('email') or ''}".strip()
    )
    predicted_items = [item["text"] for theme_list in got["theme_lists"] for item in theme_list["items"]]
    results["theme_items"] = _match(
        expected.get("theme_items", []), predicted_items, lambda e, p: fold_item(e) == fold_item(p), lambda t: repr(t)
    )
    results["quotes"] = _match(
        expected.get("quotes", []), got["quotes"], _quote_same,
        lambda q: f"{q.get('speaker')}: {(q.get('starts_with') or q.get('text') or '')[:40]!r}",
    )
    expected_entities = sorted({(e["label"], e["lemma"]) for e in expected.get("entities", []) if e["label"] in ENTITY_LABELS})
    predicted_entities = sorted({(e["label"], e["lemma"]) for e in got["entities"] if e["label"] in ENTITY_LABELS})
    results["entities"] = _match(expected_entities, predicted_entities, lambda e, p: e == p, lambda e: f"{e[0]} {e[1]}")
    return results


def find_samples(directory: Path) -> list[tuple[Path, Path]]:
    """(source, expected) pairs; a page kept both as HTML and as copied text shares one record."""
    pairs = []
    for expected in sorted(directory.glob("*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        sources = [directory / f"{stem}{suffix}" for suffix in SOURCE_SUFFIXES if (directory / f"{stem}{suffix}").is_file()]
        if not sources:
            raise InputError(f"{expected}: no source file {stem}.html/.htm/.txt beside it")
        pairs.extend((source, expected) for source in sources)
    if not pairs:
        raise InputError(f"{directory}: no *.expected.json samples")
    return pairs


@dataclass(slots=True)
class Report:
    totals: dict[str, Score]
    by_language: dict[str, dict[str, Score]]
    documents: dict[str, dict[str, FieldResult]]
    languages: Counter[str]

    def failing(self) -> dict[str, dict[str, FieldResult]]:
        return {doc: {f: r for f, r in res.items() if r.missing or r.extra} for doc, res in self.documents.items() if any(r.missing or r.extra for r in res.values())}

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "languages": dict(self.languages),
            "fields": {f: s.as_dict() for f, s in self.totals.items()},
            "by_language": {lang: {f: s.as_dict() for f, s in fields.items()} for lang, fields in self.by_language.items()},
            "failures": {
                doc: {f: {"missing": r.missing, "extra": r.extra} for f, r in res.items()} for doc, res in self.failing().items()
            },
        }


def evaluate(directory: Path, *, ner: bool = True) -> Report:
    """Extract every sample and score it against its expected record."""
    from .core import extract

    totals = {f: Score() for f in FIELDS}
    by_language: dict[str, dict[str, Score]] = {}
    documents: dict[str, dict[str, FieldResult]] = {}
    languages: Counter[str] = Counter()
    for source, expected_path in find_samples(directory):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        record = extract(source.read_bytes(), ner=ner)
        results = compare(expected, record)
        lang = expected.get("language") or "?"
        languages[lang] += 1
        lang_scores = by_language.setdefault(lang, {f: Score() for f in FIELDS})
        for name, result in results.items():
            totals[name].add(result.score)
            lang_scores[name].add(result.score)
        documents[source.name] = results
    return Report(totals, by_language, documents, languages)


def format_table(scores: dict[str, Score]) -> str:
    lines = [f"{'field':<14}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for name, s in scores.items():
        lines.append(f"{name:<14}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    return "\n".join(lines)


def markdown_table(report: Report) -> str:
    """Per-language F1 table for the README."""
    langs = sorted(report.by_language)
    head = "| field | all (" + str(sum(report.languages.values())) + ") | " + " | ".join(f"{lang} ({report.languages[lang]})" for lang in langs) + " |"
    rows = [head, "|---|---|" + "---|" * len(langs)]
    for name in FIELDS:
        cells = [f"{report.totals[name].f1:.3f}"] + [f"{report.by_language[lang][name].f1:.3f}" for lang in langs]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def _print_failures(report: Report, out: Any) -> None:
    failing = report.failing()
    if not failing:
        print("\nAll documents match their expected records.", file=out)
        return
    print(f"\nDocuments with differences ({len(failing)}):", file=out)
    for doc, fields in failing.items():
        print(f"  {doc}", file=out)
        for name, result in fields.items():
            for item in result.missing:
                print(f"    {name}: missing {item}", file=out)
            for item in result.extra:
                print(f"    {name}: extra   {item}", file=out)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", default="samples", metavar="DIR", help="folder of NAME.{html,txt} + NAME.expected.json (default: samples)")
    parser.add_argument("--min-f1", type=float, default=0.0, help="exit 3 when any field's F1 is below this")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-ner", action="store_true", help="evaluate without the statistical entity recogniser")


def run(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    report = evaluate(directory, ner=not args.no_ner)
    if args.json:
        sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print(f"{len(report.documents)} documents ({', '.join(f'{k}: {v}' for k, v in sorted(report.languages.items()))})")
        print(format_table(report.totals))
        for lang in sorted(report.by_language):
            print(f"\n[{lang}]")
            print(format_table(report.by_language[lang]))
        _print_failures(report, sys.stdout)
    below = [name for name, s in report.totals.items() if s.f1 < args.min_f1]
    if below:
        print(f"tiedote: F1 below {args.min_f1} for: {', '.join(below)}", file=sys.stderr)
        return 3
    return 0

