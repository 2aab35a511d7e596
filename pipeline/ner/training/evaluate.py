"""Score a trained NER pipeline on a CoNLL split the way spaCy's scorer does, and time it.

Scoring uses the gold tokenisation (``Language.evaluate`` on ``Example`` s built
from the TSV tokens), so the figures are exact span + label matches comparable
with spaCy's published ``ents_f`` numbers; the tokenizer is not part of it.
Speed is measured for the NER part only (tok2vec + ner on pre-tokenised
docs), pinned to one CPU core, because that is what the project's budget
(>= 25,000 tokens/s on one core) is about.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from .. import entity_tagger as _entity_tagger  # noqa: F401  (registers the NER factory)
from .. import unknown_words as _unknown_words  # noqa: F401  (registers the unknown-words factory)
from ..vectors import clear_vector_cache  # importing also registers tiedote.CachedVectors.v1
from .convert import make_doc, read_conll

REPORTED_LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "DATE", "MONEY")
SPEED_BATCH_SIZE = 1000


def load_gold_docs(nlp: Language, path: Path) -> list[Doc]:
    """Gold docs from a ``.spacy`` DocBin or a CoNLL ``.tsv`` split."""
    if path.suffix == ".spacy":
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    return [make_doc(nlp.vocab, sentence) for sentence in read_conll(path)]


def examples_for(nlp: Language, gold: Sequence[Doc]) -> list[Example]:
    """Examples whose predicted side has the gold tokens and nothing else."""
    return [Example(Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]), doc) for doc in gold]


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def entity_scores(nlp: Language, gold: Sequence[Doc]) -> dict[str, Any]:
    """Overall and per-label precision/recall/F1 (exact span + label), plus support per label."""
    scores = nlp.evaluate(examples_for(nlp, gold))
    support: dict[str, int] = {}
    for doc in gold:
        for ent in doc.ents:
            support[ent.label_] = support.get(ent.label_, 0) + 1
    per_type = {
        label: {"p": _round(v["p"]), "r": _round(v["r"]), "f": _round(v["f"]), "support": support.get(label, 0)}
        for label, v in sorted((scores.get("ents_per_type") or {}).items())
    }
    return {
        "ents_p": _round(scores.get("ents_p")),
        "ents_r": _round(scores.get("ents_r")),
        "ents_f": _round(scores.get("ents_f")),
        "sentences": len(gold),
        "tokens": sum(len(doc) for doc in gold),
        "entities": sum(support.values()),
        "per_type": per_type,
    }


def _cpu_idle_ticks() -> dict[int, int]:
    """Idle jiffies per CPU from /proc/stat (empty where unavailable)."""
    ticks: dict[int, int] = {}
    try:
        lines = Path("/proc/stat").read_text(encoding="ascii").splitlines()
    except OSError:
        return ticks
    for line in lines:
        name, *fields = line.split()
        if name.startswith("cpu") and name[3:].isdigit() and len(fields) > 4:
            ticks[int(name[3:])] = int(fields[3]) + int(fields[4])  # idle + iowait
    return ticks


def _idlest_cpu(allowed: set[int], window: float = 0.3) -> int:
    """The allowed CPU that was idle longest over a short window: a neighbour's job would skew the timing."""
    first = _cpu_idle_ticks()
    time.sleep(window)
    second = _cpu_idle_ticks()
    idle = {cpu: second.get(cpu, 0) - first.get(cpu, 0) for cpu in allowed}
    return max(sorted(allowed), key=lambda cpu: idle[cpu])


@contextmanager
def one_core() -> Iterator[None]:
    """Pin the process to a single CPU while timing, so BLAS threads cannot flatter the figure."""
    getter = getattr(os, "sched_getaffinity", None)
    if getter is None:  # not Linux: time as is
        yield
        return
    before = getter(0)
    os.sched_setaffinity(0, {_idlest_cpu(before)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def _time_components(nlp: Language, words: Sequence[list[str]], batch_size: int) -> dict[str, tuple[float, float]]:
    """(wall, cpu) seconds per component over all docs, components run batch by batch as ``nlp.pipe`` does.

    The word-vector cache is emptied first, so every repeat pays for each
    distinct word's floret lookup once, as a fresh process would.
    """
    clear_vector_cache(nlp.vocab)
    docs = [Doc(nlp.vocab, words=w) for w in words]
    spent = {name: [0.0, 0.0] for name in nlp.pipe_names}
    for i in range(0, len(docs), batch_size):
        batch = docs[i : i + batch_size]
        for name, proc in nlp.pipeline:
            wall, cpu = time.perf_counter(), time.process_time()
            batch = list(proc.pipe(batch, batch_size=batch_size))  # type: ignore[attr-defined]  # spaCy types pipeline components as bare callables
            spent[name][0] += time.perf_counter() - wall
            spent[name][1] += time.process_time() - cpu
    return {name: (w, c) for name, (w, c) in spent.items()}


def ner_speed(nlp: Language, gold: Sequence[Doc], *, repeats: int = 3, batch_size: int = SPEED_BATCH_SIZE) -> dict[str, Any]:
    """Tokens per second of the pipeline's components (no tokenizer) on one core; best of ``repeats``.

    Both wall-clock and CPU-time rates are kept: on a shared machine the wall
    figure drops whenever a neighbour runs, the CPU figure much less so.
    """
    words = [[t.text for t in doc] for doc in gold]
    n_tokens = sum(len(w) for w in words)
    best: dict[str, list[float]] = {}
    with one_core():
        for _ in range(max(1, repeats)):
            for name, (wall, cpu) in _time_components(nlp, words, batch_size).items():
                old = best.setdefault(name, [float("inf"), float("inf")])
                best[name] = [min(old[0], wall), min(old[1], cpu)]
    wall_total = sum(w for w, _ in best.values())
    cpu_total = sum(c for _, c in best.values())

    def rate(seconds: float) -> int | None:
        return int(n_tokens / seconds) if seconds > 0 else None

    return {
        "tokens": n_tokens,
        "seconds": round(wall_total, 3),
        "tokens_per_second": rate(wall_total),
        "tokens_per_cpu_second": rate(cpu_total),
        "per_component_tokens_per_second": {name: rate(w) for name, (w, _) in best.items()},
        "components": list(nlp.pipe_names),
        "cores": 1,
        "batch_size": batch_size,
    }


def evaluate_model(model: Path | Language, split: Path, *, speed: bool = True) -> dict[str, Any]:
    """Scores (and optionally speed) of ``model`` on one split file."""
    nlp = spacy.load(model) if isinstance(model, Path) else model
    gold = load_gold_docs(nlp, split)
    result: dict[str, Any] = {"split": str(split), "scores": entity_scores(nlp, gold)}
    if speed:
        result["speed"] = ner_speed(nlp, gold)
    return result


def format_table(scores: dict[str, Any], labels: Sequence[str] | None = None) -> str:
    """A Markdown table of per-label scores, overall row last."""
    per_type = scores["per_type"]
    chosen = list(labels) if labels else sorted(per_type)
    rows = ["| label | precision | recall | F1 | gold entities |", "|---|---:|---:|---:|---:|"]
    for label in chosen:
        v = per_type.get(label)
        if v is None:
            rows.append(f"| {label} | - | - | - | 0 |")
        else:
            rows.append(f"| {label} | {v['p']:.3f} | {v['r']:.3f} | {v['f']:.3f} | {v['support']} |")
    rows.append(f"| **all labels** | **{scores['ents_p']:.3f}** | **{scores['ents_r']:.3f}** | **{scores['ents_f']:.3f}** | {scores['entities']} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m pipeline.ner.training.evaluate MODEL_DIR SPLIT.tsv [--json OUT] [--no-speed]``."""
    parser = argparse.ArgumentParser(description="Score a spaCy NER model on a CoNLL split (exact span + label).")
    parser.add_argument("model", type=Path, help="pipeline folder (spacy.load-able)")
    parser.add_argument("split", type=Path, help="gold split: .tsv (token<TAB>BIO) or .spacy")
    parser.add_argument("--json", type=Path, default=None, help="also write the result as JSON here")
    parser.add_argument("--no-speed", action="store_true", help="skip the one-core speed measurement")
    args = parser.parse_args(argv)
    result = evaluate_model(args.model, args.split, speed=not args.no_speed)
    scores = result["scores"]
    print(f"{args.split}: P {scores['ents_p']:.4f}  R {scores['ents_r']:.4f}  F {scores['ents_f']:.4f}")
    print(format_table(scores))
    if "speed" in result:
        print(f"speed: {result['speed']['tokens_per_second']} tokens/s on one core ({'+'.join(result['speed']['components'])})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
