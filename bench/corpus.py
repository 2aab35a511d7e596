"""A deterministic benchmark corpus: release pages of realistic size built from ``samples/``.

Why generate rather than copy: the samples are a few dozen small pages (1-8 KB),
while pages served by valtioneuvosto.fi weigh 40-80 KB, most of it menus,
inline scripts and styles, icon sprites, a cookie banner and a footer. Speed
figures measured on the bare samples would flatter every extractor, and 2,000
copies of the same page would flatter caches. So the bodies are recombined from
the samples (paragraphs, lists, quotes, tables, contact blocks, sentences of
different releases, with numbers, dates and names varied) and wrapped in a
page template modelled on ``samples/000_adc382a3ab330e0f.html`` with the chrome
of a real page. Everything is drawn from one seeded ``random.Random``, so the
same seed and samples give byte-identical pages.

Every page stays an extractable release: title, publisher line(s),
``Julkaisuajankohta d.m.yyyy hh.mm`` (``Publiceringstid``/``Publication date``),
type line and body, and the manifest keeps what was generated so a benchmark
can check that the extractor still found it.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import lxml.html

GENERATOR_VERSION = "1"
HELSINKI = ZoneInfo("Europe/Helsinki")
LANGUAGE_WEIGHTS = {"fi": 0.7, "sv": 0.15, "en": 0.15}

_TIME_LINE = re.compile(
    r"^(?P<label>Julkaisuajankohta|Julkaistu|Publiceringstid|Publicerad|Publication date|Published)\s*:?\s*"
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:\s+(?:klo\s+)?(?P<h>\d{1,2})[.:](?P<mi>\d{2}))?(?:\s+\S.{0,30})?\s*$",
    re.IGNORECASE,
)
_LABEL_LANGUAGE = {
    "julkaisuajankohta": "fi", "julkaistu": "fi", "publiceringstid": "sv", "publicerad": "sv",
    "publication date": "en", "published": "en",
}
_CONTACT_HEAD = re.compile(
    r"^(?:Lisätiedot|Lisätietoja|Ytterligare information|Mer information|Närmare upplysningar|"
    r"Inquiries|Further information|For further information|More information)\b",
    re.IGNORECASE,
)
_FOOTER_LINE = re.compile(
    r"^(?:Sivun alkuun|Till början av sidan|Back to top|Asiasanat|Ämnesord|Keywords|Jaa|Jaa sivu|Dela|Share)\s*$",
    re.IGNORECASE,
)
_QUOTE_START = re.compile(r"^\s*[–—\"”“]")
_QUOTE_VERB = re.compile(r"\b(?:sanoo|toteaa|kertoo|muistuttaa|korostaa|säger|konstaterar|betonar|says|said|notes|stresses)\b")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d])|(?<![\d.,:/])\d+(?:,\d+)?(?![\d.:/])")
_PHONE = re.compile(r"((?:\+358|\b0)\d{1,3}[ \u00a0-]?\d{2,4}[ \u00a0-]?\d{3,4}\b)")
_PHONE_TAIL = re.compile(r"(?<=[ \u00a0-])\d{3,4}\b|(?<=\d)\d{4}\b")
_EMAIL = re.compile(r"\b[\w.-]+@([\w-]+\.)+\w+\b")
_BULLET = re.compile(r"^\s*[•·\-\*–]\s+")
_WS = re.compile(r"\s+")
_BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "tr", "dt", "dd", "blockquote")
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:share|social|some|cookie|consent|breadcrumbs?|related|tags|keywords|back-to-top|skip|"
    r"language|lang|menu|nav|navigation|footer|search|print)(?:$|[\s_-])",
    re.IGNORECASE,
)


# ---- reading the samples -----------------------------------------------------------------


@dataclass(slots=True)
class Unit:
    """One body element of a sample: what it is and its text (rows/items for tables and lists)."""

    kind: str  # paragraph | quote | heading | list | table | contact
    text: str = ""
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass(slots=True)
class Sample:
    """What one sample release gives the generator."""

    name: str
    language: str
    title: str
    publishers: list[str]
    units: list[Unit]
    names: list[str]


def _clean(text: str) -> str:
    return _WS.sub(" ", text.replace("⟦NBSP⟧", "\u00a0")).strip(" \u00a0\u200b")


def _clean_keep_nbsp(text: str) -> str:
    """Collapse spaces but keep no-break spaces: amounts like ``900\u00a0000 euroa`` depend on them."""
    text = text.replace("⟦NBSP⟧", "\u00a0")
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" \u200b")


def _html_lines(raw: str) -> list[tuple[str, str, int]]:
    """(tag, text, group) for the leaf text blocks of a sample page, chrome removed, in order."""
    root = lxml.html.document_fromstring(raw)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag == "body":
            continue
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if el.tag in ("script", "style", "nav", "form", "button", "footer", "head", "noscript", "svg") or (
            attrs.strip() and _CHROME_ATTR.search(attrs)
        ):
            el.drop_tree()
    out: list[tuple[str, str, int]] = []
    emitted: set[lxml.html.HtmlElement] = set()
    for el in root.iter():
        if not isinstance(el.tag, str) or not _is_line(el) or any(a in emitted for a in el.iterancestors()):
            continue
        emitted.add(el)
        parent = el.getparent()
        if el.tag == "tr":
            cells = [_clean_keep_nbsp(c.text_content()) for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
            table = parent.getparent() if parent.tag in ("tbody", "thead", "tfoot") else parent
            out.append(("tr", "\t".join(cells), id(table)))
            continue
        if el.tag == "p" and any(isinstance(c.tag, str) and c.tag == "br" for c in el):
            out.extend(("p", part, 0) for part in _split_on_br(el))
            continue
        text = _clean_keep_nbsp(el.text_content())
        if text:
            out.append((el.tag, text, id(parent) if el.tag == "li" else 0))
    return out


_CONTAINERS = frozenset({*_BLOCK_TAGS, "div", "ul", "ol", "table", "section", "article", "header"})


def _is_line(el: lxml.html.HtmlElement) -> bool:
    """Whether an element is one visual line: a block tag, a div of inline content, a classed span in a div."""
    if el.tag in _BLOCK_TAGS:
        return True
    if el.tag == "div":
        return not any(isinstance(c.tag, str) and (c.tag in _CONTAINERS or (c.tag == "span" and c.get("class"))) for c in el)
    if el.tag == "span" and el.get("class"):
        parent = el.getparent()
        return parent is not None and parent.tag == "div"
    return False


def _split_on_br(el: lxml.html.HtmlElement) -> list[str]:
    """A ``<p>`` broken by ``<br>`` becomes one line per visual line (contact blocks are written so)."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag == "br":
            parts.append(child.tail or "")
        else:
            parts[-1] += child.text_content() + (child.tail or "")
    return [p for p in (_clean_keep_nbsp(x) for x in parts) if p]


def _text_lines(raw: str) -> list[tuple[str, str, int]]:
    """(tag, text, group) for a copied-text sample: blank-line paragraphs, bullet lines as items."""
    out: list[tuple[str, str, int]] = []
    group = 0
    previous_bullet = False
    for line in raw.replace("⟦NBSP⟧", "\u00a0").splitlines():
        if not line.strip():
            previous_bullet = False
            continue
        if _BULLET.match(line):
            if not previous_bullet:
                group += 1
            out.append(("li", _clean_keep_nbsp(_BULLET.sub("", line)), group))
            previous_bullet = True
        else:
            out.append(("p", _clean_keep_nbsp(line), 0))
            previous_bullet = False
    return out


def _units(lines: Sequence[tuple[str, str, int]]) -> list[Unit]:
    """Group body lines into units: lists with their items, tables with rows, the contact block."""
    units: list[Unit] = []
    i = 0
    while i < len(lines):
        tag, text, group = lines[i]
        if _CONTACT_HEAD.match(text):
            rest = [t for _, t, _ in lines[i:]]
            units.append(Unit("contact", text=rest[0], items=rest[1:]))
            break
        if tag in ("li", "tr"):
            members = []
            while i < len(lines) and lines[i][0] == tag and lines[i][2] == group:
                members.append(lines[i][1])
                i += 1
            if tag == "li":
                units.append(Unit("list", items=members))
            else:
                units.append(Unit("table", rows=[m.split("\t") for m in members]))
            continue
        if tag in ("h2", "h3", "h4"):
            units.append(Unit("heading", text=text))
        elif _QUOTE_START.match(text) or _QUOTE_VERB.search(text):
            units.append(Unit("quote", text=text))
        else:
            units.append(Unit("paragraph", text=text))
        i += 1
    return units


def _names_from_expected(path: Path) -> list[str]:
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    names = [q.get("speaker") for q in data.get("quotes", [])] + [c.get("name") for c in data.get("contacts", [])]
    names += [e.get("lemma") for e in data.get("entities", []) if e.get("label") == "PERSON"]
    return sorted({n for n in names if n and " " in n})


def read_sample(path: Path) -> Sample | None:
    """One sample (``.html`` or ``.txt``) as title, publishers, language and body units; None if no header."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    lines = _html_lines(raw) if path.suffix.lower() in (".html", ".htm") else _text_lines(raw)
    anchor = next((i for i, (_, t, _) in enumerate(lines) if _TIME_LINE.match(t)), None)
    if anchor is None or anchor < 1:
        return None
    language = _LABEL_LANGUAGE[_TIME_LINE.match(lines[anchor][1]).group("label").lower()]  # type: ignore[union-attr]
    expected = path.with_suffix(".expected.json")
    meta = json.loads(expected.read_text(encoding="utf-8")) if expected.is_file() else {}
    # The hand-checked record knows the byline; the line above the time line is one only in valtioneuvosto's layout.
    publishers = list(meta.get("organizations") or ([meta["organization"]] if meta.get("organization") else [lines[anchor - 1][1]]))
    title = meta.get("title") or (lines[anchor - 2][1] if anchor >= 2 else "")
    if not title or (meta and not meta.get("organization")):
        return None  # the generated page needs a byline
    start = anchor + 1
    if start < len(lines) and len(lines[start][1]) < 40 and not lines[start][1].endswith("."):
        start += 1  # the type line
    body: list[tuple[str, str, int]] = []
    for line in lines[start:]:
        if _FOOTER_LINE.match(line[1]):
            break
        body.append(line)
    units = _units(body)
    if not units:
        return None
    return Sample(path.name, language, _clean(title), publishers, units, _names_from_expected(expected))


def read_samples(folder: Path) -> list[Sample]:
    """Every usable sample in the folder, both copies of a release (HTML and text) included."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".html", ".htm", ".txt") and not path.name.endswith(".expected.json"):
            sample = read_sample(path)
            if sample is not None:
                found.append(sample)
    return found


# ---- vocabularies of the page template (benchmark chrome, not extraction knowledge) --------

MINISTRIES = {
    "fi": [
        "valtioneuvoston kanslia", "ulkoministeriö", "oikeusministeriö", "sisäministeriö", "puolustusministeriö",
        "valtiovarainministeriö", "opetus- ja kulttuuriministeriö", "maa- ja metsätalousministeriö",
        "liikenne- ja viestintäministeriö", "työ- ja elinkeinoministeriö", "sosiaali- ja terveysministeriö",
        "ympäristöministeriö",
    ],
    "sv": [
        "statsrådets kansli", "utrikesministeriet", "justitieministeriet", "inrikesministeriet", "försvarsministeriet",
        "finansministeriet", "undervisnings- och kulturministeriet", "jord- och skogsbruksministeriet",
        "kommunikationsministeriet", "arbets- och näringsministeriet", "social- och hälsovårdsministeriet",
        "miljöministeriet",
    ],
    "en": [
        "Prime Minister's Office", "Ministry for Foreign Affairs", "Ministry of Justice", "Ministry of the Interior",
        "Ministry of Defence", "Ministry of Finance", "Ministry of Education and Culture",
        "Ministry of Agriculture and Forestry", "Ministry of Transport and Communications",
        "Ministry of Economic Affairs and Employment", "Ministry of Social Affairs and Health", "Ministry of the Environment",
    ],
}
FIRST_NAMES = [
    "Anna", "Mikko", "Sanna", "Juha", "Laura", "Antti", "Kaisa", "Ville", "Heidi", "Timo", "Riikka", "Petteri",
    "Johanna", "Jussi", "Maria", "Olli", "Elina", "Kari", "Tiina", "Janne", "Noora", "Markus", "Susanna", "Harri",
    "Anders", "Kristina", "Henrik", "Sofia", "Mats", "Linnea",
]
LAST_NAMES = [
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
    "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen",
    "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Lindqvist", "Holmström",
    "Sundberg", "Ekholm", "Grönroos",
]
TYPES = {"fi": [("Tiedote", "press_release"), ("Uutinen", "news")], "sv": [("Pressmeddelande", "press_release"), ("Nyhet", "news")],
         "en": [("Press release", "press_release"), ("News item", "news")]}
TIME_LABEL = {"fi": "Julkaisuajankohta", "sv": "Publiceringstid", "en": "Publication date"}
CHROME = {
    "fi": {
        "skip": "Hyppää sisältöön", "top": "Sivun alkuun", "home": "Etusivu", "media": "Media", "share": "Jaa",
        "search": "Hae sivustolta", "search_button": "Hae", "menu": "Päävalikko", "site": "Valtioneuvosto",
        "cookie_title": "Evästeet valtioneuvoston verkkopalvelussa",
        "cookie": "Käytämme sivustollamme evästeitä. Osa evästeistä on välttämättömiä sivuston toiminnan kannalta, osa auttaa meitä "
        "kehittämään palvelua keräämällä tilastotietoa sivuston käytöstä. Voit hyväksyä kaikki evästeet tai vain välttämättömät. "
        "Voit muuttaa valintaasi milloin tahansa sivun alalaidan evästeasetuksista.",
        "cookie_categories": [("Välttämättömät evästeet", "Sivuston perustoiminnot, kuten kieliasetus ja istunnon tietoturva."),
                              ("Analytiikkaevästeet", "Kävijämäärien ja käyttötapojen tilastointi palvelun kehittämiseksi."),
                              ("Markkinointievästeet", "Upotetut videot ja sosiaalisen median sisällöt.")],
        "accept": "Hyväksy kaikki evästeet", "necessary": "Vain välttämättömät", "related": "Lue myös", "tags": "Asiasanat",
        "sections": ["Hallitus", "Ministeriöt", "Päätökset", "Media", "Tietoa valtioneuvostosta", "Hankkeet", "Julkaisut"],
        "sub": ["Ajankohtaista", "Tiedotteet", "Uutiset", "Vastuualueet", "Lainsäädäntö", "Hankkeet", "Julkaisut", "Ministeriöstä",
                "Yhteystiedot", "Rekrytointi", "Tapahtumat", "Puheet", "Kuvapankki", "Blogit", "Tilastot", "Avustukset"],
        "topics": ["Aluekehitys", "Elinkeinopolitiikka", "Energia", "Ilmasto", "Innovaatiot", "Kilpailukyky", "Kuluttajat", "Maahanmuutto",
                   "Omistajaohjaus", "Työllisyys", "Työelämä", "Yritysrahoitus", "Sote-uudistus", "Terveydenhuolto", "Eläkkeet",
                   "Perhepolitiikka", "Koulutus", "Tiede", "Kulttuuri", "Liikunta", "Nuoriso", "Maatalous", "Metsät", "Kalatalous",
                   "Liikenne", "Viestintä", "Tietoturva", "Ympäristönsuojelu", "Asuminen", "Luonnon monimuotoisuus",
                   "Verotus", "Valtion talousarvio", "Kuntatalous", "Digitalisaatio", "Turvallisuus", "Pelastustoimi",
                   "Rajaturvallisuus", "Oikeusvaltio", "Vaalit", "Kehitysyhteistyö", "EU-asiat", "Kansainvälinen kauppa"],
        "footer": ["Saavutettavuusseloste", "Tietosuoja", "Evästeasetukset", "Tietoa sivustosta", "Palaute", "Sivukartta",
                   "Rekrytointi", "Avoin data", "RSS-syötteet", "Tilaa uutiskirje", "Kirjaamo", "Hankinnat"],
        "newsletter": "Tilaa valtioneuvoston uutiskirje",
    },
    "sv": {
        "skip": "Hoppa till innehållet", "top": "Till början av sidan", "home": "Startsida", "media": "Media", "share": "Dela",
        "search": "Sök på webbplatsen", "search_button": "Sök", "menu": "Huvudmeny", "site": "Statsrådet",
        "cookie_title": "Kakor på statsrådets webbplats",
        "cookie": "Vi använder kakor på vår webbplats. En del av kakorna är nödvändiga för att webbplatsen ska fungera, andra hjälper "
        "oss att utveckla tjänsten genom att samla statistik om användningen. Du kan godkänna alla kakor eller endast de nödvändiga.",
        "cookie_categories": [("Nödvändiga kakor", "Webbplatsens grundfunktioner, såsom språkval och sessionens säkerhet."),
                              ("Analyskakor", "Statistik över besökare och användning för att utveckla tjänsten."),
                              ("Marknadsföringskakor", "Inbäddade videor och innehåll från sociala medier.")],
        "accept": "Godkänn alla kakor", "necessary": "Endast nödvändiga", "related": "Läs också", "tags": "Ämnesord",
        "sections": ["Regeringen", "Ministerierna", "Beslut", "Media", "Om statsrådet", "Projekt", "Publikationer"],
        "sub": ["Aktuellt", "Pressmeddelanden", "Nyheter", "Ansvarsområden", "Lagstiftning", "Projekt", "Publikationer",
                "Om ministeriet", "Kontaktuppgifter", "Rekrytering", "Evenemang", "Tal", "Bildbank", "Bloggar"],
        "topics": ["Regional utveckling", "Näringspolitik", "Energi", "Klimat", "Innovationer", "Konkurrenskraft", "Konsumenter",
                   "Migration", "Sysselsättning", "Arbetsliv", "Social- och hälsovård", "Pensioner", "Utbildning", "Forskning",
                   "Kultur", "Idrott", "Jordbruk", "Skogsbruk", "Trafik", "Kommunikation", "Miljövård", "Boende", "Beskattning",
                   "Statsbudgeten", "Digitalisering", "Säkerhet", "EU-frågor", "Utvecklingssamarbete"],
        "footer": ["Tillgänglighetsutlåtande", "Dataskydd", "Kakinställningar", "Om webbplatsen", "Respons", "Webbkarta",
                   "Rekrytering", "Öppna data", "RSS-flöden", "Prenumerera på nyhetsbrev"],
        "newsletter": "Prenumerera på statsrådets nyhetsbrev",
    },
    "en": {
        "skip": "Skip to main content", "top": "Back to top", "home": "Front page", "media": "Media", "share": "Share",
        "search": "Search the site", "search_button": "Search", "menu": "Main menu", "site": "Finnish Government",
        "cookie_title": "Cookies on the Finnish Government website",
        "cookie": "We use cookies on our website. Some cookies are necessary for the site to work, others help us improve the service "
        "by collecting statistics on how the site is used. You can accept all cookies or only the necessary ones.",
        "cookie_categories": [("Necessary cookies", "Basic functions of the site, such as language settings and session security."),
                              ("Analytics cookies", "Statistics on visitors and use, to develop the service."),
                              ("Marketing cookies", "Embedded videos and social media content.")],
        "accept": "Accept all cookies", "necessary": "Only necessary cookies", "related": "Read also", "tags": "Keywords",
        "sections": ["Government", "Ministries", "Decisions", "Media", "About the Government", "Projects", "Publications"],
        "sub": ["Current issues", "Press releases", "News", "Areas of responsibility", "Legislation", "Projects", "Publications",
                "About the ministry", "Contact information", "Recruitment", "Events", "Speeches", "Image bank", "Blogs"],
        "topics": ["Regional development", "Enterprise policy", "Energy", "Climate", "Innovation", "Competitiveness", "Consumers",
                   "Migration", "Employment", "Working life", "Health and social services", "Pensions", "Education", "Research",
                   "Culture", "Sports", "Agriculture", "Forestry", "Transport", "Communications", "Environment", "Housing",
                   "Taxation", "State budget", "Digitalisation", "Security", "EU affairs", "Development cooperation"],
        "footer": ["Accessibility statement", "Data protection", "Cookie settings", "About this site", "Feedback", "Sitemap",
                   "Recruitment", "Open data", "RSS feeds", "Subscribe to newsletter"],
        "newsletter": "Subscribe to the Government newsletter",
    },
}


# ---- generating one page -------------------------------------------------------------------


@dataclass(slots=True)
class PageSpec:
    """What a generated page says, kept in the manifest to check extraction against."""

    file: str
    language: str
    title: str
    publishers: list[str]
    published: str  # ISO 8601 with offset
    type_label: str
    doc_type: str
    url: str
    body_chars: int
    page_bytes: int
    probe_list_item: str | None
    probe_contact: str | None
    sources: list[str]


class _Varier:
    """Per-page substitutions: one year shift and one name mapping, so a page stays self-consistent."""

    def __init__(self, rng: random.Random, names: Iterable[str]) -> None:
        self.rng = rng
        self.year_shift = rng.randint(-6, 3)
        self.names: dict[str, str] = {}
        for name in sorted(set(names), key=lambda n: (-len(n), n)):  # longest first; a total order, so no hash seed matters
            self.names[name] = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        self._name_re = (
            re.compile("|".join(re.escape(n) for n in self.names)) if self.names else None
        )

    def _digits(self, m: re.Match[str]) -> str:
        return "".join(str(self.rng.randint(0, 9)) for _ in m.group())

    def _date(self, m: re.Match[str]) -> str:
        year = int(m.group(3)) + self.year_shift
        day = self.rng.randint(1, 28)
        return f"{day}.{self.rng.randint(1, 12)}.{year}"

    def _number(self, m: re.Match[str]) -> str:
        text = m.group()
        digits = [c for c in text if c.isdigit()]
        if len(digits) == 4 and _YEAR.fullmatch(text):
            return str(int(text) + self.year_shift)
        out = []
        first = True
        for c in text:
            if c.isdigit():
                out.append(str(self.rng.randint(1, 9)) if first else str(self.rng.randint(0, 9)))
                first = False
            else:
                out.append(c)
        return "".join(out)

    def text(self, text: str) -> str:
        """Numbers, dates, years and known person names varied; phone numbers keep their prefix."""
        if self._name_re is not None:
            text = self._name_re.sub(lambda m: self.names[m.group()], text)
        parts = _PHONE.split(text)  # odd items are phone numbers
        for i, part in enumerate(parts):
            if i % 2:
                parts[i] = _PHONE_TAIL.sub(self._digits, part)
            else:
                parts[i] = _NUMBER.sub(self._number, _NUMERIC_DATE.sub(self._date, part))
        return "".join(parts)

    def contact(self, line: str) -> str:
        """A contact line: names and e-mail varied, the last four digits of phone numbers redrawn."""
        if self._name_re is not None:
            line = self._name_re.sub(lambda m: self.names[m.group()], line)
        parts = _PHONE.split(line)
        line = "".join(_PHONE_TAIL.sub(self._digits, part) if i % 2 else part for i, part in enumerate(parts))
        return _EMAIL.sub(lambda m: self._email(line, m.group()), line)

    def _email(self, line: str, original: str) -> str:
        new = next((v for v in self.names.values() if v in line), None)
        if new is None:
            return original
        local = new.lower().replace(" ", ".")
        local = local.translate(str.maketrans({"ä": "a", "ö": "o", "å": "a"}))
        return f"{local}@{original.split('@', 1)[1]}"


@dataclass(slots=True)
class _Pools:
    """Material of one language gathered from all samples in it."""

    samples: list[Sample]
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (sample, text)
    leads: list[tuple[str, str]] = field(default_factory=list)
    sentences: list[tuple[str, str]] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)
    lists: list[tuple[str, str | None, list[str]]] = field(default_factory=list)  # (sample, intro, items)
    tables: list[tuple[str, str | None, list[list[str]]]] = field(default_factory=list)  # (sample, intro, rows)
    contacts: list[tuple[str, Unit]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


def _pools(samples: Sequence[Sample], language: str) -> _Pools:
    pools = _Pools([s for s in samples if s.language == language])
    seen: set[str] = set()
    for sample in pools.samples:
        pools.names.extend(sample.names)
        pools.publishers.extend(p for p in sample.publishers if p not in pools.publishers)
        if sample.title not in pools.titles:
            pools.titles.append(sample.title)
        units = sample.units
        for index, unit in enumerate(units):
            key = unit.kind + (unit.text or "|".join(unit.items) or str(unit.rows))
            if key in seen:
                continue
            seen.add(key)
            if unit.kind == "paragraph":
                following_list = index + 1 < len(units) and units[index + 1].kind in ("list", "table")
                if following_list:
                    continue  # kept as the intro of its list or table
                (pools.leads if index == 0 else pools.paragraphs).append((sample.name, unit.text))
                pools.sentences.extend((sample.name, s) for s in _SENTENCE_SPLIT.split(unit.text) if len(s) > 30)
            elif unit.kind == "quote":
                pools.quotes.append((sample.name, unit.text))
            elif unit.kind == "heading":
                pools.headings.append((sample.name, unit.text))
            elif unit.kind == "list":
                intro = units[index - 1].text if index > 0 and units[index - 1].kind == "paragraph" else None
                pools.lists.append((sample.name, intro, unit.items))
            elif unit.kind == "table":
                intro = units[index - 1].text if index > 0 and units[index - 1].kind == "paragraph" else None
                pools.tables.append((sample.name, intro, unit.rows))
            elif unit.kind == "contact":
                pools.contacts.append((sample.name, unit))
    if not pools.leads:
        pools.leads = pools.paragraphs[:]
    return pools


def _title(rng: random.Random, pools: _Pools, varier: _Varier) -> str:
    """A sample title (varied) or the opening words of a sample sentence, as editors write titles."""
    if pools.titles and rng.random() < 0.3:
        return varier.text(rng.choice(pools.titles))
    sentence = rng.choice(pools.sentences)[1] if pools.sentences else rng.choice(pools.titles)
    words = sentence.split()
    cut = " ".join(words[: rng.randint(5, min(12, max(5, len(words))))]).rstrip(",.;:–- ")
    return varier.text(cut[0].upper() + cut[1:])


def _published(rng: random.Random) -> datetime:
    start = datetime(2015, 1, 1, tzinfo=HELSINKI)
    day = start + timedelta(days=rng.randint(0, 11 * 365))
    return day.replace(hour=rng.randint(7, 18), minute=rng.randint(0, 59))


def _table_html(rng: random.Random, varier: _Varier, intro: str | None, rows: list[list[str]]) -> tuple[str, int]:
    """A sample table with its intro, rows reordered (a totals row stays last) and figures varied."""
    head, *rest = rows
    last = [rest.pop()] if rest and len(rest) > 2 else []
    rest = rng.sample(rest, k=len(rest)) + last
    cells = [[varier.text(c) for c in r] for r in rest]
    markup = (
        (f"<p>{html.escape(varier.text(intro))}</p>" if intro else "")
        + '<table class="data-table"><thead><tr>' + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr></thead><tbody>"
        + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in cells)
        + "</tbody></table>"
    )
    return markup, len(intro or "") + sum(len(c) for r in rows for c in r)


def _list_html(rng: random.Random, varier: _Varier, intro: str | None, items: list[str]) -> tuple[str, int, str]:
    """A sample list with its intro sentence, a varying subset of its items in a new order."""
    chosen = [varier.text(i) for i in rng.sample(items, k=min(len(items), rng.randint(min(3, len(items)), len(items) + 2)))]
    tag = "ol" if rng.random() < 0.1 else "ul"
    markup = (
        (f"<p>{html.escape(varier.text(intro))}</p>" if intro else "")
        + f"<{tag}>" + "".join(f"<li>{html.escape(i)}</li>" for i in chosen) + f"</{tag}>"
    )
    return markup, len(intro or "") + sum(map(len, chosen)), chosen[-1]


def _body_html(rng: random.Random, pools: _Pools, varier: _Varier, target_chars: int) -> tuple[str, int, str | None, str | None, set[str]]:
    """The article body: lead, varied units up to about ``target_chars`` of text, a contact block.

    A unit is used at most once per page (a real release does not repeat a
    paragraph); when a language's pool runs dry the body is simply shorter.
    """
    out: list[str] = []
    sources: set[str] = set()
    taken: set[int] = set()
    chars = 0
    probe_item: str | None = None

    def fresh(pool: Sequence[tuple[str, ...]] | Sequence[tuple[str, str | None, list[Any]]]) -> Any:
        for _ in range(6):
            choice = rng.choice(pool)
            if id(choice) not in taken:
                taken.add(id(choice))
                return choice
        return None

    def add(markup: str, text_len: int, source: str) -> None:
        nonlocal chars
        out.append(markup)
        chars += text_len
        sources.add(source)

    source, lead = fresh(pools.leads)
    lead = varier.text(lead)
    add(f'<p class="lead">{html.escape(lead)}</p>', len(lead), source)
    kinds = ["paragraph", "recombined", "quote", "list", "heading", "table"]
    weights = [34 if pools.paragraphs else 0, 30 if pools.sentences else 0, 10 if pools.quotes else 0,
               12 if pools.lists else 0, 8 if pools.headings else 0, 4 if pools.tables else 0]
    misses = 0
    while chars < target_chars and misses < 50:
        kind = rng.choices(kinds, weights)[0]
        if kind == "recombined":
            picked = rng.sample(pools.sentences, k=min(len(pools.sentences), rng.randint(2, 5)))
            text = varier.text(" ".join(s for _, s in picked))
            add(f"<p>{html.escape(text)}</p>", len(text), picked[0][0])
            continue
        pool = {"paragraph": pools.paragraphs, "quote": pools.quotes, "heading": pools.headings, "list": pools.lists, "table": pools.tables}[kind]
        unit = fresh(pool)
        if unit is None:
            misses += 1
            continue
        if kind == "list":
            markup, length, last_item = _list_html(rng, varier, unit[1], unit[2])
            add(markup, length, unit[0])
            probe_item = probe_item or last_item
        elif kind == "table":
            add(*_table_html(rng, varier, unit[1], unit[2]), unit[0])
        elif kind == "heading":
            add(f"<h2>{html.escape(varier.text(unit[1]))}</h2>", len(unit[1]), unit[0])
        else:
            text = varier.text(unit[1])
            add(f"<p>{html.escape(text)}</p>", len(text), unit[0])
    probe_contact: str | None = None
    if pools.contacts and rng.random() < 0.92:
        source, unit = rng.choice(pools.contacts)
        lines = [varier.contact(x) for x in unit.items]
        probe_contact = lines[0] if lines else None
        add(f"<p><strong>{html.escape(unit.text)}</strong><br>" + "<br>".join(html.escape(x) for x in lines) + "</p>", sum(map(len, lines)), source)
    out.append("<p>&nbsp;</p>")
    return "\n        ".join(out), chars, probe_item, probe_contact, sources


def _slug(text: str) -> str:
    folded = text.lower().translate(str.maketrans({"ä": "a", "ö": "o", "å": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:80] or "tiedote"


def _css(rng: random.Random, budget: int) -> str:
    """Theme CSS of about ``budget`` bytes, as real pages inline (critical CSS plus component styles)."""
    props = ["margin", "padding", "color", "background-color", "font-size", "line-height", "border-bottom", "display", "max-width"]
    values = ["0", "0 auto", "#002f5f", "#fff", "1.125rem", "1.5", "1px solid #d0d7de", "flex", "72rem", "none", ".75rem 1rem"]
    blocks = ["header", "menu", "menu__item", "menu__link", "footer", "footer__links", "article", "lead", "cookie", "share",
              "breadcrumbs", "search", "language-selector", "card", "card__title", "tag", "button", "icon"]
    rules: list[str] = []
    size = 0
    while size < budget:
        selector = f".vn-{rng.choice(blocks)}{rng.choice(['', '--active', ':hover', ' a', ' > li', '__inner'])}"
        decl = ";".join(f"{rng.choice(props)}:{rng.choice(values)}" for _ in range(rng.randint(2, 5)))
        rules.append(f"{selector}{{{decl}}}")
        size += len(rules[-1]) + 1
    return "\n".join(rules)


def _scripts(rng: random.Random, language: str, budget: int) -> str:
    """Liferay-style inline configuration of about ``budget`` bytes: theme display object, module loader map."""
    theme = {
        "companyId": "10112", "groupId": str(rng.randint(10000, 99999)), "languageId": {"fi": "fi_FI", "sv": "sv_SE", "en": "en_US"}[language],
        "pathThemeImages": "https://valtioneuvosto.fi/o/vn-theme/images", "portalURL": "https://valtioneuvosto.fi",
        "scopeGroupId": str(rng.randint(10000, 99999)), "plid": str(rng.randint(100000, 999999)), "isSignedIn": False,
        "i18n": {f"key-{i}": f"label {i}" for i in range(rng.randint(10, 40))},
    }
    head = "<script>var themeDisplay = " + json.dumps(theme, ensure_ascii=False) + ";</script>\n"
    modules: dict[str, object] = {}
    size = len(head)
    while size < budget:
        name = (
            f"frontend-js-{rng.choice(['web', 'aui', 'components', 'metal', 'react', 'dom'])}@{rng.randint(1, 9)}.{rng.randint(0, 40)}."
            f"{rng.randint(0, 60)}/{rng.choice(['liferay', 'js', 'lib', 'dist'])}/"
            f"{rng.choice(['util', 'dom', 'events', 'portlet', 'toggler', 'sidenav', 'modal', 'tooltip'])}/{len(modules)}"
        )
        modules[name] = {"dependencies": [f"module-{rng.randint(0, 999)}" for _ in range(rng.randint(1, 4))], "path": f"/o/js/resolved-module/{len(modules)}.js"}
        size += len(json.dumps({name: modules[name]}))
    return head + "<script>Liferay.Loader.addModules(" + json.dumps(modules) + ");</script>"


def _svg_sprite(rng: random.Random, budget: int) -> str:
    """An inline icon sprite of about ``budget`` bytes (hidden symbols the page's buttons refer to)."""
    def path() -> str:
        return "M" + " ".join(f"{rng.randint(0, 24)}.{rng.randint(0, 99)} {rng.randint(0, 24)}.{rng.randint(0, 99)}" for _ in range(rng.randint(15, 40))) + "z"

    icons: list[str] = []
    size = 0
    while size < budget:
        icons.append(f'<symbol id="icon-{len(icons)}" viewBox="0 0 24 24"><path d="{path()}"/></symbol>')
        size += len(icons[-1])
    return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">{"".join(icons)}</svg>'


def _menu(rng: random.Random, language: str, budget: int) -> str:
    """The mega menu: sections, every ministry with its sub-pages and topics, grown to about ``budget`` bytes."""
    c = CHROME[language]
    parts: list[str] = []
    size = 0
    groups = [*c["sections"], *MINISTRIES[language]]
    gi = 0
    while size < budget:
        group = groups[gi % len(groups)]
        gi += 1
        base = "/" + _slug(group)
        opening = (
            f'<li class="vn-menu__item vn-menu__item--has-children"><a class="vn-menu__link" href="{base}">{html.escape(group)}</a>'
            f'<button class="vn-menu__toggle" aria-expanded="false"><svg class="icon"><use href="#icon-{rng.randint(0, 9)}"/></svg></button>'
            '<ul class="vn-menu__level-2">'
        )
        parts.append(opening)
        size += len(opening.encode("utf-8")) + 11
        for sub in rng.sample(c["sub"], k=rng.randint(5, len(c["sub"]))):
            if size >= budget:
                break
            topics = rng.sample(c["topics"], k=rng.randint(0, 6))
            inner = (
                '<ul class="vn-menu__level-3">' + "".join(
                    f'<li class="vn-menu__item"><a class="vn-menu__link" href="{base}/{_slug(sub)}/{_slug(t)}">{html.escape(t)}</a></li>' for t in topics
                ) + "</ul>"
                if topics else ""
            )
            item = f'<li class="vn-menu__item"><a class="vn-menu__link" href="{base}/{_slug(sub)}">{html.escape(sub)}</a>{inner}</li>'
            parts.append(item)
            size += len(item.encode("utf-8"))
        parts.append("</ul></li>\n")
    return "".join(parts)


def _related(rng: random.Random, pools: _Pools, varier: _Varier, language: str) -> str:
    items = []
    for _ in range(rng.randint(4, 8)):
        when = _published(rng)
        title = html.escape(_title(rng, pools, varier))
        items.append(
            f'<li class="vn-card"><a class="vn-card__title" href="/-/{rng.randint(10000, 99999)}/{_slug(title)}">{title}</a>'
            f'<span class="vn-card__date">{when.day}.{when.month}.{when.year}</span>'
            f'<span class="vn-card__publisher">{html.escape(rng.choice(MINISTRIES[language]))}</span></li>'
        )
    return f'<section class="related-content"><h2>{CHROME[language]["related"]}</h2><ul>{"".join(items)}</ul></section>'


def _footer(rng: random.Random, language: str) -> str:
    c = CHROME[language]
    columns = []
    for _ in range(4):
        links = rng.sample(c["footer"] + c["sub"], k=8)
        columns.append('<ul class="footer-links">' + "".join(f'<li><a href="/{_slug(x)}">{html.escape(x)}</a></li>' for x in links) + "</ul>")
    return (
        '<footer id="footer" role="contentinfo" class="site-footer">'
        f'<div class="footer-contact"><h2>{c["site"]}</h2><p>Snellmaninkatu 1 A, Helsinki<br>PL 23, 00023 Valtioneuvosto<br>'
        "Puhelinvaihde 0295 16001<br>kirjaamo@gov.fi</p></div>"
        + "".join(columns)
        + f'<form class="newsletter-form"><label for="nl">{c["newsletter"]}</label><input id="nl" type="email"><button>OK</button></form>'
        '<ul class="some-links"><li><a href="https://x.com/valtioneuvosto">X</a></li><li><a href="https://www.facebook.com/valtioneuvosto">Facebook</a></li>'
        '<li><a href="https://www.linkedin.com/company/valtioneuvosto">LinkedIn</a></li><li><a href="https://www.youtube.com/valtioneuvosto">YouTube</a></li></ul>'
        f'<p class="copyright">© {c["site"]} {rng.randint(2015, 2025)}</p></footer>'
    )


def build_page(rng: random.Random, number: int, language: str, pools: _Pools, all_names: Sequence[str]) -> tuple[str, PageSpec]:
    """One release page of 40-80 KB and what it says."""
    c = CHROME[language]
    varier = _Varier(rng, [*pools.names, *all_names])
    title = _title(rng, pools, varier)
    publishers = [rng.choice(pools.publishers + MINISTRIES[language])]
    if rng.random() < 0.08:
        other = rng.choice(MINISTRIES[language])
        if other not in publishers:
            publishers.append(other)
    published = _published(rng)
    type_label, doc_type = TYPES[language][0] if rng.random() < 0.7 else TYPES[language][1]
    body, body_chars, probe_item, probe_contact, used = _body_html(rng, pools, varier, rng.randint(2000, 9000))
    prefix = {"fi": "", "sv": "/sv", "en": "/en"}[language]
    url = f"https://valtioneuvosto.fi{prefix}/-/{rng.randint(10000, 99999)}/{_slug(title)}-{number}"
    time_text = f"{published.day}.{published.month}.{published.year} {published.hour}.{published.minute:02d}"
    target = rng.randint(40 * 1024, 80 * 1024)
    orgs = "".join(f'<div class="organization">{html.escape(p)}</div>' for p in publishers)
    json_ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": published.isoformat(),
         "publisher": {"@type": "GovernmentOrganization", "name": c["site"]}, "inLanguage": language},
        ensure_ascii=False,
    )
    head = (
        f'<!DOCTYPE html>\n<html lang="{language}" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)} - {html.escape(publishers[0].capitalize())}</title>\n"
        f'<meta property="og:title" content="{html.escape(title)}">\n<meta property="og:type" content="article">\n'
        f'<meta property="og:site_name" content="{c["site"]}">\n<meta property="og:url" content="{url}">\n'
        f'<link rel="canonical" href="{url}">\n'
        + "".join(f'<link rel="alternate" hreflang="{h}" href="https://valtioneuvosto.fi/{h}/-/{number}">\n' for h in ("fi", "sv", "en"))
        + '<link rel="stylesheet" href="/o/valtioneuvosto-theme/css/main.css">\n'
        f'<script type="application/ld+json">{json_ld}</script>\n'
        "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>\n"
        "<style>@@CSS@@</style>\n@@HEAD_SCRIPTS@@\n</head>\n"
    )
    cookie = (
        f'<div id="cookie-consent" class="cookie-notice" role="dialog" aria-label="{c["cookie_title"]}">'
        f'<h2>{c["cookie_title"]}</h2><p>{c["cookie"]}</p>'
        + "".join(f'<details><summary>{n}</summary><p>{d}</p><input type="checkbox" checked></details>' for n, d in c["cookie_categories"])
        + f'<button type="button">{c["accept"]}</button><button type="button">{c["necessary"]}</button></div>\n'
    )
    header = (
        f'<header id="banner" role="banner" class="site-header"><div class="header-top">'
        f'<a class="logo" href="/etusivu"><img src="/logo.svg" alt="{c["site"]}"><span class="site-name">{c["site"]}</span></a>'
        '<div class="language-selector"><ul><li><a href="/" lang="fi">Suomeksi</a></li><li><a href="/sv/" lang="sv">På svenska</a></li>'
        '<li><a href="/en/" lang="en">In English</a></li></ul></div>'
        f'<form class="search-form" action="/haku" role="search"><label for="q">{c["search"]}</label><input id="q" name="q">'
        f'<button>{c["search_button"]}</button></form></div>\n'
        f'<nav class="main-navigation" aria-label="{c["menu"]}"><ul class="vn-menu">@@MENU@@</ul></nav></header>\n'
    )
    article = (
        f'<main id="main-content" class="main-content">\n'
        f'<div class="breadcrumbs" aria-label="breadcrumb"><ol><li><a href="/">{c["home"]}</a></li><li><a href="/ajankohtaista">{c["media"]}</a></li>'
        f"<li>{html.escape(title)}</li></ol></div>\n"
        f'<section class="portlet-boundary portlet-asset-publisher"><div class="section-label">{c["media"]}</div>\n'
        '<article class="news-article"><header class="article-header">'
        f'<h1 class="heading-title">{html.escape(title)}</h1><div class="article-meta"><div class="organizations">{orgs}</div>'
        f'<div class="publish-date">{TIME_LABEL[language]} <time datetime="{published.isoformat()}">{time_text}</time></div>'
        f'<div class="news-type">{type_label}</div></div></header>\n'
        f'      <div class="article-content">\n        {body}\n      </div>\n'
        f'<div class="tags"><span>{c["tags"]}</span>'
        + "".join(f'<a class="tag" href="/asiasanat/{_slug(t)}">{html.escape(t)}</a>' for t in rng.sample(c["topics"], k=4))
        + "</div>"
        f'<div class="share-buttons"><span class="share-label">{c["share"]}</span>'
        '<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php">Facebook</a>'
        '<a class="share-twitter" href="https://twitter.com/intent/tweet">X</a>'
        '<a class="share-linkedin" href="https://www.linkedin.com/shareArticle">LinkedIn</a></div></article></section>\n'
        f"{_related(rng, pools, varier, language)}\n"
        f'<a class="back-to-top" href="#">{c["top"]}</a>\n</main>\n'
    )
    tail = (
        f"{_footer(rng, language)}\n"
        "@@TAIL_SCRIPTS@@\n"
        "<script>var _paq = window._paq = window._paq || []; _paq.push(['trackPageView']); _paq.push(['enableLinkTracking']);</script>\n"
        "</body>\n</html>\n"
    )
    prefix_html = head + f'<body class="controls-visible signed-out public-page site">\n<a class="skip-to-content" href="#main-content">{c["skip"]}</a>\n'
    skeleton = prefix_html + "@@SPRITE@@\n" + cookie + header + article + tail
    base = len(skeleton.encode("utf-8"))
    target = max(target, min(base + 12 * 1024, 80 * 1024))  # a long body leaves less room for chrome, never none
    room = max(8 * 1024, target - base)
    shares = {"css": rng.uniform(0.15, 0.3), "head": rng.uniform(0.15, 0.3), "tail": rng.uniform(0.03, 0.08), "sprite": rng.uniform(0.05, 0.12)}
    filled = {
        "@@CSS@@": _css(rng, int(room * shares["css"])),
        "@@HEAD_SCRIPTS@@": _scripts(rng, language, int(room * shares["head"])),
        "@@TAIL_SCRIPTS@@": _scripts(rng, language, int(room * shares["tail"])),
        "@@SPRITE@@": _svg_sprite(rng, int(room * shares["sprite"])),
    }
    page = skeleton
    for mark, text in filled.items():
        page = page.replace(mark, text, 1)
    page = page.replace("@@MENU@@", _menu(rng, language, max(2048, target - 600 - len(page.encode("utf-8")))), 1)
    spec = PageSpec(
        file=f"p{number:05d}.html", language=language, title=title, publishers=publishers, published=published.isoformat(),
        type_label=type_label, doc_type=doc_type, url=url, body_chars=body_chars, page_bytes=len(page.encode("utf-8")),
        probe_list_item=probe_item, probe_contact=probe_contact, sources=sorted(used),
    )
    return page, spec


# ---- the corpus ----------------------------------------------------------------------------


def fingerprint(samples_dir: Path, pages: int, seed: int) -> str:
    """Identifies a corpus: generator source, samples' bytes, page count and seed."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(samples_dir.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    digest.update(f"{GENERATOR_VERSION}:{pages}:{seed}".encode())
    return digest.hexdigest()[:16]


def build_corpus(samples_dir: Path, out_dir: Path, pages: int, seed: int = 20240601) -> list[PageSpec]:
    """Write ``pages`` pages and ``manifest.json`` into ``out_dir``; reuse it when nothing changed."""
    manifest_path = out_dir / "manifest.json"
    key = fingerprint(samples_dir, pages, seed)
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("fingerprint") == key and all((out_dir / p["file"]).is_file() for p in manifest["pages"]):
            return [PageSpec(**p) for p in manifest["pages"]]
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    samples = read_samples(samples_dir)
    if not samples:
        raise SystemExit(f"no usable samples in {samples_dir}")
    rng = random.Random(seed)
    languages = [lang for lang in LANGUAGE_WEIGHTS if any(s.language == lang for s in samples)]
    weights = [LANGUAGE_WEIGHTS[lang] for lang in languages]
    pools = {lang: _pools(samples, lang) for lang in languages}
    all_names = sorted({n for s in samples for n in s.names})
    specs = []
    for number in range(pages):
        language = rng.choices(languages, weights)[0]
        page, spec = build_page(rng, number, language, pools[language], all_names)
        (out_dir / spec.file).write_text(page, encoding="utf-8")
        specs.append(spec)
    manifest_path.write_text(
        json.dumps({"fingerprint": key, "seed": seed, "samples": [s.name for s in samples], "pages": [asdict(s) for s in specs]},
                   ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return specs
