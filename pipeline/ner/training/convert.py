"""CoNLL TSV (token<TAB>BIO tag) -> spaCy ``DocBin`` files for NER training.

Two corpora feed the model:

* ``turku-one-tdt`` (TurkuONE, OntoNotes labels): the main data; its ``train``
  split is used for training, ``dev`` for model selection, ``test`` only for
  the final report.
* ``turku-ner-corpus`` (optional): the older Turku NER corpus over the same
  UD_Finnish-TDT text, with a coarser label set (PER, ORG, LOC, PRO, EVENT,
  DATE).  About 2,700 of its *train* sentences are absent from TurkuONE; those
  add ~30 % more text.  They are used only after proving they do not repeat any
  TurkuONE dev/test sentence (exact token sequence, case- and space-insensitive
  text, and any shared 6-token window), and only with *partial* annotation:
  labels whose meaning differs between the schemes are left missing instead of
  being guessed (see :func:`extra_doc`).

Why partial annotation: on the ~9,400 sentences both corpora share, ``PER``
maps to ``PERSON`` and ``ORG`` to ``ORG`` in >= 96 % of spans, but ``LOC``
splits into GPE/LOC/FAC, ``PRO`` into PRODUCT/WORK_OF_ART/LAW, and the old
scheme's ``O`` hides OntoNotes types it never annotated (CARDINAL, NORP, TIME,
MONEY, ...).  spaCy's NER learns from tokens marked *missing* without being
penalised on them, so those tokens are marked missing.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

Token = tuple[str, str]
Sentence = list[Token]
EntSpan = tuple[str, int, int]  # label, start token, end token (exclusive)

SPLITS: tuple[str, ...] = ("train", "dev", "test")
DOCSTART = "-DOCSTART-"
OVERLAP_NGRAM = 6
# A word is "risky" when at least this share of its TurkuONE occurrences lie
# inside an entity type the old scheme never annotates.
RISKY_SHARE = 0.2

# Old-scheme labels whose OntoNotes counterpart is (nearly) one-to-one.
EXTRA_LABEL_MAP: dict[str, str] = {"PER": "PERSON", "ORG": "ORG"}
# OntoNotes types the old scheme never annotates: its "O" may hide them.
UNANNOTATED_IN_OLD_SCHEME: frozenset[str] = frozenset(
    {
        "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT",
        "NORP", "LANGUAGE", "LAW", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART",
    }
)  # fmt: skip
# Finnish nationality/affiliation adjectives (suomalainen, ruotsalaisten, ...)
# are NORP in OntoNotes but "O" in the old scheme.
_NORP_STEM = re.compile(r"(?:la|lä)i(?:n|s)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# Training docs hold several consecutive sentences, sometimes with a paragraph
# break token between them, so the model sees what it will see in a release:
# capitalised sentence starts after ". " or "\n\n" that are not names.  A model
# trained on one sentence per doc tags "Tavoitteena", "Haku", ... as PERSON when
# given a whole paragraph.
SENTENCES_PER_DOC = 10
PARAGRAPH_BREAK = "\n\n"
PARAGRAPH_RATE = 0.3
GROUPING_SEED = 0


def read_conll(path: Path) -> list[Sentence]:
    """Read one token and tag per line; blank lines end sentences, DOCSTART lines are dropped."""
    sentences: list[Sentence] = []
    current: Sentence = []
    with path.open(encoding="utf-8") as handle:
        for lineno, raw in enumerate(handle, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if current:
                    sentences.append(current)
                    current = []
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                raise ValueError(f"{path}:{lineno}: expected 'token<TAB>tag', got {line!r}")
            token, tag = parts[0], parts[-1]
            if token == DOCSTART:
                continue
            current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def bio_spans(tags: Sequence[str]) -> list[EntSpan]:
    """Decode BIO tags leniently: an ``I-`` that does not continue a same-label span starts one.

    Annotated corpora contain a few such stray ``I-`` tags; treating them as
    beginnings keeps the annotator's entity instead of dropping it.
    """
    spans: list[EntSpan] = []
    label: str | None = None
    start = 0
    for i, tag in enumerate(tags):
        prefix, _, name = tag.partition("-")
        continues = prefix == "I" and name == label
        if label is not None and not continues:
            spans.append((label, start, i))
            label = None
        if prefix in ("B", "I") and not continues:
            label, start = name, i
    if label is not None:
        spans.append((label, start, len(tags)))
    return spans


def sentence_key(sentence: Sentence) -> tuple[str, ...]:
    """The token sequence: the identity used to compare sentences across corpora."""
    return tuple(token for token, _ in sentence)


def _normalised_text(key: tuple[str, ...]) -> str:
    """Case- and whitespace-free text, so tokenisation differences cannot hide a duplicate."""
    return "".join(key).lower()


def _ngrams(key: tuple[str, ...], n: int = OVERLAP_NGRAM) -> set[tuple[str, ...]]:
    return {key[i : i + n] for i in range(len(key) - n + 1)}


def make_doc(vocab: Vocab, sentence: Sentence) -> Doc:
    """A gold ``Doc`` with every token annotated (entity or outside)."""
    words = [token for token, _ in sentence]
    doc = Doc(vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))  # type: ignore[arg-type]  # spaCy annotates a list[bool | int | None]
    ents = [Span(doc, start, end, label=label) for label, start, end in bio_spans([t for _, t in sentence])]
    doc.set_ents(ents, default="outside")
    return doc


def _paragraph_break(vocab: Vocab) -> Doc:
    doc = Doc(vocab, words=[PARAGRAPH_BREAK])
    doc.set_ents([], default="outside")
    return doc


def group_docs(
    vocab: Vocab,
    docs: Iterable[Doc],
    n: int = SENTENCES_PER_DOC,
    paragraph_rate: float = PARAGRAPH_RATE,
    seed: int = GROUPING_SEED,
) -> list[Doc]:
    """Join consecutive sentence docs ``n`` at a time, with a ``"\n\n"`` token between some of them.

    Entity and missing annotations are kept (``Doc.from_docs`` copies the IOB
    arrays); the grouped doc is flagged as having unknown spaces so that
    spaCy's corpus reader keeps the gold tokens instead of re-tokenising.
    """
    rng = random.Random(seed)
    pending = list(docs)
    grouped: list[Doc] = []
    for i in range(0, len(pending), n):
        parts: list[Doc] = []
        for doc in pending[i : i + n]:
            if parts and rng.random() < paragraph_rate:
                parts.append(_paragraph_break(vocab))
            parts.append(doc)
        joined = Doc.from_docs(parts)
        joined.has_unknown_spaces = True
        grouped.append(joined)
    return grouped


def risky_words(sentences: Iterable[Sentence], min_share: float = RISKY_SHARE) -> frozenset[str]:
    """Lower-cased words often inside OntoNotes entities the old scheme does not annotate.

    An "O" on such a word in the old corpus may be a missed CARDINAL/DATE/NORP/...,
    so it must not be taught as a certain "outside".  Words that are only
    occasionally inside such entities (punctuation, "ja", "oli") keep their "O":
    marking them missing would throw away most of the negative evidence.
    """
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for sentence in sentences:
        total.update(token.lower() for token, _ in sentence)
        for label, start, end in bio_spans([t for _, t in sentence]):
            if label in UNANNOTATED_IN_OLD_SCHEME:
                inside.update(token.lower() for token, _ in sentence[start:end])
    return frozenset(word for word, n in inside.items() if n / total[word] >= min_share)


def extra_doc(vocab: Vocab, sentence: Sentence, risky: frozenset[str], silver: Sequence[EntSpan] = ()) -> Doc:
    """A partially annotated ``Doc`` from an old-scheme sentence (see the module docstring).

    ``silver`` holds fine-typed spans for some old-scheme spans (see
    :mod:`pipeline.ner.training.silver`); they are annotated instead of left missing.
    """
    words = [token for token, _ in sentence]
    doc = Doc(vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))  # type: ignore[arg-type]  # as in make_doc
    ents: list[Span] = []
    missing: list[Span] = []
    inside = [False] * len(words)
    typed = {(start, end): label for label, start, end in silver}
    for label, start, end in bio_spans([t for _, t in sentence]):
        for i in range(start, end):
            inside[i] = True
        mapped = typed.get((start, end)) or EXTRA_LABEL_MAP.get(label)
        span = Span(doc, start, end, label=mapped or "")
        (ents if mapped else missing).append(span)
    for i, word in enumerate(words):
        if inside[i]:
            continue
        if word.lower() in risky or _DIGIT.search(word) or _NORP_STEM.search(word):
            missing.append(Span(doc, i, i + 1))
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


@dataclass
class ExtraSelection:
    """The old-corpus sentences kept, with the evidence that they do not leak dev/test."""

    sentences: list[Sentence]
    candidates: int = 0
    in_turku_one: int = 0
    dropped_text_match: int = 0
    dropped_ngram_overlap: int = 0
    notes: list[str] = field(default_factory=list)


def select_extra(old_train: list[Sentence], one: dict[str, list[Sentence]]) -> ExtraSelection:
    """Old-corpus *train* sentences that TurkuONE lacks and that share nothing with its dev/test.

    Only the old corpus' train split is considered, so nothing the old corpus
    held out can enter either.
    """
    one_keys = {sentence_key(s) for split in one.values() for s in split}
    heldout = [sentence_key(s) for split in ("dev", "test") for s in one.get(split, [])]
    heldout_text = {_normalised_text(k) for k in heldout}
    heldout_grams: set[tuple[str, ...]] = set()
    for key in heldout:
        heldout_grams |= _ngrams(key)
    selection = ExtraSelection(sentences=[], candidates=len(old_train))
    seen: set[tuple[str, ...]] = set()
    for sentence in old_train:
        key = sentence_key(sentence)
        if key in one_keys:
            selection.in_turku_one += 1
        elif _normalised_text(key) in heldout_text:
            selection.dropped_text_match += 1
        elif _ngrams(key) & heldout_grams:
            selection.dropped_ngram_overlap += 1
        elif key not in seen:
            seen.add(key)
            selection.sentences.append(sentence)
    return selection


DOCBIN_ATTRS: list[str] = ["ORTH", "SENT_START", "ENT_IOB", "ENT_TYPE"]


def write_docbin(docs: Iterable[Doc], path: Path) -> int:
    """Save docs; returns how many were written."""
    docbin = DocBin(attrs=DOCBIN_ATTRS, store_user_data=False)
    count = 0
    for doc in docs:
        docbin.add(doc)
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return count


def label_counts(sentences: Iterable[Sentence]) -> Counter[str]:
    """Entities per label: for the model card and sanity checks."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        counts.update(label for label, _, _ in bio_spans([t for _, t in sentence]))
    return counts


SilverLabeller = Callable[[Sequence[Sentence]], list[list[EntSpan]]]


def convert(
    data_dir: Path,
    out_dir: Path,
    extra_dir: Path | None = None,
    *,
    group: bool = True,
    label_extra: SilverLabeller | None = None,
) -> dict[str, Any]:
    """Write ``train.spacy``, ``dev.spacy``, ``test.spacy`` (and ``extra.spacy``); return statistics.

    ``group`` joins training sentences into multi-sentence docs (see :func:`group_docs`);
    ``label_extra`` gives fine-typed silver spans for the extra sentences (see
    :func:`pipeline.ner.training.silver.silver_spans`).
    """
    vocab = Vocab()
    one = {split: read_conll(data_dir / f"{split}.tsv") for split in SPLITS}
    stats: dict[str, Any] = {}
    for split, sentences in one.items():
        docs = [make_doc(vocab, s) for s in sentences]
        # Only training text is grouped: dev/test stay one sentence per doc, the
        # unit in which the corpus (and spaCy's published scores) are evaluated.
        write_docbin(group_docs(vocab, docs) if split == "train" and group else docs, out_dir / f"{split}.spacy")
        stats[split] = {
            "sentences": len(docs),
            "tokens": sum(len(s) for s in sentences),
            "entities": dict(label_counts(sentences).most_common()),
        }
    if extra_dir is not None:
        selection = select_extra(read_conll(extra_dir / "train.tsv"), one)
        risky = risky_words(one["train"])
        silver = label_extra(selection.sentences) if label_extra else [[] for _ in selection.sentences]
        extra = [extra_doc(vocab, s, risky, spans) for s, spans in zip(selection.sentences, silver)]
        write_docbin(group_docs(vocab, extra) if group else extra, out_dir / "extra.spacy")
        n = len(extra)
        stats["extra"] = {
            "source": str(extra_dir),
            "candidates": selection.candidates,
            "already_in_turku_one": selection.in_turku_one,
            "dropped_text_match_dev_test": selection.dropped_text_match,
            "dropped_6gram_overlap_dev_test": selection.dropped_ngram_overlap,
            "sentences": n,
            "tokens": sum(len(s) for s in selection.sentences),
        }
        if label_extra:
            stats["extra"]["silver_entities"] = dict(Counter(label for spans in silver for label, _, _ in spans).most_common())
    return stats


def write_training_copy(tsv: Path, path: Path) -> int:
    """Write a held-out split (dev) grouped like the training data, for the final fit on train + dev."""
    vocab = Vocab()
    return write_docbin(group_docs(vocab, [make_doc(vocab, s) for s in read_conll(tsv)]), path)


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m pipeline.ner.training.convert DATA_DIR OUT_DIR [--extra DIR]``."""
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with train/dev/test .tsv (turku-one-tdt)")
    parser.add_argument("out", type=Path, help="folder for the .spacy files")
    parser.add_argument("--extra", type=Path, default=None, help="turku-ner-corpus folder (optional)")
    args = parser.parse_args(argv)
    stats = convert(args.data, args.out, args.extra)
    print(json.dumps(stats, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
