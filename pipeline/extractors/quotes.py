"""Quote extraction: words attributed to a named speaker.

Finnish releases quote with a dash paragraph ending in an attribution
(``– Suomi on ..., elinkeinoministeri Mika Lintilä sanoo.``); Swedish and
English pages do the same (``säger``, ``says``) or use quotation marks. The
speaker may carry an organisation (``Ari Honkala Puolustusvoimien
logistiikkalaitokselta``, ``Niklas Sundberg vid THL``) or a title after the name
(``says Sari Peltola, Minister of ...``), and a quotation may close a reporter's
sentence (``Ulkoministeri Vuoren mukaan ”...”.``, ``According to X, “...”``). A
quote may run over several dash paragraphs of which only one names the
speaker, so dash paragraphs are collected into runs first and attributed
afterwards. Only words actually quoted count: reported speech (``Hallitus
toteaa, että ...``) has no dash or quotation mark and is never a quote, and a
quotation cut off before it closes (the end of a page excerpt) has no speaker.

The attribution may say where or when the words were said (``said Minister X at
the signing of ... on 8 November.``); a hyphen-minus may stand for the dash,
also between two quotes in one paragraph. A speaker named by title and surname
(``says Minister Lintilä``, ``Prime Minister Marin said``) is resolved to the
full name written elsewhere in the release, and ``speaker_title`` is the
attribution's title in lower case (``prime minister``; acronyms such as
``THL:n`` stay).

Further forms: an introduction may say what the quote is about before its colon
(``Ministeri X vakuuttaa, että tuki maksetaan ajallaan:``), and then the dash
paragraphs under it must read as sentences (a list under a colon is no quote);
any dash opens a paragraph (en, em, ``─`` box drawing, hyphen); the attribution
may end with a clause (``..., as she opened the conference.``) or name the
speaker in an appositive after a description (``says the investigator in
charge, Senior Customs Officer Matti Example``); single curly quotes mark
quotations too (``‘...,’ says X``, ``’...’``), an apostrophe inside a word not
closing them; a unit's capitalised name before the speaker is not part of the
name (``chefen för utrikesministeriets Europainformation Riitta Exempel``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import takewhile

from models.mentions import Quote
from pipeline.document import Block
from pipeline.extractors.contacts import (
    CONNECTIVES,
    STOPWORDS,
    is_name_token,
    is_title_word,
    known_body,
    split_affiliation,
    split_title_and_name,
)
from pipeline.extractors.lemmas import known_lemma

__all__ = ["find_quotes"]

# Present and past forms: releases write both ("sanoo", "sanoi").
_VERBS_FI = """sanoo sanoi toteaa totesi kertoo kertoi muistuttaa muistutti korostaa korosti painottaa painotti
arvioi huomauttaa huomautti jatkaa jatkoi lisää lisäsi iloitsee iloitsi kiittää kiitti summaa summasi uskoo
uskoi linjaa linjasi tiivistää tiivisti pohtii pohti kommentoi toivoo toivoi vakuuttaa vakuutti selittää
selitti kuvailee kuvaili kuvaa kuvasi kiteyttää kiteytti perustelee perusteli muotoilee muotoili mainitsee
mainitsi vahvistaa vahvisti ennakoi ennustaa ennusti kysyy kysyi vastaa vastasi täsmentää täsmensi
huomioi myöntää myönsi päättää päätti kehottaa kehotti ihmettelee ihmetteli toivottaa toivotti""".split()
_VERBS_SV = """säger sade sa konstaterar konstaterade berättar berättade påpekar påpekade betonar betonade
understryker underströk framhåller framhöll tillägger tillade fortsätter fortsatte menar menade anser
ansåg hoppas hoppades uppger uppgav kommenterar kommenterade förklarar förklarade""".split()
_VERBS_EN = """says said states stated notes noted emphasises emphasizes emphasised emphasized adds added
explains explained continues continued comments commented remarks remarked stresses stressed highlights
highlighted underlines underlined believes concludes concluded observes observed points\\s+out
pointed\\s+out""".split()
_VERB = r"(?:" + "|".join(sorted(_VERBS_FI + _VERBS_SV + _VERBS_EN, key=len, reverse=True)) + r")"


def reporting_verb_pattern() -> str:
    """The reporting verbs of fi/sv/en as one regex alternation ('sanoo', 'påpekar', 'says', ...)."""
    return _VERB


_S = r"[ \t\u00a0]"
# One word of a speaker phrase: no sentence punctuation or quote marks ("THL:n" keeps its colon).
_TOK = r"(?:[^\s,.;:!?”\"»“«„()\[\]–—―─]|:(?=\w))+"
_WHO = _TOK + r"(?:" + _S + r"+" + _TOK + r"){0,8}?"
_TAIL = r"(?P<tail>(?:" + _S + r"+[a-zåäöé][\w-]*){0,3}?)"
_END = r"(?P<end>[.!?…](?=[\s\"”»]|$)|$)"
# "said Minister X at the signing of the agreements in Nairobi on 8 November.": where or when it was
# said, to the end of the sentence (bounded, so a missing full stop costs at most that much).
# "..., as she opened the conference.", "..., kun hän avasi kokouksen.": a clause saying when, after a comma.
# "..., at the opening of the conference.": after a comma too. Finnish says when with a verb form
# ("..., avatessaan konferenssin.").
_PP_WORDS = r"(?:at|in|on|during|after|when|while|vid|på|under|efter|när)"
_CLAUSE_WORDS = r"(?:as|when|while|kun|när|då|at|during|after|vid|på|under|efter|[a-zåäö]+(?:essaan|essään))"
_PP = r"(?:(?:" + _S + r"+" + _PP_WORDS + r"|," + _S + r"+" + _CLAUSE_WORDS + r")" + _S + r"[^.!?…\n\"”»]{1,120}?)?"

# ", Minister of Agriculture and Forestry" after a name: the title as an appositive.
_APPOS = r"(?:," + _S + r"+(?!" + _CLAUSE_WORDS + r"\b)(?P<appos>" + _WHO + r"))?"
_APPOS_BEFORE_VERB = r"(?:," + _S + r"+(?P<appos>" + _WHO + r"),)?"

# "..., elinkeinoministeri Mika Lintilä sanoo."  /  "..., Lintilä sanoo tiedotteessa."
# "..., Sari Peltola, Minister of Agriculture and Forestry, says."
_ATTR_AFTER_RE = re.compile(
    r"(?P<punct>,|[!?…])"
    + _S
    + r"+(?P<who>"
    + _WHO
    + r")"
    + _APPOS_BEFORE_VERB
    + _S
    + r"+(?P<verb>"
    + _VERB
    + r")\b"
    + _TAIL
    + _PP
    + _S
    + r"*"
    + _END
)
# "..., sanoo elinkeinoministeri Mika Lintilä (tiedotteessa)."  /  "..., says Sari Peltola, Minister of ..."
_ATTR_BEFORE_RE = re.compile(
    r"(?P<punct>,|[!?…])" + _S + r"+(?P<verb>" + _VERB + r")" + _S + r"+(?P<who>" + _WHO + r")" + _APPOS + _TAIL + _PP + _S + r"*" + _END
)
# After a closing quotation mark: '”...”, ministeri sanoo.' / '“...,” said X.' / '"...", says X, Minister of ...'
_CLOSE_AFTER_RE = re.compile(
    r"^" + _S + r"*,?" + _S + r"*(?P<who>" + _WHO + r")" + _APPOS_BEFORE_VERB + _S + r"+(?P<verb>" + _VERB + r")\b" + _TAIL + _PP + _S + r"*" + _END
)
_CLOSE_BEFORE_RE = re.compile(
    r"^" + _S + r"*,?" + _S + r"*(?P<verb>" + _VERB + r")" + _S + r"+(?P<who>" + _WHO + r")" + _APPOS + _TAIL + _PP + _S + r"*" + _END
)
# "..., says the investigator in charge, Senior Customs Officer Matti Example.": the words after the
# verb describe the speaker, the appositive names them. Tried when the patterns above read the
# description's 'in charge, ...' as where it was said; here that phrase holds no comma.
_PP_NO_COMMA = r"(?:(?:" + _S + r"+" + _PP_WORDS + r"|," + _S + r"+" + _CLAUSE_WORDS + r")" + _S + r"[^.!?…\n\"”»,]{1,120}?)?"
_APPOS_NAMED = r"," + _S + r"+(?!" + _CLAUSE_WORDS + r"\b)(?P<appos>" + _WHO + r")"
_ATTR_BEFORE_APPOS_RE = re.compile(
    r"(?P<punct>,|[!?…])"
    + _S
    + r"+(?P<verb>"
    + _VERB
    + r")"
    + _S
    + r"+(?P<who>"
    + _WHO
    + r")"
    + _APPOS_NAMED
    + _TAIL
    + _PP_NO_COMMA
    + _S
    + r"*"
    + _END
)
_CLOSE_BEFORE_APPOS_RE = re.compile(
    r"^" + _S + r"*,?" + _S + r"*(?P<verb>" + _VERB + r")" + _S + r"+(?P<who>" + _WHO + r")" + _APPOS_NAMED + _TAIL + _PP_NO_COMMA + _S + r"*" + _END
)
# An introduction: "Ministeri Mika Lintilä sanoo:" before a quotation or dash paragraph; a few words may
# follow the verb ('vakuuttaa hallituksen pyrkivän turvaamaan maatalouden toimintaedellytykset:').
# The verb may take a clause first: "Ministeri X vakuuttaa, että tuki maksetaan ajallaan:"; it holds no
# sentence end and no colon, and is bounded, so a long line costs at most that much per verb.
_INTRO_CLAUSE = (
    r"(?P<clause>,?" + _S + r"+(?:että|kun|jos|koska|vaikka|miten|mitä|kuinka|att|när|om|hur|eftersom|that|how|why|when|as)\b"
    r"[^.!?…:\n]{1,300}?)?"
)
_INTRO_RE = re.compile(
    r"(?P<who>" + _TOK + r"(?:" + _S + r"+" + _TOK + r"){0,8})" + _S + r"+(?P<verb>" + _VERB + r")\b"
    r"(?:" + _S + r"+[a-zåäöé][\w-]*){0,8}?" + _INTRO_CLAUSE + _S + r"*:" + _S + r"*$"
)

# "Ulkoministeri Vuoren mukaan ”...”", "According to Minister X, “...”", "Enligt minister X: ”...”":
# the speaker (Finnish: in the genitive) right before the opening mark.
_ACCORDING_FI_RE = re.compile(
    r"(?P<who>" + _TOK + r"(?:" + _S + r"+" + _TOK + r"){0,6})" + _S + r"+(?P<verb>mukaan)" + _S + r"*[,:]?" + _S + r"*$"
)  # fmt: skip
_ACCORDING_RE = re.compile(
    r"\b(?P<verb>[Aa]ccording" + _S + r"+to|[Ee]nligt)" + _S + r"+(?P<who>" + _TOK + r"(?:" + _S + r"+" + _TOK + r"){0,8})"
    + _S + r"*[,:]?" + _S + r"*$"
)  # fmt: skip
# A quotation introduced mid-sentence must end its sentence: '... mukaan ”...”.' (not a quoted term).
_ENDS_SENTENCE_RE = re.compile(r"^(?:[.!?…]+(?=\s|$)|\s*$)")
_SENTENCE_PUNCT_END_RE = re.compile(r"[.!?…]\s*$")

# en, em and figure dashes, the horizontal bar, the box-drawing line ('─ Avustuksilla ...'),
# hyphens and the minus sign
_DASHES = "–—―‒─‐‑−-"
# A dash then a space, or a dash glued to a capital ('-Nyt jaettavalla rahoituksella ...'): a hyphen opens no word.
_DASH_LINE_RE = re.compile(r"^[ \t\u00a0]*[" + _DASHES + r"](?:[ \t\u00a0]+(?=\S)|(?=[A-ZÅÄÖ]))")
# A new dash quote inside a paragraph: "... sanoo. – Toinen lainaus ..."
_INLINE_DASH_RE = re.compile(r"(?<=[.!?”\"])[ \t\u00a0]+[–—―─-][ \t\u00a0]+(?=[A-ZÅÄÖ0-9\"”«])")
# The last word of a clause that announces a list: 'että tavoitteet ovat:', 'att målen är:', 'that the aims are:'.
_LIST_OPENERS = frozenset(
    """on ovat oli olivat seuraavat seuraavia kuuluvat sisältyvät är var blir följande ingår is are was were
    include includes included following""".split()
)
_MIN_SPEECH_WORDS = 5  # a quotation without a sentence end this long is speech, shorter a quoted term
_RECENT_QUOTES = 64  # earlier quotes looked through for a fuller name: the nearest ones
_MAX_INFLECTION = 4  # letters a case ending may add to a surname ('Lintilä' -> 'Lintilän')
_MARK_WINDOW = 600  # characters read on each side of a quotation: more than any attribution needs
_QUOTED_RE = re.compile(r"(?P<open>[”\"“«»„])(?P<inner>[^”\"“«»„\n]{2,}?)(?P<close>[”\"»«“])")
# Single curly quotes: '‘...,’ says X.' and the Finnish '’...’'. The right one is also the
# apostrophe ('Finland’s', 'ministers’'): a mark opens only after a blank or punctuation and closes
# only before no letter, and an apostrophe inside a word does not close. Bounded, as an opening mark
# with no close is read up to the line end.
_SINGLE_QUOTED_RE = re.compile(r"(?<![\w’'])(?P<open>[‘’])(?=[^\s‘’])(?P<inner>(?:[^‘’\n]|’(?=[^\W\d_])){2,600}?)(?<!\s)(?P<close>’)(?![^\W\d_])")
# Quoted speech opens a sentence (or follows an introduction's colon or a dash).
_QUOTE_OPENS_RE = re.compile(r"(?:^|[.!?:…–—])[ \t\u00a0]*$")
_TOKEN_RE = re.compile(r"\S+")
_STRIP_TOKEN = ".,;:!?()\"”“«»'’"
_DASH_TOKENS = frozenset(_DASHES)

_PRONOUNS = frozenset({"hän", "han", "hon", "he", "she"})
# An appositive that starts a relative clause names no title: "sanoo Anna Virtanen, joka johtaa työryhmää."
_RELATIVES = frozenset({"joka", "jonka", "som", "who", "which"})
_APPOS_CUT_RE = re.compile(r"[ \t\u00a0]+(?:at|from|vid|på|från|hos|inom)[ \t\u00a0]+\S.*$", re.DOTALL)
_LEADING_ARTICLE_RE = re.compile(r"^(?:the|a|an)[ \t\u00a0]+", re.IGNORECASE)
_VOWELS = "aeiouyäö"
_LONG_VOWEL_N_RE = re.compile(r"(?:aa|ää|ee|ii|oo|öö|uu|yy)n$")
# Consonant gradation of -i surnames in the genitive: Lahti -> Lahden, Mäki -> Mäen, Lampi -> Lammen.
_I_STEM_GRADATION: tuple[tuple[str, str], ...] = (
    ("nt", "nn"), ("lt", "ll"), ("rt", "rr"), ("mp", "mm"), ("nk", "ng"),
    ("kk", "k"), ("pp", "p"), ("tt", "t"), ("t", "d"), ("k", ""), ("p", "v"),
)  # fmt: skip
_GENITIVE_ACRONYM_RE = re.compile(r"^[A-ZÅÄÖ]{2,}:n$")
_MAX_TITLE_TOKENS = 7
_BODY_CONNECTIVES = frozenset({"of", "för"})


# --- speaker phrases --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Speaker:
    """Who an attribution names; ``pronoun`` means "the previous speaker"."""

    name: str | None
    title: str | None
    verb: str
    pronoun: bool = False
    genitive: bool = False  # "Vuoren mukaan": the name's last word is inflected
    confirm: bool = False  # keep only if a fuller mention in the body confirms the name


def _title_token_ok(token: str, first: bool) -> bool:
    """A word that can stand in a title before a name: 'elinkeinoministeri', 'THL:n', 'Suomen Pankin'."""
    lower = token.lower()
    if first and lower in STOPWORDS:
        return False
    if len(token) > 1 and token.endswith("-") and token[-2:-1].isalpha():
        return True  # 'Maa-' of 'Maa- ja metsätalousministeri', capitalised where it opens the line
    if token[:1].islower() or lower in CONNECTIVES or is_title_word(token):
        return True
    return bool(_GENITIVE_ACRONYM_RE.match(token)) or (is_name_token(token) and lower.endswith("n"))


def _title_suffix(title: str, strict: bool) -> tuple[bool, str | None]:
    """``(ok, title words)`` before a name; ok is False when the words are prose, not a title.

    ``strict`` (right after a comma) requires every word to fit; an introduction
    ("Tiedotteessa ministeri X sanoo:") keeps the longest fitting tail.
    """
    matches = list(_TOKEN_RE.finditer(title))
    if len(matches) > _MAX_TITLE_TOKENS and strict:
        return False, None
    words = [m.group() for m in matches]
    # "Governor of the Bank of Finland": after 'of' / 'för' the capitalised words name the body
    in_body = [any(w.lower() in _BODY_CONNECTIVES for w in words[:i]) and is_name_token(words[i]) for i in range(len(words))]
    # "Research Director", "Senior Customs Officer": in a capitalised English title a word the
    # vocabulary lacks may qualify the title word after it
    qualifier = [False] * len(words)
    for i in range(len(words) - 2, -1, -1):
        after = words[i + 1]
        qualifier[i] = is_name_token(words[i]) and after[:1].isupper() and (is_title_word(after) or qualifier[i + 1])
    begin = len(matches)
    while begin > 0 and (in_body[begin - 1] or qualifier[begin - 1] or _title_token_ok(words[begin - 1], first=False)):
        begin -= 1
    while begin < len(matches) and not (qualifier[begin] or _title_token_ok(words[begin], first=True)):
        begin += 1
    if strict and begin != 0:
        return False, None
    if begin == len(matches):
        return (not strict), None
    last = words[-1]
    if not (is_title_word(last) or (last[:1].islower() and last.lower() not in STOPWORDS) or _GENITIVE_ACRONYM_RE.match(last) or in_body[-1]):
        return False, None
    return True, title[matches[begin].start() :].strip()


def _speaker(who: str, verb: str, strict: bool, appos: str | None = None, tail: str = "") -> _Speaker | None:
    """Read '[title] Name [organisation][, title]' from an attribution; None when it names nobody.

    ``tail`` is what the attribution pattern left after the speaker words
    ('tiedotteessa'); the lazy match may have left part of an organisation or
    of an appositive title there ('vid social- och hälsovårdsministeriet').
    """
    who = who.strip()
    if who.lower() in _PRONOUNS:
        return None if appos is not None else _Speaker(None, None, verb, pronoun=True)
    if appos is None and tail and split_affiliation(who + tail)[1] is not None:
        who += tail
    who, _ = split_affiliation(who)
    speaker = _titled_speaker(who, verb, strict)
    if appos is not None and (speaker is None or speaker.name is None):
        # "says the investigator in charge, Senior Customs Officer Matti Example": the name is in the appositive
        return _appositive_speaker(who, speaker, appos, verb)
    if appos is None or speaker is None:
        return speaker
    appos_title = _appositive(appos, tail)
    if appos_title is None and appos.split()[0].lower() not in _RELATIVES:
        return None
    return _Speaker(speaker.name, speaker.title or appos_title, verb)


def _appositive_speaker(who: str, described: _Speaker | None, appos: str, verb: str) -> _Speaker | None:
    """The speaker named after a comma, the words before it describing them.

    'the investigator in charge, Senior Customs Officer Matti Example' -> Matti Example,
    'senior customs officer'; 'Tullin valvontaosaston apulaisjohtaja, tullineuvos Jarkko
    Esimerkki' -> both titles. The appositive must be a name with at most a title
    before it; otherwise the words are a list ('X, Y, says'), not an attribution.
    """
    appos = appos.strip()
    title, name = split_title_and_name(appos, min_tokens=2)
    if name is None or any(is_title_word(w) or not is_name_token(w) for w in name.split()):
        return None
    if known_body(name) is not None:
        return None
    if title is not None:
        words = title.split()
        if not is_title_word(words[-1]) or any(w.lower() in STOPWORDS for w in words):
            return None
    described_title = described.title if described is not None else None
    if described_title is not None and described_title != who.strip():
        described_title = None  # only part of the words read as a title: they describe, they do not title
    parts = [t for t in (described_title, title) if t]
    return _Speaker(name, ", ".join(parts) or None, verb)


def _titled_speaker(who: str, verb: str, strict: bool) -> _Speaker | None:
    """'[title] Name' (or a title alone) from the speaker words."""
    title, name = split_title_and_name(who, min_tokens=1)
    if name is None:
        words = who.split()
        ok, fitted = _title_suffix(who, strict)
        if words and is_title_word(words[-1]) and ok and fitted:
            return _Speaker(None, fitted, verb)
        return None
    if title is None:
        return _Speaker(name, None, verb)
    ok, fitted = _title_suffix(title, strict)
    if not ok:
        return None
    return _Speaker(name, fitted, verb)


def _appositive(appos: str, tail: str) -> str | None:
    """The title after the name; the lazy match may have left its end in the tail ('Ruokaviraston | ylitarkastaja')."""
    longer = _appositive_title(appos + tail) if tail else None
    longer_words = longer.lower().split() if longer else []
    if longer_words and (is_title_word(longer_words[-1]) or _BODY_CONNECTIVES & set(longer_words)):
        return longer
    return _appositive_title(appos)


def _speaker_of(match: re.Match[str], strict: bool) -> _Speaker | None:
    """The speaker of an attribution match; the tail belongs to the speaker words only when the verb precedes them."""
    verb_first = match.start("verb") < match.start("who")
    tail = match.group("tail") if verb_first else ""
    return _speaker(match.group("who"), _verb(match.group("verb")), strict, appos=match.group("appos"), tail=tail)


def _appositive_title(appos: str) -> str | None:
    """'Minister of Agriculture and Forestry' after the name; 'Director at Business Finland' -> 'Director'."""
    text = _APPOS_CUT_RE.sub("", _LEADING_ARTICLE_RE.sub("", appos.strip()))
    words = text.split()
    if not words or words[-1].endswith("-"):
        return None
    for i, word in enumerate(words):
        lower = word.lower()
        joins = lower in ("ja", "och", "and") and i > 0 and (words[i - 1].endswith("-") or is_title_word(words[i - 1]))
        if lower in STOPWORDS and lower not in CONNECTIVES and not joins:
            return None  # a clause, not a title: "joka johtaa työryhmää"
    ok, fitted = _title_suffix(text, strict=True)
    if ok and fitted:
        return fitted
    return text if is_title_word(words[0]) else None


def _according_speaker(before: str, after: str, inner: str) -> _Speaker | None:
    """'Ulkoministeri Vuoren mukaan ”...”.' / 'According to Minister X, “...”': the speaker before the quote.

    Such a quotation is part of the reporter's sentence, so it must end that
    sentence; otherwise it is a quoted term ('X:n mukaan ”Uusi alku” -ohjelma ...').
    A lone word ('Vuoren', 'Tutkimuksen') is kept only when the body names the
    person in full, since many genitives before 'mukaan' are documents or bodies.
    """
    if not _ENDS_SENTENCE_RE.match(after):
        return None
    if not (after[:1] in ".!?…" or _SENTENCE_PUNCT_END_RE.search(inner) or not after.strip()):
        return None
    line = _last_line(before)
    genitive = _ACCORDING_FI_RE.search(before, line)
    match = genitive or _ACCORDING_RE.search(before, line)
    if match is None or known_body(match.group("who"), places=True) is not None:
        return None
    title, name = _title_and_name_before(match.group("who"))
    if name is None:
        return None
    confirm = title is None
    return _Speaker(name, title, _verb(match.group("verb")).lower(), genitive=genitive is not None, confirm=confirm)


def _title_and_name_before(who: str) -> tuple[str | None, str | None]:
    """'tuesta ulkoministeri Vuoren' -> ('ulkoministeri', 'Vuoren'): only title words right before the name count."""
    title, name = split_title_and_name(who.strip(), min_tokens=1)
    if name is None or any(is_title_word(w) for w in name.split()):
        return None, None
    if title is None:
        return None, name
    words = title.split()
    begin = len(words)
    while begin > 0 and _title_word_before_name(words, begin - 1):
        begin -= 1
    if begin == len(words) or not is_title_word(words[-1]):
        return None, name
    return " ".join(words[begin:]), name


def _title_word_before_name(words: list[str], i: int) -> bool:
    """A word of a title phrase: a title ('ulkoministeri') or an organisation's genitive ('THL:n', 'ministeriön').

    Passive verbs also end in -n, but after a long vowel ('keskusteltiin',
    'todetaan'); genitives of bodies end in a short vowel + n.
    """
    word = words[i]
    lower = word.lower()
    if is_title_word(word) or _GENITIVE_ACRONYM_RE.match(word) or lower in ("of", "for", "the", "för"):
        return True
    if lower in ("ja", "och", "and"):
        return i > 0 and (words[i - 1].endswith("-") or is_title_word(words[i - 1]))
    if word.endswith("-"):
        return i + 1 < len(words)
    genitive = lower.endswith("n") and not lower.endswith("nen") and not _LONG_VOWEL_N_RE.search(lower)
    return genitive and (word[:1].islower() or is_name_token(word))


def _verb(text: str) -> str:
    """Normalise 'points  out' to single spaces."""
    return " ".join(text.split())


# --- dash units -------------------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    """One dash paragraph (or the continuation of one after an attribution)."""

    start: int
    end: int
    block: int
    at_block_start: bool
    at_block_end: bool
    speaker: _Speaker | None = None
    quote_end: int | None = None  # end of quoted words when the attribution is inside the unit


@dataclass(slots=True)
class _Group:
    """Units that make one quote: their shared speaker is on one of them (or an introduction)."""

    speaker: _Speaker
    units: list[_Unit] = field(default_factory=list)


def _line_spans(block: Block) -> list[tuple[int, int]]:
    """Body offsets of the lines of a block."""
    spans = []
    pos = block.start
    for line in block.text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _dash_units(body: str, index: int, block: Block) -> list[_Unit]:
    """Dash-led stretches of a block: from a '– ' line to the next one or the block end."""
    starts: list[int] = []
    for line_start, line_end in _line_spans(block):
        match = _DASH_LINE_RE.match(body[line_start:line_end])
        if match:
            starts.append(line_start + match.end())
    units: list[_Unit] = []
    for i, content_start in enumerate(starts):
        limit = _previous_line_end(body, starts[i + 1]) if i + 1 < len(starts) else block.end
        for piece_start, piece_end in _inline_pieces(body, content_start, limit):
            units.append(_Unit(piece_start, piece_end, index, False, False))
    if units:
        first_line = _DASH_LINE_RE.match(block.text)
        units[0].at_block_start = first_line is not None and block.start + first_line.end() == units[0].start
        units[-1].at_block_end = True
    return units


def _previous_line_end(body: str, content_start: int) -> int:
    """The end of the line before the dash line that starts at (or just before) ``content_start``."""
    return body.rfind("\n", 0, content_start)


def _inline_pieces(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a unit at '. – ' where a second dash quote starts mid-paragraph; trim each piece."""
    text = body[start:end]
    pos = 0
    for match in _INLINE_DASH_RE.finditer(text):
        yield _trim(body, start + pos, start + match.start())
        pos = match.end()
    yield _trim(body, start + pos, end)


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace (including no-break spaces) from a span."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _attribution(body: str, unit: _Unit) -> tuple[_Speaker, int, int] | None:
    """The first attribution inside a unit: (speaker, end of quoted words, end of attribution)."""
    text = body[unit.start : unit.end]
    best: tuple[int, _Speaker, int, int] | None = None
    for pattern in (_ATTR_AFTER_RE, _ATTR_BEFORE_RE, _ATTR_BEFORE_APPOS_RE):
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[0]:
                break
            speaker = _speaker_of(match, strict=True)
            if speaker is None:
                continue
            punct = match.group("punct")
            quote_end = match.start() if punct == "," else match.end("punct")
            best = (match.start(), speaker, unit.start + quote_end, unit.start + match.end())
            break
    if best is None or best[2] <= unit.start:
        return None
    return best[1], best[2], best[3]


def _attributed_units(body: str, units: list[_Unit]) -> list[_Unit]:
    """Find each unit's attribution; text after an attribution becomes a continuation unit."""
    out: list[_Unit] = []
    queue = list(units)
    while queue:
        unit = queue.pop(0)
        found = _attribution(body, unit)
        if found is None:
            out.append(unit)
            continue
        unit.speaker, unit.quote_end, attr_end = found
        rest_start, rest_end = _trim(body, attr_end, unit.end)
        at_end = unit.at_block_end
        if rest_start < rest_end:
            unit.at_block_end = False
            queue.insert(0, _Unit(rest_start, rest_end, unit.block, False, at_end))
        out.append(unit)
    return out


def _consecutive(prev: _Unit, unit: _Unit) -> bool:
    """Units of one run: same block, or adjacent blocks with nothing else between them."""
    if prev.block == unit.block:
        return True
    return unit.block == prev.block + 1 and prev.at_block_end and unit.at_block_start


def _runs(units: list[_Unit]) -> list[list[_Unit]]:
    """Split the units into runs of consecutive dash paragraphs."""
    runs: list[list[_Unit]] = []
    for unit in units:
        if runs and _consecutive(runs[-1][-1], unit):
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs


def _intro_speaker(body: str, blocks: Sequence[Block], unit: _Unit) -> _Speaker | None:
    """'Ministeri X sanoo:' in the paragraph (or line) just before a run introduces its speaker."""
    block = blocks[unit.block]
    if unit.at_block_start:
        if unit.block == 0:
            return None
        before = blocks[unit.block - 1].text
    else:
        before = body[block.start : unit.start]
        before = before[: before.rfind("\n")] if "\n" in before else ""
    before = before.rstrip()
    if not before.endswith(":"):  # an introduction ends with its colon: no need to search the paragraph
        return None
    match = _INTRO_RE.search(before.rsplit("\n", 1)[-1])
    if match is None:
        return None
    return _introduced(match)


def _introduced(match: re.Match[str]) -> _Speaker | None:
    """The speaker of an introduction ('Ministeri X vakuuttaa, että ...:').

    A lone capitalised word opening the line that the dictionary knows as a common
    word ('Hallitus vakuuttaa, että ...:') is kept only when the release names a
    person with it in full; an unknown one ('Lintilä toteaa:') is a surname as before.
    A body the gazetteer knows ('Business Finland kertoo:') is no speaker.
    """
    clause = match.group("clause")
    if clause and clause.split()[-1].lower() in _LIST_OPENERS:
        return None  # 'X kertoo, että hankkeen vaiheet ovat:' opens a list, not speech
    speaker = _speaker(match.group("who"), _verb(match.group("verb")), strict=False)
    if speaker is None or speaker.name is None:
        return speaker
    if known_body(speaker.name) is not None:
        return None
    if speaker.title is None and " " not in speaker.name and _common_word(speaker.name):
        return _Speaker(speaker.name, None, speaker.verb, confirm=True)
    return speaker


def _common_word(word: str) -> bool:
    """Whether a dictionary of fi/sv/en lists the word in lower case ('Hallitus', 'Ministeriet')."""
    return any(known_lemma(word.lower(), lang) is not None for lang in ("fi", "sv", "en"))


def _reads_as_speech(body: str, units: list[_Unit]) -> bool:
    """Dash paragraphs under an introduction are speech when they read as sentences.

    The first opens with a capital (or a digit or a quotation mark) and the last ends
    with a sentence end: '- parantaa palveluja' / '- lisätä yhteistyötä' under a colon is a list.
    """
    if not units:
        return True
    first = body[units[0].start : units[0].start + 1]
    last = body[units[-1].end - 1 : units[-1].end]
    return (first.isupper() or first.isdigit() or first in '"”“«') and last in '.!?…"”»'


def _groups(body: str, blocks: Sequence[Block], run: list[_Unit]) -> list[_Group]:
    """Attach unattributed dash paragraphs to the attributed one before them, else the one after."""
    groups: list[_Group] = []
    current: _Group | None = None
    intro = _intro_speaker(body, blocks, run[0]) if run[0].speaker is None else None
    if intro is not None and not _reads_as_speech(body, list(takewhile(lambda u: u.speaker is None, run))):
        intro = None
    if intro is not None:
        current = _Group(intro)
        groups.append(current)
    pending: list[_Unit] = []
    for unit in run:
        if unit.speaker is not None:
            current = _Group(unit.speaker, pending + [unit])
            pending = []
            groups.append(current)
        elif current is not None:
            current.units.append(unit)
        else:
            pending.append(unit)
    return [g for g in groups if g.units]


def _group_span(group: _Group) -> tuple[int, int]:
    """From the first quoted word to the last; the closing attribution is left out."""
    last = group.units[-1]
    end = last.quote_end if last.quote_end is not None else last.end
    return group.units[0].start, end


# --- quotation marks ----------------------------------------------------------------------


def _marked_quotes(body: str, blocks: Sequence[Block], taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, _Speaker]]:
    """'”...”, ministeri sanoo.', '“...,” said X.', 'X sanoo: ”...”' outside dash quotes."""
    taken = sorted(taken)
    taken_starts = [s for s, _ in taken]
    for block in blocks:
        if block.kind == "heading":
            continue
        for match in _quotations(block.text):
            start = block.start + match.start("inner")
            end = block.start + match.end("inner")
            i = bisect_left(taken_starts, end) - 1  # the dash quote starting last before this one ends
            if i >= 0 and max(e for _, e in taken[max(0, i - 1) : i + 1]) > start:
                continue
            if len(match.group("inner").split()) < 2:
                continue
            before, after = _windows(block.text, match)
            # A quotation opens a sentence: after a sentence end, a colon or a dash, or at the start of a line.
            opens = _QUOTE_OPENS_RE.search(before, _last_line(before)) or before.rstrip(" \t\u00a0").endswith("\n")
            speaker = _marked_speaker(before, after, match.group("inner")) if opens else None
            if speaker is None:  # inside the reporter's sentence: 'X:n mukaan ”...”', 'according to X, “...”'
                speaker = _according_speaker(before, after, match.group("inner"))
            if speaker is None:
                continue
            start, end = _trim(body, start, end)
            while end > start and body[end - 1] in ",;:":
                end -= 1
            start, end = _trim(body, start, end)
            if end > start:
                yield start, end, speaker


def _quotations(text: str) -> list[re.Match[str]]:
    """Double-quoted passages, and single-quoted ones that are not inside a double-quoted one, in text order."""
    double = list(_QUOTED_RE.finditer(text))
    if "‘" not in text and "’" not in text:
        return double
    ends = [m.end() for m in double]
    starts = [m.start() for m in double]
    single = []
    for match in _SINGLE_QUOTED_RE.finditer(text):
        i = bisect_left(starts, match.start() + 1) - 1  # the double quotation opening last before this one
        if i >= 0 and ends[i] > match.start():
            continue  # “... ‘a quote inside a quote’ ...”
        single.append(match)
    return sorted(double + single, key=lambda m: m.start())


def _last_line(text: str) -> int:
    """Where the last line of ``text`` starts, a newline ending ``text`` not counted.

    The 'according to' patterns end at ``$`` (the end, or just before a final
    newline) and hold no line break, so searching from here finds what a
    search of the whole text finds, without trying every earlier position of
    a long paragraph first; so does _QUOTE_OPENS_RE, whose ``^`` matches only
    at the text start.
    """
    return text.rfind("\n", 0, len(text) - 1) + 1


def _windows(text: str, match: re.Match[str]) -> tuple[str, str]:
    """The text before the opening mark (its line) and after the closing one, each at most a window long.

    Every pattern tried on them reads a bounded number of words next to the
    marks, so a paragraph of many quotations is not copied and searched in full
    for each. A window cut inside a long line is fenced with '(' (before) or a
    line break and '(' (after), which no speaker word, sentence end or line
    start can cross or mistake for the text's own start or end.
    """
    low = max(0, match.start() - _MARK_WINDOW)
    newline = text.rfind("\n", low, match.start() - 1)
    before = text[newline + 1 if newline >= 0 else low : match.start()]
    if newline < 0 and low > 0:
        before = "(" + before
    after = text[match.end() : match.end() + _MARK_WINDOW]
    if match.end() + _MARK_WINDOW < len(text):
        after += "\n("
    return before, after


def _marked_speaker(before: str, after: str, inner: str) -> _Speaker | None:
    """The attribution after the closing mark, else an introduction before the opening one.

    After an introduction with a clause ('X kertoo, että ohjelman nimi on: ”Uusi alku”.') a
    short quotation without a sentence end is a name quoted, not words said.
    """
    for pattern in (_CLOSE_AFTER_RE, _CLOSE_BEFORE_RE, _CLOSE_BEFORE_APPOS_RE):
        found = pattern.match(after)
        if found:
            speaker = _speaker_of(found, strict=True)
            if speaker is not None:
                return speaker
    before = before.rstrip()
    intro = _INTRO_RE.search(before) if before.endswith(":") else None  # an introduction ends with its colon
    if intro is None:
        return None
    if intro.group("clause") and not (_SENTENCE_PUNCT_END_RE.search(inner) or len(inner.split()) >= _MIN_SPEECH_WORDS):
        return None
    return _introduced(intro)


# --- speaker resolution -------------------------------------------------------------------


def _body_tokens(body: str) -> list[tuple[str, bool]]:
    """Words of the body with punctuation stripped, each flagged when it starts a sentence."""
    raws = body.split()  # the same words as r"\S+" finds (both split on str.isspace), several times faster
    starts = [True]
    starts += [raw[-1] in ".!?:" or raw in _DASH_TOKENS for raw in raws[:-1]]
    return list(zip([raw.strip(_STRIP_TOKEN) for raw in raws], starts))


class _Tokens:
    """The body's words, split on first use only, with the look-ups the resolver makes.

    Most speakers are named in full where they are quoted; only a surname, a
    title or a genitive alone sends the resolver looking through the whole
    body, so splitting every body up front would be wasted on most pages. The
    words are indexed once (by their beginnings, by the genitives a surname
    takes) and each title looked for once, so a page of many quotations is not
    read through again for each of them.
    """

    __slots__ = ("_body", "_tokens", "_prefixes", "_genitive_index", "_memo")

    def __init__(self, body: str) -> None:
        self._body = body
        self._tokens: list[tuple[str, bool]] | None = None
        self._prefixes: dict[str, list[int]] | None = None
        self._genitive_index: dict[str, list[int]] | None = None
        self._memo: dict[tuple[str, str], str | None] = {}

    def get(self) -> list[tuple[str, bool]]:
        """The words as :func:`_body_tokens` gives them."""
        if self._tokens is None:
            self._tokens = _body_tokens(self._body)
        return self._tokens

    def starting_with(self, surname: str) -> list[int]:
        """Indexes of the words that are ``surname`` plus at most an inflection's few letters."""
        if self._prefixes is None:
            self._prefixes = {}
            for j, (word, _) in enumerate(self.get()):
                for cut in range(min(_MAX_INFLECTION, len(word) - 1) + 1):
                    self._prefixes.setdefault(word[: len(word) - cut], []).append(j)
        return self._prefixes.get(surname, [])

    def inflecting_to(self, genitive: str) -> list[int]:
        """Indexes of the capitalised words whose genitive is ``genitive`` ('Vuori' for 'Vuoren')."""
        if self._genitive_index is None:
            self._genitive_index = {}
            for j, (word, _) in enumerate(self.get()):
                if is_name_token(word):
                    for form in _genitives(word):
                        self._genitive_index.setdefault(form, []).append(j)
        return self._genitive_index.get(genitive, [])

    def memo(self, key: tuple[str, str], compute: Callable[[], str | None]) -> str | None:
        """``compute()``, once per key."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


def _full_name_for_surname(surname: str, previous: list[Quote], body_tokens: _Tokens) -> str | None:
    """'Lintilä sanoo' -> 'Mika Lintilä' from an earlier quote or a 'title Firstname Lastname' mention."""
    for quote in reversed(previous[-_RECENT_QUOTES:]):
        if quote.speaker and quote.speaker != surname and quote.speaker.endswith(" " + surname):
            return quote.speaker
    return body_tokens.memo(("surname", surname), lambda: _surname_in_body(surname, body_tokens))


def _surname_in_body(surname: str, body_tokens: _Tokens) -> str | None:
    """'Firstname Surname' written in the body, a title before it preferred."""
    tokens = body_tokens.get()
    best: tuple[int, str] | None = None
    for i in [j - 1 for j in body_tokens.starting_with(surname) if j >= 1]:
        first, first_starts = tokens[i]
        if not is_name_token(first):
            continue
        if is_title_word(first) or first.lower() in STOPWORDS or first == surname:
            continue
        before = tokens[i - 1][0] if i > 0 else ""
        rank = 0 if (before and is_title_word(before)) else (1 if not first_starts else 2)
        if best is None or rank < best[0]:
            best = (rank, f"{first} {surname}")
    return best[1] if best else None


def _name_for_title(title: str, previous: list[Quote], body_tokens: _Tokens) -> str | None:
    """'ministeri sanoo' -> the minister named elsewhere ('elinkeinoministeri Mika Lintilä')."""
    head = _indefinite(title.split()[-1].lower())  # 'berättar ministern': the minister named elsewhere
    for quote in reversed(previous[-_RECENT_QUOTES:]):
        if quote.speaker and quote.speaker_title and quote.speaker_title.lower().endswith(head):
            return quote.speaker
    return body_tokens.memo(("title", head), lambda: _titled_name_in_body(head, body_tokens.get()))


# Swedish definite forms of title words: 'ministern', 'direktören', 'chefen' name the 'minister' introduced before.
_SV_DEFINITE_ENDINGS = (("ministern", 1), ("direktören", 2), ("chefen", 2), ("sekreteraren", 1), ("rådgivaren", 1), ("ordföranden", 1))


def _indefinite(word: str) -> str:
    for ending, cut in _SV_DEFINITE_ENDINGS:
        if word.endswith(ending):
            return word[:-cut]
    return word


def _titled_name_in_body(head: str, tokens: list[tuple[str, bool]]) -> str | None:
    """The first 'title Firstname Lastname' in the body whose title ends with ``head``."""
    for i in [j for j in range(len(tokens) - 2) if tokens[j][0].lower().endswith(head)]:
        if is_name_token(tokens[i + 1][0]) and is_name_token(tokens[i + 2][0]):
            return f"{tokens[i + 1][0]} {tokens[i + 2][0]}"
    return None


def _resolve(speaker: _Speaker, previous: list[Quote], tokens: _Tokens) -> tuple[str | None, str | None]:
    """Fill in a name the attribution only hinted at (surname, title, pronoun or genitive)."""
    if speaker.pronoun:
        return (previous[-1].speaker if previous else None), None
    if speaker.name is None:
        return (_name_for_title(speaker.title, previous, tokens) if speaker.title else None), speaker.title
    if speaker.genitive:
        return _resolve_genitive(speaker, previous, tokens)
    if " " not in speaker.name and "-" not in speaker.name.strip("-"):
        full = _full_name_for_surname(speaker.name, previous, tokens)
        if full is None and speaker.confirm:
            return None, None
        return (full or speaker.name), speaker.title
    return speaker.name, speaker.title


def _resolve_genitive(speaker: _Speaker, previous: list[Quote], tokens: _Tokens) -> tuple[str | None, str | None]:
    """'Vuoren mukaan' -> 'Sanna Vuori' from a fuller mention; with a title, a best guess at the nominative."""
    words = (speaker.name or "").split()
    if not words:
        return None, speaker.title
    full = _full_name_for_genitive(words[-1], words[:-1], previous, tokens)
    if full is not None:
        return full, speaker.title
    if speaker.confirm:
        return None, None
    return " ".join(words[:-1] + [_guess_nominative(words[-1])]), speaker.title


def _full_name_for_genitive(genitive: str, first: list[str], previous: list[Quote], body_tokens: _Tokens) -> str | None:
    """A 'Firstname Surname' (earlier speaker or body mention) whose surname inflects to ``genitive``."""
    for quote in reversed(previous[-_RECENT_QUOTES:]):
        names = (quote.speaker or "").split()
        if len(names) >= 2 and genitive in _genitives(names[-1]) and (not first or names[:-1] == first):
            return quote.speaker
    key = ("genitive", " ".join(first[-1:] + [genitive]))
    return body_tokens.memo(key, lambda: _genitive_in_body(genitive, first, body_tokens))


def _genitive_in_body(genitive: str, first: list[str], body_tokens: _Tokens) -> str | None:
    """'Firstname Surname' in the body whose surname inflects to ``genitive``, a title before it preferred."""
    tokens = body_tokens.get()
    best: tuple[int, str] | None = None
    for i in [j - 1 for j in body_tokens.inflecting_to(genitive) if j >= 1]:
        given, given_starts = tokens[i]
        last = tokens[i + 1][0]
        if not is_name_token(given):
            continue
        if is_title_word(given) or given.lower() in STOPWORDS or (first and [given] != first[-1:]):
            continue
        before = tokens[i - 1][0] if i > 0 else ""
        rank = 0 if (before and is_title_word(before)) else (1 if not given_starts else 2)
        if best is None or rank < best[0]:
            best = (rank, f"{given} {last}")
    return best[1] if best else None


def _genitives(surname: str) -> frozenset[str]:
    """Genitives a Finnish-style surname can take: Virtanen -> Virtasen, Vuori -> Vuoren, Lahti -> Lahden, Stubb -> Stubbin."""
    if len(surname) < 2:
        return frozenset()
    forms: set[str] = set()
    if surname.endswith("nen"):
        forms.add(surname[:-3] + "sen")
    elif surname[-1].lower() in _VOWELS:
        forms.add(surname + "n")
        if len(surname) >= 3 and surname[-2] == surname[-3] and surname[-2] in "kpt":
            forms.add(surname[:-2] + surname[-1] + "n")  # Saarikko -> Saarikon
        if surname.endswith("i"):
            stem = surname[:-1]
            forms.add(stem + "en")
            for strong, weak in _I_STEM_GRADATION:
                if stem.endswith(strong):
                    forms.add(stem[: len(stem) - len(strong)] + weak + "en")
    else:
        forms.add(surname + "in")
        if surname.endswith("s"):
            forms.add(surname[:-1] + "ksen")  # Kallas -> Kallaksen
    return frozenset(forms)


def _guess_nominative(genitive: str) -> str:
    """Undo the commonest genitive endings when no nominative is written anywhere: Virtasen -> Virtanen, Vuoren -> Vuori."""
    if genitive.endswith("sen") and len(genitive) > 4:
        return genitive[:-3] + "nen"
    if genitive.endswith("den") and len(genitive) > 4:
        return genitive[:-3] + "ti"  # Lahden -> Lahti
    if genitive.endswith("en") and len(genitive) > 3:
        return genitive[:-2] + "i"
    if genitive.endswith("n") and len(genitive) > 2 and genitive[-2].lower() in _VOWELS:
        return genitive[:-1]
    return genitive


# --- entry point ----------------------------------------------------------------------------


def find_quotes(body: str, blocks: Sequence[Block], language: str = "fi") -> list[Quote]:
    """Quotes of a release in body order.

    ``language`` is accepted for API symmetry: verbs of all three languages are
    always tried, since Finnish releases quote Swedish- and English-speaking
    people verbatim.
    """
    units: list[_Unit] = []
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            units.extend(_dash_units(body, index, block))
    units = _attributed_units(body, units)
    found: list[tuple[int, int, _Speaker]] = []
    for run in _runs(units):
        for group in _groups(body, blocks, run):
            start, end = _group_span(group)
            if end > start:
                found.append((start, end, group.speaker))
    found.extend(_marked_quotes(body, blocks, [(s, e) for s, e, _ in found]))
    found.sort(key=lambda item: item[0])
    tokens = _Tokens(body)
    quotes: list[Quote] = []
    for start, end, speaker in found:
        name, title = _resolve(speaker, quotes, tokens)
        if name is None and title is None:
            continue
        quotes.append(Quote(text=body[start:end], start=start, end=end, speaker=name, speaker_title=_written_title(title), verb=speaker.verb))
    return quotes


def _written_title(title: str | None) -> str | None:
    """A speaker's title in lower case ('Prime Minister' -> 'prime minister'); acronyms stay ('THL:n pääjohtaja')."""
    if title is None:
        return None
    return " ".join(word if word[1:2].isupper() else word.lower() for word in title.split())
