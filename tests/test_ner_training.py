"""NER data conversion and a small end-to-end training run (self-contained, seconds)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from pipeline.ner.training import convert as conv
from pipeline.ner.training import train as ner_train
from pipeline.ner.training.evaluate import entity_scores, format_table, load_gold_docs

# --------------------------------------------------------------------------- #
# A small synthetic corpus in the TurkuONE TSV format.
# --------------------------------------------------------------------------- #

FIRST = ["Mika", "Petra", "Sanna", "Antti", "Li", "Jussi", "Krista", "Annika", "Ville", "Timo", "Paula", "Kai"]
LAST = ["Lintilä", "Stenfors", "Marin", "Kaikkonen", "Andersson", "Saramo", "Kiuru", "Saarikko", "Skinnari", "Harakka"]
PLACES = ["Suomi", "Ruotsi", "Viro", "Norja", "Saksa", "Ranska"]
PLACES_GEN = ["Suomen", "Ruotsin", "Viron", "Norjan", "Saksan", "Ranskan"]
ORGS = [["Työ-", "ja", "elinkeinoministeriö"], ["Valtioneuvosto"], ["Opetushallitus"], ["Kela"], ["Verohallinto"]]
YEARS = ["2019", "2020", "2021", "2022", "2023"]
VERBS = ["sanoo", "kertoo", "toteaa", "muistuttaa"]


def _sentence(rng: random.Random) -> list[tuple[str, str]]:
    """One template sentence with BIO tags; varied enough that a model must generalise a little."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    kind = rng.randrange(3)
    if kind == 0:
        out = [("Ministeri", "O"), (first, "B-PERSON"), (last, "I-PERSON"), (rng.choice(VERBS), "O"), (",", "O"),
               ("että", "O"), (rng.choice(PLACES), "B-GPE"), ("tarvitsee", "O"), ("osaajia", "O"), (".", "O")]
    elif kind == 1:
        org = rng.choice(ORGS)
        out = [(tok, ("B-ORG" if i == 0 else "I-ORG")) for i, tok in enumerate(org)]
        out += [("myönsi", "O"), ("vuonna", "B-DATE"), (rng.choice(YEARS), "I-DATE"), ("rahoitusta", "O"),
                (rng.choice(PLACES_GEN), "B-GPE"), ("kunnille", "O"), (".", "O")]
    else:
        out = [("Lisätietoja", "O"), ("antaa", "O"), ("erityisasiantuntija", "O"), (first, "B-PERSON"),
               (last, "I-PERSON"), (".", "O")]
    return out


def _write_tsv(path: Path, sentences: list[list[tuple[str, str]]]) -> None:
    lines: list[str] = []
    for sentence in sentences:
        lines += [f"{tok}\t{tag}" for tok, tag in sentence]
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(7)
    root = tmp_path_factory.mktemp("ner") / "turku-one-tdt"
    root.mkdir()
    for split, n in (("train", 200), ("dev", 40), ("test", 40)):
        _write_tsv(root / f"{split}.tsv", [_sentence(rng) for _ in range(n)])
    return root


# --------------------------------------------------------------------------- #
# Conversion
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["O", "B-PERSON", "I-PERSON", "O"], [("PERSON", 1, 3)]),
        (["B-GPE", "B-GPE"], [("GPE", 0, 1), ("GPE", 1, 2)]),
        (["I-ORG", "I-ORG", "O"], [("ORG", 0, 2)]),  # stray I- starts a span
        (["B-ORG", "I-GPE"], [("ORG", 0, 1), ("GPE", 1, 2)]),  # label change inside I- starts a new span
        (["O", "O"], []),
        (["B-DATE", "I-DATE", "I-DATE"], [("DATE", 0, 3)]),
        (["B-MONEY", "O", "I-MONEY"], [("MONEY", 0, 1), ("MONEY", 2, 3)]),
    ],
)
def test_bio_spans(tags: list[str], expected: list[tuple[str, int, int]]) -> None:
    assert conv.bio_spans(tags) == expected


def test_read_conll_drops_docstart_and_splits_on_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("-DOCSTART-\tO\n\nMika\tB-PER\nLintilä\tI-PER\n\n\nHei\tO\n", encoding="utf-8")
    assert conv.read_conll(path) == [[("Mika", "B-PER"), ("Lintilä", "I-PER")], [("Hei", "O")]]


def test_read_conll_rejects_lines_without_tag(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("Mika\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        conv.read_conll(path)


def test_make_doc_marks_every_token() -> None:
    nlp = spacy.blank("fi")
    doc = conv.make_doc(nlp.vocab, [("Suomi", "B-GPE"), ("on", "O"), ("maa", "O")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Suomi", "GPE")]
    assert [t.ent_iob_ for t in doc] == ["B", "O", "O"]


def _s(text: str, tags: str | None = None) -> list[tuple[str, str]]:
    words = text.split()
    return list(zip(words, tags.split() if tags else ["O"] * len(words)))


def test_select_extra_keeps_only_unseen_sentences_without_heldout_overlap() -> None:
    one = {
        "train": [_s("Tämä on koulutuslause .")],
        "dev": [_s("Arvoisa puhemies , hyvät kollegat , tämä on kehityslause .")],
        "test": [_s("Kävin eilen Turussa ystävän luona .")],
    }
    old = [
        _s("Tämä on koulutuslause ."),  # already in TurkuONE
        _s("kävin EILEN turussa ystävän luona ."),  # dev/test text differing only in case
        _s("Arvoisa puhemies , hyvät kollegat , tämä on aivan uusi lause ."),  # shares a 6-token window with dev
        _s("Sanna Marin vieraili Tukholmassa .", "B-PER I-PER O B-LOC O"),  # genuinely new
        _s("Sanna Marin vieraili Tukholmassa .", "B-PER I-PER O B-LOC O"),  # duplicate of the new one
    ]
    selection = conv.select_extra(old, one)
    assert [conv.sentence_key(s) for s in selection.sentences] == [("Sanna", "Marin", "vieraili", "Tukholmassa", ".")]
    assert (selection.in_turku_one, selection.dropped_text_match, selection.dropped_ngram_overlap) == (1, 1, 1)


def test_extra_doc_maps_safe_labels_and_leaves_ambiguous_ones_missing() -> None:
    nlp = spacy.blank("fi")
    risky = conv.risky_words([_s("viime vuonna tuli 5 lasta", "B-DATE I-DATE O B-CARDINAL O")])
    assert {"viime", "vuonna", "5"} <= risky and "tuli" not in risky
    sentence = _s(
        "Sanna Marin ja suomalaiset kävivät viime vuonna Tukholmassa Nokian kanssa 3 kertaa .",
        "B-PER I-PER O O O O O B-LOC B-ORG O O O O",
    )
    doc = conv.extra_doc(nlp.vocab, sentence, risky)
    iob = {t.text: t.ent_iob_ for t in doc}
    assert [(e.text, e.label_) for e in doc.ents] == [("Sanna Marin", "PERSON"), ("Nokian", "ORG")]
    assert iob["Tukholmassa"] == ""  # LOC could be GPE, LOC or FAC: missing
    assert iob["suomalaiset"] == ""  # nationality adjective: NORP in OntoNotes
    assert iob["3"] == "" and iob["viime"] == "" and iob["vuonna"] == ""
    assert iob["ja"] == "O" and iob["kävivät"] == "O" and iob["kertaa"] == "O"


def test_group_docs_keeps_annotations_and_adds_paragraph_breaks() -> None:
    nlp = spacy.blank("fi")
    risky = frozenset({"vuonna"})
    sentences = [_s(f"Ministeri Sanna Marin puhui vuonna {2000 + i} .", "O B-PER I-PER O O O O") for i in range(25)]
    docs = [conv.extra_doc(nlp.vocab, s, risky) for s in sentences]
    grouped = conv.group_docs(nlp.vocab, docs, n=10, paragraph_rate=0.5, seed=3)
    assert [sum(1 for t in d if t.is_sent_start and t.text != conv.PARAGRAPH_BREAK) for d in grouped] == [10, 10, 5]
    assert all(d.has_unknown_spaces for d in grouped)
    breaks = [t for d in grouped for t in d if t.text == conv.PARAGRAPH_BREAK]
    assert 0 < len(breaks) < 22 and all(t.ent_iob_ == "O" for t in breaks)
    ents = [(e.text, e.label_) for d in grouped for e in d.ents]
    assert ents == [("Sanna Marin", "PERSON")] * 25
    missing = [t.text for d in grouped for t in d if t.ent_iob_ == ""]
    assert missing.count("vuonna") == 25 and len(missing) == 50  # the year (digits) is missing too
    again = conv.group_docs(nlp.vocab, docs, n=10, paragraph_rate=0.5, seed=3)
    assert [d.text for d in again] == [d.text for d in grouped]  # reproducible


def test_convert_writes_docbins(small_data: Path, tmp_path: Path) -> None:
    stats = conv.convert(small_data, tmp_path)
    nlp = spacy.blank("fi")
    for split, n, n_docs in (("train", 200, 20), ("dev", 40, 40), ("test", 40, 40)):
        docs = list(DocBin().from_disk(tmp_path / f"{split}.spacy").get_docs(nlp.vocab))
        assert stats[split]["sentences"] == n  # type: ignore[index]
        assert len(docs) == n_docs  # training sentences are grouped ten to a doc, held-out ones are not
    assert stats["train"]["entities"]["PERSON"] > 50  # type: ignore[index]


# --------------------------------------------------------------------------- #
# Training end to end
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def trained(small_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("model") / "ner_fi"
    code = ner_train.main(["--data", str(small_data), "--out", str(out), "--max-steps", "40", "--seed", "1"])
    return out, code


def test_training_writes_loadable_model_with_card(trained: tuple[Path, int]) -> None:
    out, code = trained
    assert code == 0
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["unknown_words", "tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "GPE", "ORG", "DATE"}
    assert nlp.meta["license"] == "CC BY-SA 4.0"
    doc = nlp("Ministeri Petra Marin sanoo , että Viro tarvitsee osaajia .")
    assert all(ent.label_ in {"PERSON", "GPE", "ORG", "DATE"} for ent in doc.ents)
    report = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert report["seed"] == 1 and report["training"]["steps"] == 41
    assert 0.0 <= report["test"]["scores"]["ents_f"] <= 1.0
    assert report["test"]["speed"]["tokens_per_second"] > 0
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in card or "Attribution-ShareAlike 4.0" in card
    assert "TurkuNLP" in card and f"{report['test']['scores']['ents_f']:.3f}" in card


def test_trained_model_learns_the_templates(trained: tuple[Path, int], small_data: Path) -> None:
    """40 steps on 200 template sentences must beat chance clearly: the loop really trains."""
    out, _ = trained
    nlp = spacy.load(out)
    scores = entity_scores(nlp, load_gold_docs(nlp, small_data / "test.tsv"))
    assert scores["ents_f"] > 0.5
    assert "| **all labels** |" in format_table(scores)


def test_missing_data_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ner_train.main(["--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m")]) == 2
    assert "train.tsv is missing" in capsys.readouterr().err


def test_data_dir_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ner_train.DATA_ENV, raising=False)
    assert ner_train.resolve_data_dir(None) == ner_train.DEFAULT_DATA
    monkeypatch.setenv(ner_train.DATA_ENV, str(tmp_path))
    assert ner_train.resolve_data_dir(None) == tmp_path
    assert ner_train.resolve_data_dir(tmp_path / "x") == tmp_path / "x"
    assert ner_train.resolve_extra_dir(tmp_path / "turku-one-tdt", None, False) is None  # absent
    (tmp_path / "turku-ner-corpus").mkdir()
    (tmp_path / "turku-ner-corpus" / "train.tsv").write_text("", encoding="utf-8")
    assert ner_train.resolve_extra_dir(tmp_path / "turku-one-tdt", None, False) == tmp_path / "turku-ner-corpus"
    assert ner_train.resolve_extra_dir(tmp_path / "turku-one-tdt", None, True) is None


def test_missing_vectors_are_reported(small_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = ner_train.main(["--data", str(small_data), "--vectors", str(tmp_path / "nowhere"), "--out", str(tmp_path / "m")])
    assert code == 2
    err = capsys.readouterr().err
    assert "no word vectors" in err and "python -m pipeline.ner.vectors" in err
    assert not (tmp_path / "m").exists()


def test_unknown_words_list_is_the_training_vocabulary(trained: tuple[Path, int], small_data: Path) -> None:
    out, _ = trained
    nlp = spacy.load(out)
    training_words = {line.split("\t")[0].lower() for line in (small_data / "train.tsv").read_text(encoding="utf-8").splitlines() if line}
    doc = nlp("Ministeri Zyxwv sanoo , että Suomi tarvitsee osaajia .")
    norms = {t.text: t.norm_ for t in doc}
    assert norms["Zyxwv"] == "<unk>"
    assert all(norms[w] == w.lower() for w in ("Ministeri", "sanoo", "Suomi") if w.lower() in training_words)


def test_train_on_dev_needs_a_step_count(small_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ner_train.main(["--data", str(small_data), "--out", str(tmp_path / "m"), "--train-on-dev"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--train-on-dev needs --max-steps" in err


def test_train_on_dev_trains_on_dev_and_keeps_the_last_step(small_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "final"
    work = tmp_path / "work"
    code = ner_train.main(["--data", str(small_data), "--out", str(out), "--work", str(work), "--max-steps", "12",
                           "--seed", "2", "--train-on-dev", "--no-speed"])
    assert code == 0
    assert sorted(p.name for p in (work / "corpus" / "train").iterdir()) == ["dev.spacy", "train.spacy"]
    dev_in_training = DocBin().from_disk(work / "corpus" / "train" / "dev.spacy")
    assert sum(len(d) for d in dev_in_training.get_docs(spacy.blank("fi").vocab)) >= 40 * 6  # every dev sentence
    report = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert report["training"]["best_step"] == 12 and report["training"]["steps"] == 13
    assert report["data"]["dev_in_training"] is True
    assert "--train-on-dev" in report["command"]
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "dev split was part of the training data" in card


def test_report_only_without_speed_keeps_the_measured_speed(trained: tuple[Path, int], small_data: Path, tmp_path: Path) -> None:
    out, _ = trained
    copy = tmp_path / "copy"
    import shutil

    shutil.copytree(out, copy)
    before = json.loads((copy / "scores.json").read_text(encoding="utf-8"))
    assert ner_train.main(["--data", str(small_data), "--out", str(copy), "--report-only", "--no-speed"]) == 0
    after = json.loads((copy / "scores.json").read_text(encoding="utf-8"))
    assert after["test"]["speed"] == before["test"]["speed"] and after["test"]["speed"]["tokens_per_second"] > 0
    assert after["test"]["scores"]["ents_f"] == pytest.approx(before["test"]["scores"]["ents_f"], abs=1e-9)


def test_silver_labels_type_the_extra_corpus_places(trained: tuple[Path, int], small_data: Path, tmp_path: Path) -> None:
    """--silver-from: the stage-1 model types the old corpus' LOC span; the person is mapped as before."""
    out, _ = trained
    extra = tmp_path / "turku-ner-corpus"
    extra.mkdir()
    _write_tsv(extra / "train.tsv", [_s("Eilen Kai Kiuru matkusti Norjaan junalla .", "O B-PER I-PER O B-LOC O O")])
    stats = ner_train.prepare_corpus(small_data, extra, tmp_path / "work", silver_from=out)
    assert stats["extra"]["silver_entities"] == {"GPE": 1}  # type: ignore[index]
    assert stats["extra"]["silver_from"] == str(out)  # type: ignore[index]
    vocab = spacy.blank("fi").vocab
    docs = list(DocBin().from_disk(tmp_path / "work" / "corpus" / "train" / "extra.spacy").get_docs(vocab))
    assert [(e.text, e.label_) for d in docs for e in d.ents] == [("Kai Kiuru", "PERSON"), ("Norjaan", "GPE")]


# --------------------------------------------------------------------------- #
# Distillation
# --------------------------------------------------------------------------- #


def _tagger_with_tags(labels: tuple[str, ...]) -> tuple[spacy.language.Language, object]:
    nlp = spacy.blank("fi")
    tagger = nlp.add_pipe("tiedote_entity_tagger", name="ner")
    for label in labels:
        tagger.add_label(label)
    return nlp, tagger


def test_distillation_loss_mixes_gold_and_teacher_and_uses_teacher_where_gold_is_missing() -> None:
    import numpy
    from spacy.tokens import Doc, Span
    from spacy.training import Example

    from pipeline.ner.entity_tagger import TEACHER_KEY

    nlp, tagger = _tagger_with_tags(("GPE",))
    tags = list(tagger.tags)  # O, B-GPE, I-GPE, L-GPE, U-GPE
    reference = Doc(nlp.vocab, words=["Suomi", "on", "maa"])
    reference.set_ents([Span(reference, 0, 1, label="GPE")], missing=[Span(reference, 2, 3)], default="outside")
    teacher = numpy.full((3, len(tags)), 0.1, dtype="float32")
    teacher[:, 0] = 0.6
    reference.user_data[TEACHER_KEY] = teacher
    example = Example(Doc(nlp.vocab, words=["Suomi", "on", "maa"]), reference)
    probs = numpy.full((3, len(tags)), 0.2, dtype="float32")
    loss, (grad,) = tagger.get_loss([example], [probs])
    target = 0.5 * teacher
    target[0, tags.index("U-GPE")] += 0.5
    target[1, tags.index("O")] += 0.5
    target[2] = teacher[2]  # gold missing: the teacher alone
    assert numpy.allclose(grad, probs - target)
    assert loss == pytest.approx(-float((target * numpy.log(probs)).sum()), rel=1e-5)

    plain = Example(Doc(nlp.vocab, words=["Suomi", "on", "maa"]), reference.copy())
    plain.reference.user_data.clear()
    _, (plain_grad,) = tagger.get_loss([plain], [probs])
    assert numpy.allclose(plain_grad[2], 0.0)  # without a teacher a missing token teaches nothing

    reference.user_data[TEACHER_KEY] = teacher[:, :3]
    with pytest.raises(ValueError, match="do not match"):
        tagger.get_loss([example], [probs])


def test_attach_teachers_stores_mean_probabilities(trained: tuple[Path, int], small_data: Path, tmp_path: Path) -> None:
    import numpy

    from pipeline.ner.training import distill
    from pipeline.ner.entity_tagger import TEACHER_KEY

    out, _ = trained
    conv.convert(small_data, tmp_path / "corpus")
    train_dir = tmp_path / "corpus" / "train"  # as prepare_corpus lays it out: held-out files stay outside
    train_dir.mkdir()
    (tmp_path / "corpus" / "train.spacy").rename(train_dir / "train.spacy")
    stats = distill.attach_teachers(train_dir, [out, out])
    teacher = spacy.load(out)
    docs = list(DocBin().from_disk(train_dir / "train.spacy").get_docs(teacher.vocab))
    assert stats["tokens"] == sum(len(d) for d in docs) > 0
    first = docs[0]
    probs = numpy.asarray(first.user_data[TEACHER_KEY], dtype="float32")
    assert probs.shape == (len(first), len(teacher.get_pipe("ner").tags))
    assert numpy.allclose(probs.sum(axis=1), 1.0, atol=1e-2)
    single = distill.mean_probabilities([teacher], [first])[0]
    assert numpy.allclose(probs, single, atol=2e-3)  # two copies of one model average to that model
    held_out = list(DocBin().from_disk(tmp_path / "corpus" / "dev.spacy").get_docs(teacher.vocab))
    assert all(TEACHER_KEY not in d.user_data for d in held_out)


def test_training_with_a_teacher(trained: tuple[Path, int], small_data: Path, tmp_path: Path) -> None:
    out, _ = trained
    student = tmp_path / "student"
    code = ner_train.main(["--data", str(small_data), "--out", str(student), "--max-steps", "40", "--seed", "1",
                           "--no-speed", "--teacher", str(out)])
    assert code == 0
    report = json.loads((student / "scores.json").read_text(encoding="utf-8"))
    assert report["data"]["distillation"]["teachers"] == [str(out)]
    nlp = spacy.load(student)
    assert entity_scores(nlp, load_gold_docs(nlp, small_data / "test.tsv"))["ents_f"] > 0.5


def test_teacher_that_is_not_a_model_is_one_line(small_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = ner_train.main(["--data", str(small_data), "--out", str(tmp_path / "m"), "--teacher", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "not a spaCy pipeline folder" in err


def test_teachers_recipe_trains_the_teachers_then_the_student(small_data: Path, tmp_path: Path) -> None:
    """--teachers N: N seeded runs in subprocesses, the best on dev types the silver spans, all of them teach."""
    extra = tmp_path / "old"
    extra.mkdir()
    _write_tsv(extra / "train.tsv", [_s("Eilen Kai Kiuru matkusti Norjaan junalla .", "O B-PER I-PER O B-LOC O O")])
    out, work = tmp_path / "student", tmp_path / "work"
    code = ner_train.main(["--data", str(small_data), "--extra", str(extra), "--out", str(out), "--work", str(work),
                           "--max-steps", "16", "--seed", "1", "--no-speed", "--teachers", "2", "--jobs", "2"])
    assert code == 0
    runs = [json.loads((work / "teachers" / f"seed-{k}" / "scores.json").read_text(encoding="utf-8")) for k in (0, 1)]
    assert [r["seed"] for r in runs] == [0, 1]
    report = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    teachers = report["data"]["distillation"]["teachers"]
    assert teachers == [{"seed": k, "dev_ents_f": round(r["dev"]["scores"]["ents_f"], 4)} for k, r in zip((0, 1), runs)]
    best = max((0, 1), key=lambda k: (runs[k]["dev"]["scores"]["ents_f"], -k))
    assert report["data"]["extra"]["silver_from"].startswith(f"teacher seed {best} ")
    assert report["data"]["extra"]["silver_entities"] == {"GPE": 1}
    assert "--teachers 2" in report["command"]
    assert spacy.load(out).get_pipe("ner").labels


def test_teachers_and_teacher_folders_exclude_each_other(small_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = ner_train.main(["--data", str(small_data), "--out", str(tmp_path / "m"), "--teachers", "2", "--teacher", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "not both" in err
    assert ner_train.main(["--data", str(small_data), "--out", str(tmp_path / "m"), "--teachers", "0"]) == 2
    assert "--teachers needs at least 1 model, got 0" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_a_failing_teacher_stops_the_recipe_with_its_log(tmp_path: Path) -> None:
    from pipeline.ner.training import teachers

    with pytest.raises(RuntimeError, match=r"teacher seed 0 failed .*seed-0\.log"):
        teachers.train_teachers(1, tmp_path, ["--data", str(tmp_path / "nowhere")], jobs=1, log=lambda _: None)
    assert "train.tsv is missing" in (tmp_path / "seed-0.log").read_text(encoding="utf-8")
