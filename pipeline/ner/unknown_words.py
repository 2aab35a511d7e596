"""Give words never seen in training one shared ``NORM``, so the model can tell "new word" from "known word".

spaCy's hash embeddings have no out-of-vocabulary row: a word never seen in
training hashes onto rows trained for *other* words, and the network reads that
collision as evidence ("Napolitanon" borrowing a place name's rows). Mapping
every unseen word's ``NORM`` to one ``<unk>`` value, and hiding some rare
training words behind the same value while training (word dropout, Lample et
al. 2016), teaches one consistent signal for "unknown word"; the spelling
(prefix, suffix, shape) and the floret vectors still describe it.

The component runs before ``tok2vec``. Its word list is the set of ``NORM``
values of the training data, collected in :meth:`UnknownWords.initialize` and
saved with the pipeline. The dropout is a spaCy augmenter
(``tiedote.word_dropout.v1``) on the training corpus, so dev and test are read
exactly as at run time.
"""

# No ``from __future__ import annotations``: spaCy builds a pydantic model from
# ``initialize``'s signature, which needs real (not string) annotations.

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.util import ensure_path, registry

FACTORY = "tiedote_unknown_words"
UNKNOWN_NORM = "<unk>"
_FILE = "known_norms.json"


class UnknownWords:
    """Replace the ``NORM`` of every token whose norm is not in the training vocabulary."""

    def __init__(self, nlp: Language, name: str = "unknown_words") -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.norms: tuple[str, ...] = ()  # what is saved
        self.known: frozenset[int] = frozenset()  # their string hashes, what __call__ tests

    def __call__(self, doc: Doc) -> Doc:
        if not self.known:
            return doc
        known = self.known
        for token in doc:
            if token.norm not in known:
                token.norm_ = UNKNOWN_NORM
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None) -> None:
        """Collect the norms of the training data (reference docs, so augmentation cannot drop any)."""
        self.set_known(token.norm_ for example in get_examples() for token in example.reference)

    def set_known(self, norms: Iterable[str]) -> None:
        self.norms = tuple(sorted(set(norms)))
        strings = self.vocab.strings
        self.known = frozenset(strings.add(norm) for norm in self.norms)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self.norms, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "UnknownWords":
        self.set_known(json.loads(data.decode("utf-8")))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder: Path = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / _FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "UnknownWords":
        return self.from_bytes((ensure_path(path) / _FILE).read_bytes())


@Language.factory(FACTORY, default_config={})
def make_unknown_words(nlp: Language, name: str) -> UnknownWords:
    return UnknownWords(nlp, name)


def drop_rare_words(doc: Doc, counts: dict[str, int], rate: float, rng: Any, max_count: int = 1) -> None:
    """Word dropout for training: a word seen at most ``max_count`` times in the training data gets ``<unk>`` at ``rate``."""
    for token in doc:
        if counts.get(token.norm_, 0) <= max_count and rng.random() < rate:
            token.norm_ = UNKNOWN_NORM


@registry.augmenters("tiedote.word_dropout.v1")
def create_word_dropout(counts_path: str | None, rate: float, max_count: int = 1) -> Callable[[Language, Example], Iterator[Example]]:
    """Augmenter for ``[corpora.train]``: rare words of each training doc get the ``<unk>`` norm at ``rate``.

    ``counts_path`` is the training corpus (a ``.spacy`` file or a folder of them), read once on first use to count
    how often each norm occurs; the reference (gold) doc is never changed, only the copy the model reads.
    """
    if counts_path is None:
        raise ValueError("tiedote.word_dropout.v1 needs counts_path (the training corpus)")
    path = Path(counts_path)
    files = sorted(path.rglob("*.spacy")) if path.is_dir() else [path]
    counts: Counter[str] = Counter()  # filled on first use, when the vocab is known

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        if not counts:
            for file in files:
                for doc in DocBin().from_disk(file).get_docs(nlp.vocab):
                    counts.update(token.norm_ for token in doc)
        reference = example.reference
        predicted = Doc(nlp.vocab, words=[t.text for t in reference], spaces=[bool(t.whitespace_) for t in reference])
        drop_rare_words(predicted, counts, rate, random, max_count)
        yield Example(predicted, reference)

    return augment
