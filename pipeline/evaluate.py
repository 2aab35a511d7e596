"""tiedote evaluate: field-by-field precision, recall and F1 against hand-checked records.

Usage: tiedote evaluate [DIR] [--min-f1 X] [--json] [--no-ner]

DIR holds labelled pages in either of two layouts, told apart per file:

- the project's samples: ``NAME.expected.json`` (a record in tiedote's own
  shape) beside ``NAME.txt`` / ``NAME.html``;
- the real-release gold format of ``../shared/data/real-releases``:
  ``NNN.json`` (keys ``url, lang, title, published, organization, doc_type,
  amounts, contacts, theme_lists, quotes``) beside ``NNN.txt``. Only the
  fields that format labels are scored; the page store's leading
  `` date YYYY-MM`` token is stripped before extraction, as that README says,
  and the page's URL is given to the extractor as a fetcher would.

Matching rules (also in the README): scalar fields match when equal after
whitespace folding (a value correctly absent is a true negative, which F1 does
not count); ``published``
to the minute, or to the day when the page shows only a date; amounts on value
+ value_max + currency; dates on the EDTF value; contacts on name, phone and
e-mail (case-insensitive; an absent phone must be absent); theme items on text
after whitespace and trailing-punctuation folding; quotes on speaker and the
opening words; entities on (label, lemma) pairs of PERSON, ORG and GPE, as a
set per document.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from models import PressRelease

from .cliopts import DEFAULT_PROGRESS_INTERVAL, add_progress_arguments
from .errors import InputError
from .progress import Progress

SCALAR_FIELDS = ("title", "published", "organization", "doc_type", "language")
LIST_FIELDS = ("amounts", "dates", "contacts", "theme_items", "quotes", "entities")
FIELDS = SCALAR_FIELDS + LIST_FIELDS
# Header fields of record 1.1, scored for the samples whose expected record labels them.
EXTRA_HEADER_FIELDS = ("release_number", "published_translation", "updated", "organizations")
# What the real-release gold format labels: no dates, no entities.
GOLD_FIELDS = ("title", "published", "organization", "doc_type", "language", "amounts", "contacts", "theme_items", "quotes")
SOURCE_SUFFIXES = (".html", ".htm", ".txt")
# The gold records annotate people, organisations and places; other NER types are not scored.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE"})
_WS = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s,;.:!?]+$")
# Added by the page store in front of some real-release excerpts; not page text (see that folder's README).
STORE_TOKEN = re.compile(rb"^\s*date \d{4}-\d{2}(?:-\d{2})?\s+")


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

    def add(self, other: Score) -> None:
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
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class FieldResult:
    score: Score
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled page: where its text is, what it should give, which fields it labels."""

    source: Path
    expected: dict[str, Any]  # in the samples' shape (see gold_to_expected)
    fields: tuple[str, ...] = FIELDS
    url: str | None = None
    strip_store_token: bool = False

    @property
    def name(self) -> str:
        return self.source.name

    def read(self) -> bytes:
        data = self.source.read_bytes()
        return STORE_TOKEN.sub(b"", data, count=1) if self.strip_store_token else data


def _scalar(expected: Any, predicted: Any) -> FieldResult:
    """One value: a hit, a miss and/or a wrong value; a value correctly absent counts nothing (a true negative)."""
    e, p = fold(expected), fold(predicted)
    if e == p:
        return FieldResult(Score(tp=int(e is not None)))
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
        if key in exp and (exp[key] or "").lower() != (pred.get(key) or "").lower():
            return False
    return True


def _quote_same(exp: dict[str, Any], pred: dict[str, Any]) -> bool:
    if (fold(exp.get("speaker")) or "").casefold() != (fold(pred.get("speaker")) or "").casefold():
        return False
    start = (fold(exp.get("starts_with")) or "").casefold()
    return (fold(pred.get("text")) or "").casefold().startswith(start)


def published_key(value: str | None, precision: str | None = None) -> str | None:
    """The publication time as the gold format writes it: 'YYYY-MM-DDTHH:MM' or, for a date-only page, 'YYYY-MM-DD'.

    A record's ``published`` is an ISO datetime with offset; ``published_precision``
    says whether its clock time was shown. Expected values already in the short
    form are returned as they are.
    """
    if value is None:
        return None
    if len(value) <= 16:  # already 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM'
        return value
    return value[:10] if precision == "day" else value[:16]


def compare(expected: dict[str, Any], record: PressRelease, fields: Sequence[str] = FIELDS) -> dict[str, FieldResult]:
    """Per-field result for one document, for the fields the expected record labels."""
    got = json.loads(record.model_dump_json())
    results: dict[str, FieldResult] = {}
    for name in SCALAR_FIELDS:
        if name not in fields:
            continue
        if name == "published":
            precision = got.get("published_precision")
            wanted = expected.get("published_precision") or "minute"
            results[name] = _scalar(published_key(expected.get(name), wanted), published_key(got.get(name), precision))
        else:
            results[name] = _scalar(expected.get(name), got.get(name))
    for name in EXTRA_HEADER_FIELDS:
        if name not in fields:
            continue
        if name == "organizations":
            results[name] = _match(list(expected.get(name) or []), list(got.get(name) or []), lambda e, p: fold(e) == fold(p), lambda o: repr(o))
        else:
            results[name] = _scalar(expected.get(name), got.get(name))
    if "amounts" in fields:
        results["amounts"] = _match(
            expected.get("amounts", []),
            got["amounts"],
            lambda e, p: _amount_key(e) == _amount_key(p),
            lambda a: (
                f"{a.get('text', '')!r}={a.get('value')}" + (f"..{a['value_max']}" if a.get("value_max") else "") + f" {a.get('currency') or 'EUR'}"
            ),
        )
    if "dates" in fields:
        results["dates"] = _match(
            expected.get("dates", []), got["dates"], lambda e, p: e["value"] == p["value"], lambda d: f"{d.get('text', '')!r}={d['value']}"
        )
    if "contacts" in fields:
        results["contacts"] = _match(
            expected.get("contacts", []),
            got["contacts"],
            _contact_same,
            lambda c: f"{c.get('name')} {c.get('phone') or ''} {c.get('email') or ''}".strip(),
        )
    if "theme_items" in fields:
        predicted_items = [item["text"] for theme_list in got["theme_lists"] for item in theme_list["items"]]
        results["theme_items"] = _match(
            expected.get("theme_items", []), predicted_items, lambda e, p: fold_item(e) == fold_item(p), lambda t: repr(t)
        )
    if "quotes" in fields:
        results["quotes"] = _match(
            expected.get("quotes", []),
            got["quotes"],
            _quote_same,
            lambda q: f"{q.get('speaker')}: {(q.get('starts_with') or q.get('text') or '')[:40]!r}",
        )
    if "entities" in fields:
        expected_entities = sorted({(e["label"], e["lemma"]) for e in expected.get("entities", []) if e["label"] in ENTITY_LABELS})
        predicted_entities = sorted({(e["label"], e["lemma"]) for e in got["entities"] if e["label"] in ENTITY_LABELS})
        results["entities"] = _match(expected_entities, predicted_entities, lambda e, p: e == p, lambda e: f"{e[0]} {e[1]}")
    return results


def gold_to_expected(gold: dict[str, Any]) -> dict[str, Any]:
    """A real-release gold label (``NNN.json``) in the samples' expected-record shape.

    A range with one currency word is labelled ``value: null, value_min, value_max``;
    tiedote writes it as ``value`` (the lower end) and ``value_max``.
    """
    amounts = []
    for a in gold.get("amounts") or []:
        value = a.get("value") if a.get("value") is not None else a.get("value_min")
        amounts.append({"text": a.get("raw"), "value": value, "value_max": a.get("value_max"), "currency": a.get("currency") or "EUR"})
    contacts = [{key: c.get(key) for key in ("name", "title", "organization", "phone", "email")} for c in gold.get("contacts") or []]
    items: list[str] = []
    for theme_list in gold.get("theme_lists") or []:
        items.extend(theme_list.get("items", []) if isinstance(theme_list, dict) else theme_list)
    return {
        "language": gold.get("lang"),
        "title": gold.get("title"),
        "published": gold.get("published"),
        "organization": gold.get("organization"),
        "doc_type": gold.get("doc_type"),
        "amounts": amounts,
        "contacts": contacts,
        "theme_items": items,
        "quotes": [{"speaker": q.get("speaker"), "speaker_title": q.get("speaker_title")} for q in gold.get("quotes") or []],
    }


def _is_gold_label(path: Path) -> bool:
    return path.suffix == ".json" and not path.name.endswith(".expected.json")


def find_cases(directory: Path) -> list[Case]:
    """Every labelled page in DIR, in either layout; a page kept as HTML and as text is two cases."""
    cases: list[Case] = []
    for label in sorted(directory.glob("*.json")):
        if label.name.endswith(".expected.json"):
            stem = label.name[: -len(".expected.json")]
        elif _is_gold_label(label):
            stem = label.stem
        else:
            continue
        sources = [directory / f"{stem}{suffix}" for suffix in SOURCE_SUFFIXES if (directory / f"{stem}{suffix}").is_file()]
        if not sources:
            if _is_gold_label(label):
                continue  # some other JSON file, not a label
            raise InputError(f"{label}: no source file {stem}.html/.htm/.txt beside it")
        try:
            data = json.loads(label.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{label}: not a JSON label: {exc}") from None
        if _is_gold_label(label):
            if not isinstance(data, dict) or "lang" not in data:
                continue  # not in the gold format
            expected = gold_to_expected(data)
            cases.extend(Case(s, expected, GOLD_FIELDS, url=data.get("url"), strip_store_token=True) for s in sources)
        else:
            fields = FIELDS + tuple(f for f in EXTRA_HEADER_FIELDS if f in data)
            cases.extend(Case(s, data, fields) for s in sources)
    if not cases:
        raise InputError(f"{directory}: no labelled pages (NAME.expected.json or NNN.json beside NAME.txt/.html)")
    return cases


def find_samples(directory: Path) -> list[tuple[Path, Path]]:
    """(source, expected) pairs of the samples' layout; a page kept both as HTML and as copied text shares one record."""
    return [
        (case.source, case.source.with_name(case.source.stem + ".expected.json"))
        for case in find_cases(directory)
        if case.fields[: len(FIELDS)] == FIELDS
    ]


@dataclass(slots=True)
class Report:
    totals: dict[str, Score]
    by_language: dict[str, dict[str, Score]]
    documents: dict[str, dict[str, FieldResult]]
    languages: Counter[str]

    def failing(self) -> dict[str, dict[str, FieldResult]]:
        return {
            doc: {f: r for f, r in res.items() if r.missing or r.extra}
            for doc, res in self.documents.items()
            if any(r.missing or r.extra for r in res.values())
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "languages": dict(self.languages),
            "fields": {f: s.as_dict() for f, s in self.totals.items()},
            "by_language": {lang: {f: s.as_dict() for f, s in fields.items()} for lang, fields in self.by_language.items()},
            "failures": {doc: {f: {"missing": r.missing, "extra": r.extra} for f, r in res.items()} for doc, res in self.failing().items()},
        }


def evaluate(directory: Path, *, ner: bool = True, progress: Progress | None = None) -> Report:
    """Extract every labelled page and score it against its label.

    NER runs only when some page labels entities: the gold format does not, and
    the statistical model is the slowest part of extraction. ``progress`` (its
    total set here, once the cases are known) counts the documents done.
    """
    from .core import extract

    cases = find_cases(directory)
    if progress is not None:
        progress.set_total(len(cases))
    scored = [f for f in FIELDS + EXTRA_HEADER_FIELDS if any(f in case.fields for case in cases)]
    ner = ner and "entities" in scored
    totals = {f: Score() for f in scored}
    by_language: dict[str, dict[str, Score]] = {}
    documents: dict[str, dict[str, FieldResult]] = {}
    languages: Counter[str] = Counter()
    for case in cases:
        record = extract(case.read(), url=case.url, ner=ner)
        results = compare(case.expected, record, case.fields)
        lang = case.expected.get("language") or "?"
        languages[lang] += 1
        lang_scores = by_language.setdefault(lang, {f: Score() for f in scored})
        for name, result in results.items():
            totals[name].add(result.score)
            lang_scores[name].add(result.score)
        documents[case.name] = results
        if progress is not None:
            progress.update()
    return Report(totals, by_language, documents, languages)


def format_table(scores: dict[str, Score]) -> str:
    width = max([14, *(len(name) + 2 for name in scores)])
    lines = [f"{'field':<{width}}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for name, s in scores.items():
        lines.append(f"{name:<{width}}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    return "\n".join(lines)


def markdown_table(report: Report) -> str:
    """Per-language F1 table for the README."""
    langs = sorted(report.by_language)
    head = (
        "| field | all (" + str(sum(report.languages.values())) + ") | " + " | ".join(f"{lang} ({report.languages[lang]})" for lang in langs) + " |"
    )
    rows = [head, "|---|---|" + "---|" * len(langs)]
    for name in report.totals:
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
    parser.add_argument(
        "directory",
        nargs="?",
        default="samples",
        metavar="DIR",
        help="folder of NAME.{html,txt} + NAME.expected.json, or NNN.txt + NNN.json gold labels (default: samples)",
    )
    parser.add_argument("--min-f1", type=float, default=0.0, help="exit 3 when any field's F1 is below this")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-ner", action="store_true", help="evaluate without the statistical entity recogniser")
    add_progress_arguments(parser)


def run(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    with Progress(
        None,
        label="tiedote evaluate",
        quiet=bool(getattr(args, "quiet", False)),
        interval=getattr(args, "progress_interval", DEFAULT_PROGRESS_INTERVAL),
    ) as progress:
        report = evaluate(directory, ner=not args.no_ner, progress=progress)
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
