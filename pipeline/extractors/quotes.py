"""Quote extraction: words attributed to a named speaker.

Finnish releases quote with a dash paragraph ending in an attribution
(``– Suomi on ..., elinkeinoministeri Mika Lintilä sanoo.``); Swedish and
English pages do the same (``säger``, ``says``) or use quotation marks. A
quote may run over several dash paragraphs of which only one names the
speaker, so dash paragraphs are collected into runs first and attributed
afterwards. Only words actually quoted count: reported speech (``Hallitus
toteaa, että ...``) has no dash or quotation mark and is never a quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from models.mentions import Quote
from pipeline.document import Block
from pipeline.extractors.contacts import (
    CONNECTIVES,
    STOPWORDS,
    is_name_token,
    is_title_word,
    split_title_and_name,
)

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

_S = r"[ \t\u00a0]"
# One word of a speaker phrase: no sentence punctuation or quote marks ("THL:n" keeps its colon).
_TOK = r"(?:[^\s,.;:!?”\"»“«„()\[\]–—]|:(?=\w))+"
_WHO = _TOK + r"(?:" + _S + r"+" + _TOK + r"){0,8}?"
_TAIL = r"(?P<tail>(?:" + _S + r"+[a-zåäöé][\w-]*){0,3}?)"
_END = r"(?P<end>[.!?…](?=[\s\"”»]|$)|$)"

# "..., elinkeinoministeri Mika Lintilä sanoo."  /  "..., Lintilä sanoo tiedotteessa."
_ATTR_AFTER_RE = re.compile(
    r"(?P<punct>,|[!?…])" + _S + r"+(?P<who>" + _WHO + r")" + _S + r"+(?P<verb>" + _VERB + r")\b" + _TAIL + _S + r"*" + _END
)
# "..., sanoo elinkeinoministeri Mika Lintilä (tiedotteessa)."
_ATTR_BEFORE_RE = re.compile(
    r"(?P<punct>,|[!?…])" + _S + r"+(?P<verb>" + _VERB + r")" + _S + r"+(?P<who>" + _WHO + r")" + _TAIL + _S + r"*" + _END
)
# After a closing quotation mark: '”...”, ministeri sanoo.' / '“...,” said Minister X.'
_CLOSE_AFTER_RE = re.compile(
    r"^" + _S + r"*,?" + _S + r"*(?P<who>" + _WHO + r")" + _S + r"+(?P<verb>" + _VERB + r")\b" + _TAIL + _S + r"*" + _END
)
_CLOSE_BEFORE_RE = re.compile(
    r"^" + _S + r"*,?" + _S + r"*(?P<verb>" + _VERB + r")" + _S + r"+(?P<who>" + _WHO + r")" + _TAIL + _S + r"*" + _END
)
# An introduction: "Ministeri Mika Lintilä sanoo:" before a quotation or dash paragraph.
_INTRO_RE = re.compile(
    r"(?P<who>" + _TOK + r"(?:" + _S + r"+" + _TOK + r"){0,8})" + _S + r"+(?P<verb>" + _VERB + r")\b"
    r"(?:" + _S + r"+[a-zåäöé][\w-]*){0,3}?" + _S + r"*:" + _S + r"*$"
)

_DASH_LINE_RE = re.compile(r"^[ \t\u00a0]*[–—―‒-][ \t\u00a0]+(?=\S)")
# A new dash quote inside a paragraph: "... sanoo. – Toinen lainaus ..."
_INLINE_DASH_RE = re.compile(r"(?<=[.!?”\"])[ \t\u00a0]+[–—][ \t\u00a0]+(?=[A-ZÅÄÖ0-9\"”«])")
_QUOTED_RE = re.compile(r"(?P<open>[”\"“«»„])(?P<inner>[^”\"“«»„\n]{2,}?)(?P<close>[”\"»«“])")
# Quoted speech opens a sentence (or follows an introduction's colon or a dash).
_QUOTE_OPENS_RE = re.compile(r"(?:^|[.!?:…–—])[ \t\u00a0]*$")
_TOKEN_RE = re.compile(r"\S+")
_STRIP_TOKEN = ".,;:!?()\"”“«»'’"

_PRONOUNS = frozenset({"hän", "han", "hon", "he", "she"})
_GENITIVE_ACRONYM_RE = re.compile(r"^[A-ZÅÄÖ]{2,}:n$")
_MAX_TITLE_TOKENS = 7


# --- speaker phrases --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Speaker:
    """Who an attribution names; ``pronoun`` means "the previous speaker"."""

    name: str | None
    title: str | None
    verb: str
    pronoun: bool = False


def _title_token_ok(token: str, first: bool) -> bool:
    """A word that can stand in a title before a name: 'elinkeinoministeri', 'THL:n', 'Suomen Pankin'."""
    lower = token.lower()
    if first and lower in STOPWORDS:
        return False
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
    begin = len(matches)
    while begin > 0 and _title_token_ok(matches[begin - 1].group(), first=False):
        begin -= 1
    while begin < len(matches) and not _title_token_ok(matches[begin].group(), first=True):
        begin += 1
    if strict and begin != 0:
        return False, None
    if begin == len(matches):
        return (not strict), None
    last = matches[-1].group()
    if not (is_title_word(last) or (last[:1].islower() and last.lower() not in STOPWORDS) or _GENITIVE_ACRONYM_RE.match(last)):
        return False, None
    return True, title[matches[begin].start() :].strip()


def _speaker(who: str, verb: str, strict: bool) -> _Speaker | None:
    """Read '[title] Name' from an attribution; None when it does not name anyone."""
    who = who.strip()
    if who.lower() in _PRONOUNS:
        return _Speaker(None, None, verb, pronoun=True)
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
        units[0].at_block_start = bool(first_line) and block.start + first_line.end() == units[0].start
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
    for pattern in (_ATTR_AFTER_RE, _ATTR_BEFORE_RE):
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[0]:
                break
            speaker = _speaker(match.group("who"), _verb(match.group("verb")), strict=True)
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
    match = _INTRO_RE.search(before.rsplit("\n", 1)[-1])
    if match is None:
        return None
    return _speaker(match.group("who"), _verb(match.group("verb")), strict=False)


def _groups(body: str, blocks: Sequence[Block], run: list[_Unit]) -> list[_Group]:
    """Attach unattributed dash paragraphs to the attributed one before them, else the one after."""
    groups: list[_Group] = []
    current: _Group | None = None
    intro = _intro_speaker(body, blocks, run[0]) if run[0].speaker is None else None
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
    for block in blocks:
        if block.kind == "heading":
            continue
        for match in _QUOTED_RE.finditer(block.text):
            start = block.start + match.start("inner")
            end = block.start + match.end("inner")
            if any(s < end and start < e for s, e in taken):
                continue
            if not _QUOTE_OPENS_RE.search(block.text[: match.start()]) or len(match.group("inner").split()) < 2:
                continue  # a quoted term inside the reporter's own sentence, not quoted speech
            speaker = _marked_speaker(block.text, match)
            if speaker is None:
                continue
            start, end = _trim(body, start, end)
            while end > start and body[end - 1] in ",;:":
                end -= 1
            start, end = _trim(body, start, end)
            if end > start:
                yield start, end, speaker


def _marked_speaker(text: str, match: re.Match[str]) -> _Speaker | None:
    """The attribution after the closing mark, else an introduction before the opening one."""
    after = text[match.end() :]
    for pattern in (_CLOSE_AFTER_RE, _CLOSE_BEFORE_RE):
        found = pattern.match(after)
        if found:
            speaker = _speaker(found.group("who"), _verb(found.group("verb")), strict=True)
            if speaker is not None:
                return speaker
    before = text[: match.start()].rstrip()
    intro = _INTRO_RE.search(before)
    if intro is not None:
        return _speaker(intro.group("who"), _verb(intro.group("verb")), strict=False)
    return None


# --- speaker resolution -------------------------------------------------------------------


def _body_tokens(body: str) -> list[tuple[str, bool]]:
    """Words of the body with punctuation stripped, each flagged when it starts a sentence."""
    tokens: list[tuple[str, bool]] = []
    sentence_start = True
    for match in _TOKEN_RE.finditer(body):
        raw = match.group()
        tokens.append((raw.strip(_STRIP_TOKEN), sentence_start))
        sentence_start = raw.endswith((".", "!", "?", ":")) or raw in ("–", "—", "-")
    return tokens


def _full_name_for_surname(surname: str, previous: list[Quote], tokens: list[tuple[str, bool]]) -> str | None:
    """'Lintilä sanoo' -> 'Mika Lintilä' from an earlier quote or a 'title Firstname Lastname' mention."""
    for quote in reversed(previous):
        if quote.speaker and quote.speaker != surname and quote.speaker.endswith(" " + surname):
            return quote.speaker
    best: tuple[int, str] | None = None
    for i in range(len(tokens) - 1):
        first, first_starts = tokens[i]
        last, _ = tokens[i + 1]
        if not (last.startswith(surname) and len(last) - len(surname) <= 4 and is_name_token(first)):
            continue
        if is_title_word(first) or first.lower() in STOPWORDS or first == surname:
            continue
        before = tokens[i - 1][0] if i > 0 else ""
        rank = 0 if (before and is_title_word(before)) else (1 if not first_starts else 2)
        if best is None or rank < best[0]:
            best = (rank, f"{first} {surname}")
    return best[1] if best else None


def _name_for_title(title: str, previous: list[Quote], tokens: list[tuple[str, bool]]) -> str | None:
    """'ministeri sanoo' -> the minister named elsewhere ('elinkeinoministeri Mika Lintilä')."""
    head = title.split()[-1].lower()
    for quote in reversed(previous):
        if quote.speaker and quote.speaker_title and quote.speaker_title.lower().endswith(head):
            return quote.speaker
    for i in range(len(tokens) - 2):
        word = tokens[i][0].lower()
        if word.endswith(head) and is_name_token(tokens[i + 1][0]) and is_name_token(tokens[i + 2][0]):
            return f"{tokens[i + 1][0]} {tokens[i + 2][0]}"
    return None


def _resolve(speaker: _Speaker, previous: list[Quote], tokens: list[tuple[str, bool]]) -> tuple[str | None, str | None]:
    """Fill in a name the attribution only hinted at (surname, title or pronoun)."""
    if speaker.pronoun:
        return (previous[-1].speaker if previous else None), None
    if speaker.name is None:
        return (_name_for_title(speaker.title, previous, tokens) if speaker.title else None), speaker.title
    if " " not in speaker.name and "-" not in speaker.name.strip("-"):
        return (_full_name_for_surname(speaker.name, previous, tokens) or speaker.name), speaker.title
    return speaker.name, speaker.title


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
    tokens = _body_tokens(body)
    quotes: list[Quote] = []
    for start, end, speaker in found:
        name, title = _resolve(speaker, quotes, tokens)
        if name is None and title is None:
            continue
        quotes.append(
            Quote(text=body[start:end], start=start, end=end, speaker=name, speaker_title=title, verb=speaker.verb)
        )
    return quotes
