"""Vocabulary of page chrome on Finnish government sites, in fi/sv/en.

The same table serves HTML pages (after tag-level cleaning) and text copied
out of a browser, where markup is gone and only these words betray the menus.
Lines are compared after folding case and whitespace, so the table holds
whole labels, never fragments that could occur inside a sentence.
"""

from __future__ import annotations

import re

# Lines dropped wherever they stand: navigation and widget labels no release
# would use as a paragraph on its own.
CHROME_LINES: frozenset[str] = frozenset(
    s.casefold()
    for s in (
        # skip links
        "Hyppää sisältöön", "Siirry sisältöön", "Siirry pääsisältöön", "Hyppää pääsisältöön", "Siirry sivun sisältöön",
        "Hoppa till innehållet", "Hoppa till innehåll", "Gå till innehållet", "Gå till innehåll", "Hoppa till huvudinnehållet",
        "Skip to content", "Skip to main content", "Jump to content", "Gå direkte til indholdet", "Gå direkt till innehållet",
        # menus and site-wide navigation labels
        "Navigeringsmeny", "Navigointivalikko", "Navigation menu", "Päävalikko", "Huvudmeny", "Main menu",
        "Search in pages", "Hae sivuilta", "Sök på sidorna", "Valtioneuvosto ja ministeriöt", "Statsrådet och ministerierna",
        "Government and ministries", "Regional information", "Alueellista tietoa", "Regional information sv",
        "Innehållspublicerare", "Sisällönjulkaisija", "Asset Publisher",
        # repost and distribution chrome (STT Info, Cision, ReliefWeb)
        "Report this content", "Ilmoita sisällöstä", "Rapportera innehåll", "Informing humanitarians worldwide 24/7",
        "View original", "Näytä alkuperäinen", "Visa original",
        # text-size and print-view widgets
        "Normal textstorlek", "Större textstorlek", "Normaali tekstikoko", "Suurempi tekstikoko", "Normal text size",
        "Larger text size", "Text size", "Tekstikoko", "Textstorlek", "Suurenna tekstiä", "Pienennä tekstiä",
        "Normal tekststørrelse", "Større tekst", "Dansk", "Norsk", "Deutsch", "Français", "Español", "Eesti", "Русский",
        # back to top
        "Sivun alkuun", "Takaisin ylös", "Alkuun", "Till början av sidan", "Till sidans början",
        "Tillbaka upp", "Back to top", "To the top", "Top of page",
        # language pickers
        "Suomeksi", "På svenska", "In English", "Suomi", "Svenska", "English", "FI", "SV", "EN",
        "Selkosuomeksi", "Viittomakielellä", "Kieli", "Språk", "Language", "Valitse kieli",
        "Välj språk", "Choose language", "Select language",
        # sections / breadcrumbs seen as single words
        "Media", "Etusivu", "Startsida", "Home", "Front page", "Ajankohtaista", "Aktuellt",
        "Tiedotteet", "Pressmeddelanden", "Press releases", "Uutiset", "Nyheter", "News and releases",
        # share and tools
        "Jaa", "Jaa sivu", "Jaa tämä sivu", "Dela", "Dela sidan", "Share", "Share this page",
        "Tulosta", "Skriv ut", "Print", "Facebook", "Twitter", "X", "LinkedIn", "WhatsApp",
        "Sähköposti", "E-post", "Email", "E-mail", "Kopioi linkki", "Kopiera länk", "Copy link",
        "Valikko", "Meny", "Menu", "Sulje", "Stäng", "Close", "Avaa valikko", "Open menu",
        "Haku", "Hae", "Sök", "Search", "Hae sivustolta", "Sök på webbplatsen", "Search the site",
        "Kirjaudu", "Logga in", "Log in", "Palaa", "Takaisin", "Tillbaka", "Back",
        "Näytä lisää", "Visa mer", "Show more", "Lue lisää", "Läs mer", "Read more",
        "Hyväksy", "Hyväksy kaikki", "Hyväksy evästeet", "Vain välttämättömät", "Godkänn", "Accept",
        "Accept all", "Only necessary", "Evästeasetukset", "Cookie settings", "Kakinställningar",
    )
)  # fmt: skip

# A line that starts the page footer: everything from it on is chrome.
FOOTER_MARKERS: frozenset[str] = frozenset(
    s.casefold()
    for s in (
        "Sivun alkuun", "Takaisin ylös", "Till början av sidan", "Till sidans början", "Back to top",
        "Saavutettavuusseloste", "Tillgänglighetsutlåtande", "Accessibility statement",
        "Tietoa sivustosta", "Om webbplatsen", "About this site", "Tietosuoja", "Dataskydd",
        "Data protection", "Seuraa meitä", "Följ oss", "Follow us", "Tilaa uutiskirje",
        "Prenumerera på nyhetsbrev", "Subscribe to newsletter", "Asiasanat", "Ämnesord", "Keywords",
        "Jaa sosiaalisessa mediassa", "Dela i sociala medier", "Share on social media",
        "Avainsanat", "Nyckelord", "Tagit", "Taggar", "Tags",
        "Tutustu myös", "Katso myös", "Lue myös", "Se även", "Läs även", "Läs också", "See also", "Read also",
        "Aiheeseen liittyvät", "Relaterat", "Related", "Related content", "Uusimmat", "Senaste", "Latest",
    )
)  # fmt: skip

# Tool chrome may stand between a headline and its text ("Report this content", a share bar);
# every other chrome line is navigation, which comes before the article starts.
TOOL_LINES: frozenset[str] = frozenset(
    s.casefold()
    for s in (
        "Jaa", "Jaa sivu", "Jaa tämä sivu", "Dela", "Dela sidan", "Share", "Share this page", "Tulosta", "Skriv ut", "Print",
        "Facebook", "Twitter", "X", "LinkedIn", "WhatsApp", "Sähköposti", "E-post", "Email", "E-mail", "Kopioi linkki",
        "Kopiera länk", "Copy link", "Näytä lisää", "Visa mer", "Show more", "Lue lisää", "Läs mer", "Read more",
        "Report this content", "Ilmoita sisällöstä", "Rapportera innehåll", "View original", "Näytä alkuperäinen",
        "Visa original",
    )
)  # fmt: skip

# Words of a site's top navigation bar, which a copy flattens into one line after the site's name:
# 'Uudenmaan liitto Ajankohtaista Yhteystiedot'. Only whole lines made of them are chrome.
NAV_WORDS: frozenset[str] = frozenset(
    s.casefold()
    for s in (
        "Ajankohtaista", "Aktuellt", "Current issues", "Yhteystiedot", "Kontakt", "Kontaktuppgifter", "Contact",
        "Contact us", "Ota yhteyttä", "Palvelut", "Tjänster", "Services", "Tietoa meistä", "Om oss", "About us",
        "Asiointi", "Uutiset", "Nyheter", "News", "Media", "Haku", "Sök", "Search", "Etusivu", "Startsida", "Home",
        "Valikko", "Meny", "Menu", "Julkaisut", "Publikationer", "Publications", "Tapahtumat", "Evenemang", "Events",
        "Toiminta", "Verksamhet", "Activities", "Rahoitus", "Finansiering", "Funding", "Suomeksi", "På svenska",
        "In English", "FI", "SV", "EN",
    )
)  # fmt: skip

_BREADCRUMB = re.compile(r"^(?:[^\n>›»/|]{1,40}\s*[>›»/|]\s*){1,8}[^\n>›»/|]{1,80}$")
_BREADCRUMB_ROOTS = re.compile(r"^(?:etusivu|startsida|home|front page|valtioneuvosto|statsrådet|government)\b", re.I)
# "Valtioneuvosto frontpage", "Valtioneuvoston kanslia framsida": the site's logo link, copied as text.
_FRONTPAGE = re.compile(r"^.{2,60}\s(?:frontpage|front page|home page|homepage|framsida|startsida|etusivu)$", re.I)
# "Etusivu: Traficom", "Home > Media": a breadcrumb root with its separator.
_BREADCRUMB_ROOT = re.compile(r"^(?:etusivu|framsida|startsida|home|front page|frontpage)\s*[:>›»/|]\s*\S.{0,80}$", re.I)
# "… | KelaSiirry sisältöön": the HTML title run into the skip link.
_GLUED_SKIP_LINK = re.compile(
    r"(?:hyppää|siirry|hoppa|gå|skip|jump)\s+(?:till\s+|to\s+)?(?:sivun\s+|the\s+)?"
    r"(?:pää)?(?:sisältöön|innehållet|innehåll|huvudinnehållet|main\s+content|content)$",
    re.I,
)
# "« Raha-asiainvaliokunta 26.4.2018 13.00", "‹ Takaisin": a back-link to the listing the page came from.
_BACK_LINK = re.compile(r"^[«‹←]")
# 'Uutiset-näyttösivun murupolku en': the screen-reader label of a breadcrumb trail.
_BREADCRUMB_LABEL = re.compile(r"^.{0,40}(?:murupolku|murupolun|brödsmulor|brödsmulestig|breadcrumbs?)\b.{0,20}$", re.I)
# ReliefWeb's "World + 14 more" and "from Government of Finland" lines.
_REPOST_LINES = re.compile(
    r"^(?:Informing humanitarians worldwide\b.{0,60}|(?:[A-Z][\w .'-]{1,40}\s)?\+\s\d+\s+more"
    r"|from\s+(?:the\s+)?(?:Government\s+of\s+Finland|Finnish\s+Government))$"
)
_COOKIE = re.compile(r"\b(?:evästei\w*|cookie\w*|kakor\w*)\b", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.I)
_LANG_PICKER = re.compile(r"^(?:(?:suomeksi|på svenska|in english|fi|sv|en)\s*[|/·•]?\s*){2,}$", re.I)
_SPACES = re.compile(r"\s+")


def fold(line: str) -> str:
    """Case- and whitespace-folded form used for table look-ups."""
    return _SPACES.sub(" ", line).strip().casefold()


_MULTIWORD_LABELS = tuple(sorted((c for c in CHROME_LINES if " " in c), key=len, reverse=True))
_MULTIWORD_RE = re.compile("|".join(map(re.escape, _MULTIWORD_LABELS)))
_WIDGET_SEPARATORS = re.compile(r"\s*[|·•/,]\s*|\s+")


_CASE_SEAM = re.compile(r"(?<=[a-zåäö])(?=[A-ZÅÄÖ])")


def _all_widget_labels(folded: str, line: str = "") -> bool:
    """'Jaa: Facebook X LinkedIn Tulosta' — a share bar flattened into one line; 'Normal textstorlekStörre textstorlek' run together."""
    if len(folded) > 120:
        return False
    if line and _CASE_SEAM.search(line):
        folded = fold(_CASE_SEAM.sub(" | ", line))
    parts = [p.rstrip(":") for p in _WIDGET_SEPARATORS.split(folded) if p.strip(" :")]
    if len(parts) < 2:
        return False
    # Multi-word labels ("share this page") are tried as wholes first.
    text = " ".join(parts)
    if _MULTIWORD_RE.search(text):  # most lines hold none: one search instead of 89 replacements per line
        for label in _MULTIWORD_LABELS:
            text = text.replace(label, " ")
    return all(p in CHROME_LINES for p in text.split())


_LONGEST_CHROME = 400  # a cookie banner sentence; menus and widgets are far shorter


def is_tool_line(line: str) -> bool:
    """A share, print or report widget, or a repost's source chrome: it may sit between a headline and its text."""
    return fold(line).rstrip(":") in TOOL_LINES or bool(_REPOST_LINES.match(line.strip()))


def nav_bar_head(line: str) -> str | None:
    """The text before a flattened navigation bar's menu words, or None when the line is not one.

    'Uudenmaan liitto Ajankohtaista Yhteystiedot' -> 'uudenmaan liitto' (folded):
    at least two menu words end the line. The caller decides whether the head
    (the site's name) makes it chrome: empty, or a publisher's name.
    """
    folded = fold(line)
    if len(folded) > 120:
        return None
    words = folded.split(" ")
    found = 0
    i = len(words)
    while i > 0:
        for size in (3, 2, 1):
            if i - size >= 0 and " ".join(words[i - size : i]) in NAV_WORDS:
                i -= size
                found += 1
                break
        else:
            break
    return " ".join(words[:i]) if found >= 2 else None


def is_chrome_line(line: str) -> bool:
    """True for navigation, picker, share, breadcrumb and cookie lines."""
    if len(line) > _LONGEST_CHROME:
        return False  # a paragraph: folding it would cost more than all the checks
    folded = fold(line)
    if not folded:
        return True
    if folded in CHROME_LINES or folded.rstrip(":") in CHROME_LINES or _LANG_PICKER.match(folded):
        return True
    if _all_widget_labels(folded, line):
        return True
    if _BREADCRUMB.match(folded) and _BREADCRUMB_ROOTS.match(folded):
        return True
    if _COPYRIGHT.match(folded):
        return True
    if _FRONTPAGE.match(folded) or _BREADCRUMB_ROOT.match(folded) or _GLUED_SKIP_LINK.search(folded):
        return True
    if _BACK_LINK.match(folded) or _REPOST_LINES.match(line.strip()) or _BREADCRUMB_LABEL.match(folded):
        return True
    return bool(_COOKIE.search(folded)) and len(folded) < 400 and _cookie_banner_words(folded)


def _cookie_banner_words(folded: str) -> bool:
    """A sentence about cookies is chrome only if it reads like a consent banner."""
    return any(w in folded for w in ("käytämme", "sivusto käyttää", "hyväksy", "we use", "this site uses", "accept", "vi använder", "godkänn"))


_LONGEST_FOOTER_MARKER = max(len(m) for m in FOOTER_MARKERS) + 8


def is_footer_marker(line: str) -> bool:
    """True for the line where a page's footer begins."""
    return len(line) <= _LONGEST_FOOTER_MARKER and fold(line).rstrip(":") in FOOTER_MARKERS
