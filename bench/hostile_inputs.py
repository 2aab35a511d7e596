"""Time and peak memory of extract() on the hostile shapes of issue 13 (NER off).

Run: ``.venv/bin/python bench/hostile_inputs.py``. Each line: shape, input size,
seconds, tracemalloc peak as a multiple of the input size, and the outcome (a
record's warning codes, or the InputError). The tests assert growth ratios
(tests/test_pathological.py, tests/test_bad_input.py); this script reports the
absolute figures for the README and notes, on the machine it runs on.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import pipeline
from pipeline.errors import InputError

SHAPES: list[tuple[str, Callable[[], str | bytes]]] = [
    ("meta charset rot13, bytes not UTF-8", lambda: '<html><head><meta charset="rot13"></head><body><h1>T</h1><p>Otsikko \xff ok</p></body></html>'.encode("latin-1")),
    ("control char after <script>", lambda: "<html><body><script>x</script>\x0c<p>Teksti tässä.</p></body></html>"),
    ("lone surrogate in str", lambda: "Otsikko\n\nTeksti \ud800 tässä 5 euroa."),
    ('"1." * 16000', lambda: "1." * 16000),
    ("public body x 20,000", lambda: "Otsikko\n\n" + "valtiovarainministeriö " * 20000),
    ("50 KB mixed whitespace", lambda: "Otsikko\n\nx" + " \t\u00a0\u2003" * 12500 + "y"),
    ("4,000 quotes in a paragraph", lambda: "Otsikko\n\n" + "”Tämä on hyvä”, sanoo ministeri. " * 4000),
    ('"1" * 10**6 + " euroa"', lambda: "1" * 10**6 + " euroa"),
    ("200,000 short lines", lambda: "a\n" * 200000),
    ("200,000 <p> elements", lambda: "<p>a</p>" * 200000),
    ("one tag, 200,000 attributes", lambda: "<p " + " ".join(f"a{i}=1" for i in range(200000)) + ">x</p>"),
    ("50,000 contact lines", lambda: "Otsikko\n\nLisätietoja:\n" + "Matti Meikäläinen, erityisasiantuntija, puh. 0295 123 456\n" * 50000),
    ("32-digit amount", lambda: "Otsikko\n\nValtio myönsi 99999999999999999999999999999999 miljardia euroa."),
]


def main() -> None:
    pipeline.extract("Lämmitys\n\nTeksti.", ner=False)  # imports and compiled patterns outside the figures
    print(f"{'shape':38s} {'size':>10s} {'seconds':>8s} {'peak/size':>9s}  outcome")
    for label, make in SHAPES:
        source = make()
        size = len(source)
        started = time.perf_counter()
        try:
            record = pipeline.extract(source, ner=False)
            outcome = "record " + ",".join(sorted({w.code for w in record.warnings if not w.code.startswith("no_")}))
        except InputError as exc:
            outcome = f"InputError: {exc}"[:70]
        seconds = time.perf_counter() - started
        tracemalloc.start()  # a second run for memory: tracing slows Python code several times over
        try:
            pipeline.extract(source, ner=False)
        except InputError:
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{label:38s} {size:>10,} {seconds:>8.2f} {peak / size:>9.1f}  {outcome}")


if __name__ == "__main__":
    main()
