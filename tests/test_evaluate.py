"""`tiedote evaluate`: the matching rules, and the quality floor on the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli
from pipeline.core import extract
from pipeline.evaluate import compare, evaluate, find_samples

FLOOR = 0.95
EXACT_FIELDS = ("title", "published", "language")


@pytest.fixture(scope="module")
def seed_record():
    return extract((SAMPLES / "000_adc382a3ab330e0f.txt").read_bytes(), ner=False)


@pytest.fixture(scope="module")
def seed_expected() -> dict:
    return json.loads((SAMPLES / "000_adc382a3ab330e0f.expected.json").read_text(encoding="utf-8"))


def test_perfect_match_scores_only_true_positives(seed_record, seed_expected) -> None:
    results = compare(seed_expected, seed_record)
    for name in ("title", "amounts", "dates", "contacts", "theme_items", "quotes"):
        assert results[name].score.fp == 0 and results[name].score.fn == 0, name
    assert results["theme_items"].score.tp == 10


def test_wrong_amount_is_a_false_positive_and_a_false_negative(seed_record, seed_expected) -> None:
    expected = dict(seed_expected, amounts=[{"value": "7000001", "value_max": None, "currency": "EUR"}])
    score = compare(expected, seed_record)["amounts"].score
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)


def test_amounts_compare_as_decimals(seed_record, seed_expected) -> None:
    expected = dict(seed_expected, amounts=[{"value": "7000000.00", "value_max": None, "currency": "EUR"}])
    assert compare(expected, seed_record)["amounts"].score.tp == 1


def test_contact_phone_must_match_when_given(seed_record, seed_expected) -> None:
    contact = dict(seed_expected["contacts"][0], phone="+358401234567")
    score = compare(dict(seed_expected, contacts=[contact]), seed_record)["contacts"].score
    assert (score.tp, score.fn) == (0, 1)


def test_quote_matches_on_speaker_and_opening(seed_record, seed_expected) -> None:
    wrong = [{"speaker": "Mika Lintilä", "starts_with": "Suomi on tiheään asuttu"}]
    assert compare(dict(seed_expected, quotes=wrong), seed_record)["quotes"].score.fn == 1


def test_missing_title_is_a_false_negative(seed_record, seed_expected) -> None:
    score = compare(dict(seed_expected, title="Toinen otsikko"), seed_record)["title"].score
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)


def test_samples_meet_the_quality_floor() -> None:
    report = evaluate(SAMPLES)
    assert len(report.documents) >= 40
    assert report.languages["fi"] >= 25 and report.languages["sv"] >= 6 and report.languages["en"] >= 6
    low = {name: round(s.f1, 3) for name, s in report.totals.items() if s.f1 < FLOOR}
    assert not low, f"fields under F1 {FLOOR}: {low}; failing documents: {list(report.failing())}"
    for name in EXACT_FIELDS:
        assert report.totals[name].f1 == 1.0, (name, report.failing())


def test_every_expected_record_has_the_checked_fields() -> None:
    keys = {"language", "doc_type", "title", "organization", "published", "amounts", "dates", "contacts", "theme_items", "quotes", "entities"}
    for _, expected in find_samples(SAMPLES):
        data = json.loads(expected.read_text(encoding="utf-8"))
        assert keys <= set(data), (expected.name, keys - set(data))


def test_cli_exit_code_follows_min_f1(tmp_path: Path) -> None:
    for name in ("000_adc382a3ab330e0f.txt", "000_adc382a3ab330e0f.expected.json"):
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    ok = run_cli("evaluate", str(tmp_path), "--no-ner", "--min-f1", "0.95", "--json")
    assert ok.returncode == 0, ok.stderr.decode()
    assert json.loads(ok.stdout)["fields"]["amounts"]["f1"] == 1.0
    broken = json.loads((tmp_path / "000_adc382a3ab330e0f.expected.json").read_text(encoding="utf-8"))
    broken["amounts"][0]["value"] = "8000000"
    (tmp_path / "000_adc382a3ab330e0f.expected.json").write_text(json.dumps(broken), encoding="utf-8")
    bad = run_cli("evaluate", str(tmp_path), "--no-ner", "--min-f1", "0.95")
    assert bad.returncode == 3
    assert "amounts: missing" in bad.stdout.decode() and "amounts" in bad.stderr.decode()


def test_a_correctly_absent_value_is_a_true_negative_not_a_hit(seed_record, seed_expected) -> None:
    record = seed_record.model_copy(update={"organization": None, "organizations": []})
    score = compare(dict(seed_expected, organization=None), record)["organization"].score
    assert (score.tp, score.fp, score.fn) == (0, 0, 0)
    wrong = compare(dict(seed_expected, organization=None), seed_record)["organization"].score
    assert (wrong.tp, wrong.fp, wrong.fn) == (0, 1, 0)


def test_published_compares_to_the_precision_the_page_shows(seed_record, seed_expected) -> None:
    from pipeline.evaluate import published_key

    assert published_key("2021-06-29T15:47:00+03:00", "minute") == "2021-06-29T15:47"
    assert published_key("2021-06-29T00:00:00+03:00", "day") == "2021-06-29"
    assert published_key("2021-06-29", None) == "2021-06-29"
    assert compare(dict(seed_expected, published="2021-06-29T15:47"), seed_record)["published"].score.tp == 1
    # A page that showed only the day must not be matched by a record claiming midnight to the minute.
    day_only = seed_record.model_copy(update={"published_precision": "day"})
    assert compare(dict(seed_expected, published="2021-06-29T15:47"), day_only)["published"].score.tp == 0
    assert compare(dict(seed_expected, published="2021-06-29"), day_only)["published"].score.tp == 1


def test_gold_format_labels_are_read(tmp_path: Path, seed_record) -> None:
    from pipeline.evaluate import GOLD_FIELDS, find_cases, gold_to_expected

    gold = {
        "url": "https://valtioneuvosto.fi/-/1410877/x", "lang": "fi", "truncated": False,
        "title": "Alueiden verkostoyhteistyötä edistävät hankkeet valittu", "published": "2021-06-29T15:47",
        "organization": "työ- ja elinkeinoministeriö", "doc_type": "press_release",
        "amounts": [{"raw": "7 miljoonaa euroa", "value": 7000000, "currency": "EUR"},
                    {"raw": "20 000–50 000 euroa", "value": None, "value_min": 20000, "value_max": 50000, "currency": "EUR"}],
        "contacts": [{"name": "Petra Stenfors", "title": "erityisasiantuntija", "organization": "TEM", "phone": "+358295047282", "email": None}],
        "theme_lists": [["etätyöpisteiden kehittämiseen"]], "quotes": [{"speaker": "Mika Lintilä", "speaker_title": "elinkeinoministeri"}],
        "notes": "",
    }
    expected = gold_to_expected(gold)
    assert expected["language"] == "fi"
    assert [(a["value"], a["value_max"]) for a in expected["amounts"]] == [(7000000, None), (20000, 50000)]
    assert expected["theme_items"] == ["etätyöpisteiden kehittämiseen"]
    results = compare(expected, seed_record, GOLD_FIELDS)
    assert set(results) == set(GOLD_FIELDS)
    assert results["amounts"].score.tp == 1 and results["amounts"].score.fn == 1  # the range is not in the seed
    assert results["contacts"].score.tp == 1 and results["quotes"].score.tp == 1 and results["title"].score.tp == 1
    (tmp_path / "001.txt").write_bytes(b" date 2021-06 " + (SAMPLES / "000_adc382a3ab330e0f.txt").read_bytes())
    (tmp_path / "001.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # another JSON file beside them is not a label
    [case] = find_cases(tmp_path)
    assert case.url == gold["url"] and case.fields == GOLD_FIELDS
    assert case.read().startswith(b"Hypp")  # the page store's token is gone


def _two_samples(tmp_path: Path) -> Path:
    for path in sorted(SAMPLES.glob("*.expected.json"))[:2]:
        stem = path.name[: -len(".expected.json")]
        (tmp_path / path.name).write_bytes(path.read_bytes())
        source = next(p for p in (SAMPLES / f"{stem}.txt", SAMPLES / f"{stem}.html") if p.exists())
        (tmp_path / source.name).write_bytes(source.read_bytes())  # one page per label: two documents
    return tmp_path


def test_progress_counts_documents_against_the_total(tmp_path: Path) -> None:
    import io

    from pipeline.progress import Progress

    stream = io.StringIO()
    progress = Progress(None, label="tiedote evaluate", stream=stream, interval=0)
    report = evaluate(_two_samples(tmp_path), ner=False, progress=progress)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert len(report.documents) == 2
    assert lines[0].startswith("tiedote evaluate: 1/2 docs (50%)")  # the total is known before the first document
    assert lines[-1].startswith("tiedote evaluate: 2/2 docs (100%)")


def test_cli_progress_is_one_plain_line_in_a_log_and_nothing_when_quiet(tmp_path: Path) -> None:
    folder = _two_samples(tmp_path)
    logged = run_cli("evaluate", str(folder), "--no-ner", "--json")
    assert logged.returncode == 0, logged.stderr.decode()
    err = logged.stderr.decode()
    assert "\r" not in err
    assert err.splitlines()[-1].startswith("tiedote evaluate: 2/2 docs (100%)")  # the final line at close
    json.loads(logged.stdout)  # standard output stays the report alone
    quiet = run_cli("evaluate", str(folder), "--no-ner", "--json", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == b""
    global_quiet = run_cli("-q", "evaluate", str(folder), "--no-ner", "--json")
    assert global_quiet.returncode == 0 and global_quiet.stderr == b""
