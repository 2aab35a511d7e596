"""The NER model's word vectors: cached floret lookups, float16 storage, the reduced table built from the pinned wheel."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.strings import StringStore
from spacy.vectors import Vectors
from spacy.vocab import Vocab

from pipeline.ner import vectors as vec

FLORET = {"mode": "floret", "minn": 2, "maxn": 3, "hash_count": 2, "hash_seed": 7, "bow": "<", "eow": ">"}
WORDS = ["Helsinki", "Helsingissä", "Lintilä", "Lintilälle", "ja", "ministeri", "Suomi", "Suomen", "Kela", "talo", "ö"]


def _table(rows: int = 40, dims: int = 6, seed: int = 0) -> numpy.ndarray:
    return numpy.random.default_rng(seed).normal(size=(rows, dims)).astype("float32")


def _pair(cache_rows: int = vec.CACHE_ROWS) -> tuple[Vectors, vec.CachedVectors, numpy.ndarray]:
    strings = StringStore(WORDS)
    table = _table()
    plain = Vectors(strings=strings, data=table, **FLORET)
    cached = vec.CachedVectors(strings=strings, data=table.copy(), cache_rows=cache_rows, **FLORET)
    keys = numpy.asarray([strings[w] for w in WORDS * 3], dtype="uint64")
    return plain, cached, keys


def test_cached_lookups_equal_spacy_floret_lookups() -> None:
    plain, cached, keys = _pair()
    expected = numpy.asarray(plain.get_batch(keys))
    # same n-gram rows and mean; only the float32 summation order may differ
    assert numpy.allclose(cached.get_batch(keys), expected, rtol=1e-5, atol=1e-6)
    assert len(cached._row_of) == len(WORDS)  # one cached row per distinct word
    assert numpy.allclose(cached.get_batch(keys[::-1]), expected[::-1], rtol=1e-5, atol=1e-6)  # from the cache


def test_cache_is_bounded_and_stays_correct() -> None:
    plain, cached, keys = _pair(cache_rows=4)
    for start in range(0, len(keys), 3):
        chunk = keys[start : start + 3]
        assert numpy.allclose(cached.get_batch(chunk), numpy.asarray(plain.get_batch(chunk)), rtol=1e-5, atol=1e-6)
        assert len(cached._row_of) <= 4
    big = cached.get_batch(keys)  # one batch larger than the cache still works
    assert numpy.allclose(big, numpy.asarray(plain.get_batch(keys)), rtol=1e-5, atol=1e-6)


def test_stored_as_float16_and_loaded_as_float32(tmp_path: Path) -> None:
    _, cached, keys = _pair()
    cached.data = vec.reduce_floret(cached.data, cached.data.shape[1])  # rounded to float16 precision, as built
    before = cached.get_batch(keys)
    cached.to_disk(tmp_path / "v")
    assert numpy.load(tmp_path / "v" / "vectors").dtype == numpy.float16
    assert cached.data.dtype == numpy.float32  # the live table is untouched by saving
    loaded = vec.CachedVectors(strings=cached.strings).from_disk(tmp_path / "v")
    assert loaded.data.dtype == numpy.float32 and loaded.mode == "floret"
    assert numpy.array_equal(loaded.get_batch(keys), before)  # lossless: the table was rounded before
    again = vec.CachedVectors(strings=cached.strings).from_bytes(cached.to_bytes())
    assert numpy.array_equal(again.get_batch(keys), before)


def test_clear_vector_cache_empties_the_cache() -> None:
    _, cached, keys = _pair()
    cached.get_batch(keys)
    vocab = Vocab(strings=cached.strings)
    vocab.vectors = cached
    vec.clear_vector_cache(vocab)
    assert cached._row_of == {}
    vec.clear_vector_cache(Vocab())  # plain spaCy vectors: nothing to clear, no error


def test_reduce_floret_is_a_linear_projection() -> None:
    table = _table(rows=50, dims=8)
    reduced = vec.reduce_floret(table, 3)
    assert reduced.shape == (50, 3) and reduced.dtype == numpy.float32
    assert numpy.array_equal(reduced, reduced.astype("float16").astype("float32"))
    # the projection commutes with summing rows, which is how floret builds a word's vector
    projection, *_ = numpy.linalg.lstsq(table.astype("float64"), reduced.astype("float64"), rcond=None)
    assert numpy.allclose((table[3] + table[9]) @ projection, reduced[3] + reduced[9], atol=2e-2)
    full = vec.reduce_floret(table, 8)
    assert numpy.allclose(full, table, atol=1e-2)
    with pytest.raises(ValueError):
        vec.reduce_floret(table, 9)


def _fake_wheel(path: Path, table: numpy.ndarray) -> Path:
    source = Vectors(data=table, **FLORET)
    folder = path.parent / "src"
    source.to_disk(folder, exclude=["strings"])
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("vectors", "vectors.cfg", "key2row"):
            archive.write(folder / name, vec.SOURCE_VOCAB + name)
    return path


def test_build_writes_a_loadable_reduced_pipeline(tmp_path: Path) -> None:
    wheel = _fake_wheel(tmp_path / vec.SOURCE_WHEEL, _table(rows=30, dims=10))
    out = vec.build(tmp_path / "vectors", dims=4, wheel=wheel)
    nlp = spacy.load(out)
    assert nlp.vocab.vectors.shape == (30, 4) and nlp.vocab.vectors.mode == "floret"
    assert nlp.vocab["Lintilälle"].has_vector


def test_a_wheel_with_the_wrong_digest_is_refused(tmp_path: Path) -> None:
    (tmp_path / vec.SOURCE_WHEEL).write_bytes(b"not the pinned wheel")
    with pytest.raises(ValueError, match="SHA-256"):
        vec.download_source(tmp_path)  # present, so nothing is downloaded; the digest check still runs
