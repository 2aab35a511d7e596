"""Contact extraction: who to ask for more information, from the contact block.

Government releases end with a block such as ``Lisätiedot:`` /
``Ytterligare information:`` / ``Inquiries:`` followed by one contact per line
(``erityisasiantuntija Petra Stenfors, TEM, p. 029 504 7282``), or say it inline
(``Lisätietoja antaa ... p. 029 504 7282.``). Phone numbers and e-mail addresses
are the anchors: they end a contact, so a line holding two contacts is cut after
the first one's anchors. Everything before the anchors is the descriptor (title,
name, organisation in any order), told apart with title-word and organisation
vocabularies rather than position, because writers use both orders.

Forms real pages add to that (each handled by a general rule, not per site):

- addresses written ``etunimi.sukunimi(at)gov.fi`` are read as ``@``; a stated
  pattern (``firstname.lastname@...``) or Cloudflare's ``[email protected]`` ends a
  contact like an address but gives none;
- several people on one line, cut at their anchors and at ``;``, with ``ja`` /
  ``och`` / ``and`` before the last; an organisation after the last anchor
  (``..., tel. ..., Prime Minister's Office``) is that contact's and, when the
  others name none after their numbers, everyone's on the line; one before a
  joining word (``p. 0295 ..., VNK ja ...``) closes the contact before it;
- the organisation a header names (``Lisätietoja Ruokavirastosta:``,
  ``Lisätietoja antavat ... ministeriöstä``, ``Ytterligare information från X``),
  or an organisation sub-header inside the block, goes to the contacts under
  it, in its base form;
- a title keeps its bracketed qualifier (``Special Adviser (EU Affairs)``); a
  title capitalised only because it opens the line is written in lower case
  (``Ylitarkastaja`` -> ``ylitarkastaja``), proper nouns and English titles stay;
- a decision record's ``Esittelijä`` / ``Valmistelija`` field opens a block, and
  a bare ``Name, title, tel. ...`` line needs no header when the whole line is
  contacts;
- a line cut off by the end of the text still gives its contact when the name
  is complete;
- a long title before the name (``chefen för enheten för humanitärt bistånd Anna
  Exempel``); a unit's capitalised name after ``for`` / a genitive runs into the
  person's, who is then the last two words (``Head of the Unit for Humanitarian
  Assistance Anna Example``);
- vertical cards in either order: ``title`` / ``Name`` / ``phone`` lines as well as
  ``Name`` / ``title, organisation`` / ``phone``; a block whose first line is an
  organisation (``Kreate Oy`` / ``työmaapäällikkö`` / ``Maija Meikäläinen``) heads
  each group of people with its organisation line, which is never a contact;
- STT Info's ``Yhteyshenkilöt`` / ``Kontaktpersoner`` / ``Contact persons`` box title
  opens a block without a colon (``Yhteystiedot`` alone is a menu item); ``Kontakter`` /
  ``Kontakt`` / ``Contacts`` alone open one only over a contact whose phone or address
  follows within a few lines, as a menu lists them among other words;
- a labelled national number that lost its leading zero (``p. 295 160 597``) is read with
  the zero back, for service numbers (029x) and mobiles (04x, 050) only;
- a field after an English title stays in it (``State Under-Secretary, EU Affairs``), and
  a part whose head noun names a body (``Government Secretariat for EU Affairs``) is an
  organisation, never a title with a name ``Affairs``;
- title compounds are known by their last part (``Europakorrespondent``, ``Pressattaché``,
  ``työmaatoimihenkilö``), also when capitalised before the name;
- a bare name alone on a line after its block's last contact with a phone or address is
  a tag, and a name the text ends with may be cut short (``... ja projektipäällikkö
  Saara Ylik``): neither is a contact; a comma, title, phone or address after it shows
  the name complete;
- ``tai`` alone on a line between two people, and an address hidden by the page under a
  contact (which closes that contact), keep a block going.

Only named people are returned: a switchboard, a service address or a number
with no name keeps a block going (and may complete the contact above it) but
is not a contact; a name without a number is a contact only inside a block.

The title / name helpers here are also used by :mod:`pipeline.extractors.quotes`,
which faces the same ``title Firstname Lastname`` shapes in attributions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from models.mentions import Contact
from pipeline.document import Block
from pipeline.extractors.casefold import lower_aligned as _lower
from pipeline.extractors.gazetteer import GazetteerHit, lookup

__all__ = [
    "find_contacts",
    "is_title_word",
    "is_name_token",
    "known_body",
    "split_affiliation",
    "split_title_and_name",
    "CONNECTIVES",
    "PARTICLES",
    "STOPWORDS",
]

_REGION = "FI"

# --- vocabularies -----------------------------------------------------------------

# Finnish and Swedish titles are compounds whose head noun carries the meaning
# (elinkeino|ministeri, erityis|asiantuntija, special|sakkunnig), so matching the
# word ending recognises titles never seen before.
_TITLE_SUFFIXES: tuple[str, ...] = (
    # Finnish
    "johtaja", "päällikkö", "asiantuntija", "sihteeri", "ministeri", "neuvos", "virkamies",
    "tarkastaja", "koordinaattori", "suunnittelija", "lakimies", "esittelijä", "insinööri",
    "tutkija", "avustaja", "neuvonantaja", "tiedottaja", "konsultti", "asiamies", "valtuutettu",
    "lähettiläs", "konsuli", "professori", "dosentti", "tohtori", "lääkäri", "analyytikko",
    "ekonomisti", "aktuaari", "kehittäjä", "esimies", "edustaja", "pormestari", "kouluttaja",
    "ohjaaja", "kirjaaja", "notaari", "asessori", "komentaja", "kenraali", "rehtori", "tuomari",
    "syyttäjä", "kansleri", "arkkitehti", "strategi", "puhemies", "maaherra", "selvityshenkilö",
    "virkailija", "hoitaja", "vastaava", "toimihenkilö", "kirjeenvaihtaja",
    # Swedish
    "direktör", "chef", "sakkunnig", "sekreterare", "minister", "råd", "tjänsteman", "inspektör",
    "koordinator", "planerare", "jurist", "föredragande", "ingenjör", "forskare", "assistent",
    "rådgivare", "medarbetare", "ordförande", "informatör", "kommunikatör", "expert", "handläggare",
    "ombudsman", "ambassadör", "konsul", "professor", "ekonom", "analytiker", "utvecklare",
    "talesperson", "borgmästare", "överläkare", "läkare", "korrespondent", "attaché", "attache",
    # Swedish definite forms, which a title takes before a name ("Kulturrådet Riitta Heinämaa")
    "rådet", "chefen", "direktören", "sekreteraren", "ministern", "tjänstemannen", "sakkunniga", "inspektören",
    "rådgivaren", "medarbetaren", "experten", "ordföranden", "handläggaren", "juristen", "forskaren",
    "ambassadören", "professorn", "läkaren", "koordinatorn", "planeraren",
    "korrespondenten", "attachén",
)  # fmt: skip
_TITLE_SUFFIX_RE = re.compile("(?:" + "|".join(sorted(map(re.escape, _TITLE_SUFFIXES), key=len, reverse=True)) + ")$")

# English titles are separate words; domain words ("of Economic Affairs") belong
# to the title too, so a capitalised title run is not mistaken for a name.
_EN_TITLE_WORDS = frozenset(
    """minister ministerial adviser advisor counsellor counselor councillor director specialist expert
    officer secretary head chief manager senior general state permanent legislative communications
    special assistant coordinator planner researcher engineer inspector lawyer counsel press deputy
    principal government programme program project unit team lead leader chair chairperson chairman
    president ambassador consul professor economist analyst spokesperson spokesman representative
    commissioner ombudsman rapporteur development policy legal financial executive administrative
    technical scientific vice acting undersecretary under-secretary affairs economic foreign finance
    employment justice interior defence defense education culture health social environment transport
    agriculture forestry science trade climate family services labour european nordic cooperation
    housing local regional sport youth strategy media international public relations senior
    governor mayor rector chancellor prosecutor judge commander envoy auditor dean prime correspondent""".split()
)

# English title words that name a field, not a post: after a title and a comma they qualify it
# ('State Under-Secretary, EU Affairs'), and alone they head no title.
_EN_DOMAIN_WORDS = frozenset(
    """affairs economic foreign finance employment justice interior defence defense education culture health
    social environment transport agriculture forestry science trade climate family services labour european
    nordic cooperation housing local regional sport youth strategy media international public relations
    development policy legal financial technical scientific communications""".split()
)

# Words that never start a title or a name: a run of words after a comma that
# begins with one of these is prose, not an attribution or a contact.
STOPWORDS = frozenset(
    """ja sekä mutta että kun koska jos myös eli sillä joten vaan kuten kuin tai vai joka jotka
    och samt men att när eftersom om också som eller
    and but that when because if also as or which who the a an""".split()
)

PARTICLES = frozenset({"von", "af", "van", "de", "der", "den", "du", "la", "le", "di", "da"})
CONNECTIVES = frozenset({"of", "for", "för", "and", "och", "the"})

_ORG_RE = re.compile(
    r"ministeriö|ministeriet|ministry|virasto|verket|laitos|institut|keskus|centralen|centret|centre\b|center\b"
    r"|kanslia\b|kansliet|kansli\b|office\b|agency|authority|yliopisto|universit|korkeakoulu|högskola"
    r"|rahasto|fonden|\bfund\b|liitto|förbund|federation|association|kaupunki|kaupungin|\bstad\b|city of"
    r"|kunta\b|kommun(?:en|ens|er|erna)?\b|municipality|säätiö|stiftelse|foundation|neuvosto|council|rådet|board\b"
    r"|lautakunta|nämnd|toimikunta|kommission|commission|poliisi|polis|police|tulli\b|tullen|customs"
    r"|puolustusvoimat|försvarsmakt|osasto\b|avdelning|department|yksikkö|enheten|sihteeristö"
    r"|sekretariat|secretariat|valtioneuvosto|statsrådet|eduskunta|riksdag|parliament|domstol|court\b"
    r"|pankki|\bbank\b|suurlähetystö|ambassad|embassy|edustusto|delegation|\boyj?\b|\bab\b|\bry\b|\brf\b"
    r"|hallitus\b|hallinto\b|förvaltning|administration\b",
    re.IGNORECASE,
)
_ACRONYM_RE = re.compile(r"^[A-ZÅÄÖ]{2,8}(?:[-/][A-ZÅÄÖa-zåäö]+)*$")
_SWITCHBOARD_RE = re.compile(r"\b(?:vaihde|växel|switchboard|exchange|neuvonta|asiakaspalvelu|kundtjänst)\b", re.IGNORECASE)
# Military ranks stand before a name like titles, but the post written after the name is the title.
_RANKS = frozenset(
    """eversti everstiluutnantti majuri kapteeni yliluutnantti luutnantti kenraali kenraalimajuri
    kenraaliluutnantti prikaatikenraali kommodori komentaja komentajakapteeni kontra-amiraali vara-amiraali
    amiraali överste överstelöjtnant kapten generalmajor generallöjtnant brigadgeneral kommendör
    colonel lieutenant captain brigadier""".split()
)
# Capitalised words of share and follow links, which page chrome leaves under a contact block.
_SHARE_WORDS = frozenset("facebook linkedin twitter instagram youtube whatsapp telegram threads bluesky mastodon tiktok flickr".split())
_EN_ORG_HEADS = frozenset({"unit", "department", "division", "secretariat", "office", "ministry", "agency", "embassy"})
_PURE_ACRONYM_RE = re.compile(r"^[A-ZÅÄÖ]{2,8}(?:[-/][A-ZÅÄÖ]{2,8})*$")

_NAME_TOKEN_RE = re.compile(r"^(?:[A-ZÅÄÖÜÉÈÁÍÓÚØÆŠŽ](?=[\w'’-]*[a-zåäöüéèáíóúøæšžß])[\w'’]*(?:-[\w'’]+)*|[A-ZÅÄÖ]\.)$")
_STRIP_TITLE = '.,:;()"”'
# Genitives before a unit's name: Swedish definite forms ('utrikesministeriets', 'enhetens', 'byråns')
_SV_GENITIVE_RE = re.compile(r"(?:ets|ens|ns|nas)$")
# Finnish words in a long vowel + n are passives and illatives ('todetaan', 'mukaan'), not genitives
_LONG_VOWEL_N_RE = re.compile(r"(?:aa|ää|ee|ii|oo|öö|uu|yy)n$")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u", "è": "e", "á": "a", "'": "", "’": ""})

# --- anchors ------------------------------------------------------------------------

# A match may only start where a run of address characters starts: from inside a run it would
# rescan the rest of it at every position. "etunimi.sukunimi(at)gov.fi" is written for "@" too.
_AT = r"(?:@|\((?:at|AT)\)|\[(?:at|AT)\])"
_EMAIL_RE = re.compile(r"(?<![\w.+'-])[\w.+'-]+" + _AT + r"[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
_AT_GATE_RE = re.compile(_AT)
_AT_WORD_RE = re.compile(r"\((?:at|AT)\)|\[(?:at|AT)\]")
# Cloudflare hides addresses as "[email protected]": it marks where an address was, and is none.
_HIDDEN_EMAIL_RE = re.compile(r"\[email[ \t\u00a0]?protected\]", re.IGNORECASE)
# "+35 8295330344": an international number with a space typed into its country code. Only
# runs phonenumbers left unread are tried, digits joined, and kept when the result is valid.
_BROKEN_INTL_RE = re.compile(r"(?<![\w+])\+\d[\d \t\u00a0]{6,17}\d(?!\d)")
_DIGIT_RE = re.compile(r"\d")  # any Unicode digit, as phonenumbers reads them
# "p. 295 160 597", "puh. 45 679 0000": a national number that lost its leading zero. Only after a
# phone label, and only service numbers (029x) and mobiles (04x, 050), which read as nothing else;
# kept when the number with its zero back is valid.
_LOST_ZERO_RE = re.compile(
    r"(?<![\w.])(?:p|puh|puhelin|gsm|mob|mobile|matkapuhelin|tel|tfn|telefon|phone)\.?:?[ \t\u00a0]*"
    r"(?P<number>(?:29|4\d|50)(?:[ \t\u00a0-]?\d){5,8})(?![ \t\u00a0-]?\d)",
    re.IGNORECASE,
)
# "etunimi.sukunimi@gov.fi" states the address pattern; it is nobody's address.
_PLACEHOLDER_RE = re.compile(r"etunimi|sukunimi|f[oö]rnamn|efternamn|firstname|lastname|first\.last|first_name", re.IGNORECASE)
# One label word at the end of a part; stripped a few times over ("puh. gsm"), never repeated
# inside the pattern, whose nested repetition backtracked exponentially on "p  p  p  p ... x".
_PHONE_PREFIX_RE = re.compile(
    r"\b(?:p|puh|puhelin|puhelinnumero|gsm|mob|mobile|matkapuhelin|tel|tfn|telefon|phone|ph|vaihde|"
    r"växel|nro|nr)\.?[\s:]*$",
    re.IGNORECASE,
)
# An address pattern at the start of a segment, with the blanks and punctuation after it.
_PLACEHOLDER_LEAD_RE = re.compile(r"(?P<address>[\w.+'-]+" + _AT + r"[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,})[\s,;]*")
_EMAIL_PREFIX_RE = re.compile(r"\b(?:sähköposti|s-posti|sposti|e-mail|email|e-post|epost)\.?[\s:]*$", re.IGNORECASE)
_MAX_LABEL_WORDS = 3
_ANCHOR_GAP_RE = re.compile(r"[\s,;.]*(?:(?:ja|och|and|sekä|samt|tai|or|eller)\b)?[\s,;]*")
_LETTER_WORD_RE = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]{2,}")
_SOFT_GAP_RE = re.compile(
    r"^(?:tai|or|eller|ja|och|and|sekä|samt|p|puh|puhelin|gsm|mob|mobile|tel|tfn|telefon|phone|vaihde|växel|"
    r"sähköposti|s-posti|e-mail|email|e-post|fax|faksi|matkapuhelin|nro|nr|ext)\b",
    re.IGNORECASE,
)

# --- headers ------------------------------------------------------------------------

_HEAD = (
    r"(?:Lisätiedot|Lisätietoja|Lisätietoa|Tiedustelut|Tiedusteluihin\s+vastaa(?:vat)?"
    r"|(?:Tiedotteen\s+|Median\s+)?[Yy]hteyshenkilö(?:t|nä)?|Mediayhteydet|Yhteystiedot"
    r"|(?:Ytterligare|Närmare|Mer|Mera)\s+(?:information|upplysningar|uppgifter)|Förfrågningar"
    r"|För\s+(?:mera|mer|ytterligare|närmare)\s+(?:information|upplysningar|uppgifter)"
    r"|Kontaktpersoner|Kontaktperson|(?:Media|Press)kontakt(?:er)?|Kontakt(?:er)?"
    r"|(?:Media\s+|Press\s+)?(?:Inquiries|Enquiries)|(?:For\s+(?:more|further|additional)|Further|More|Additional)\s+information"
    r"|(?:Media\s+|Press\s+)?Contacts?(?:\s+persons?)?"
    # a decision record's field labels: its rapporteur / preparer is the one to ask
    r"|Esittelijä(?:t)?|Valmistelija(?:t)?|Föredragande|Beredare)"
)
_GIVER = (
    r"(?:antaa/antavat|antavat/antaa|antaa|antavat|vastaa|vastaavat|saa|saat|ger|lämnar|ges\s+av|lämnas\s+av"
    r"|(?:please\s+)?contact|is\s+available\s+from|from|provided\s+by)"
)
_MID = r"(?:[ \t\u00a0]+(?!" + _GIVER + r"\b)[^\s:,.\d@]+){0,4}?"
# A header at the start of a line: ends with a colon, with a giver verb, or with the line.
_HEADER_RE = re.compile(
    r"^[ \t\u00a0]*(?P<head>" + _HEAD + r")(?P<mid>" + _MID + r")"
    r"(?:(?:,?[ \t\u00a0]+(?P<giver>" + _GIVER + r")\b(?:[ \t\u00a0]+myös)?)?[ \t\u00a0]*(?P<colon>:)|"
    r",?[ \t\u00a0]+(?P<giver2>" + _GIVER + r")\b(?:[ \t\u00a0]+myös)?|[ \t\u00a0]*$)[ \t\u00a0]*",
    re.IGNORECASE,
)


def is_contact_header(line: str) -> bool:
    """True for a line that opens a contact block ('Lisätiedot:', 'Inquiries:', ...)."""
    return bool(_HEADER_RE.match(line))


# The same phrase inside prose needs a colon or a giver verb, after a sentence end.
_INLINE_RE = re.compile(
    r"(?:(?<=[.!?])[ \t\u00a0]+|(?<=[.!?][\"”])[ \t\u00a0]+)(?P<head>" + _HEAD + r")(?P<mid>" + _MID + r")"
    r"(?:(?:,?[ \t\u00a0]+(?P<giver>" + _GIVER + r")\b(?:[ \t\u00a0]+myös)?)?[ \t\u00a0]*(?P<colon>:)|"
    r",?[ \t\u00a0]+(?P<giver2>" + _GIVER + r")\b(?:[ \t\u00a0]+myös)?)[ \t\u00a0]*",
    re.IGNORECASE,
)
# How every _HEAD alternative opens, in lower case; keep in step with _HEAD, since a header
# whose first word is missing here is never tried.
_HEAD_WORDS = (
    "lisätie", "tiedustelu", "tiedotteen", "median", "yhteyshenkilö", "mediayhteydet", "yhteystiedot",
    "ytterligare", "närmare", "mer", "förfrågningar", "kontakt", "media", "press", "inquiries", "enquiries",
    "for", "further", "more", "additional", "contact", "esittelijä", "valmistelija", "föredragande", "beredare",
    "för",
)  # fmt: skip
# What every _INLINE_RE match holds, in a lower-cased text: a sentence end and a head word.
# Searched once over the body instead of _INLINE_RE, whose lookbehinds are tried at every
# position of every line.
_INLINE_GATE_RE = re.compile(r"[.!?][\"”]?[ \t\u00a0]+(?:" + "|".join(_HEAD_WORDS) + ")")
# "Contact"/"Kontakt"/"yhteyshenkilö" alone are ordinary words; as headers they need a colon.
_COLON_ONLY_HEAD_RE = re.compile(r"^(?:contacts?|kontakt|yhteys|tiedotteen|median)", re.IGNORECASE)
# ... except the words for "contact persons" standing alone on their line, as STT Info's box title
# ('Yhteyshenkilöt', 'Kontaktpersoner', 'Contact persons'); 'Contacts', 'Kontakt' and
# 'Yhteystiedot' alone are menu items.
_ALONE_HEAD_RE = re.compile(r"^(?:(?:tiedotteen|median)\s+)?yhteyshenkilö(?:t)?$|^kontaktperson(?:er)?$|^contact\s+persons?$", re.IGNORECASE)
# 'Kontakter', 'Kontakt', 'Contacts' alone on their line are menu words as often as box titles: they
# open a block only over a contact (see _lone_header).
_LONE_HEAD_RE = re.compile(r"^(?:kontakt(?:er)?|contacts?)$", re.IGNORECASE)
_LONE_HEAD_LOOKAHEAD = 5  # lines under a lone head word within which its first contact must give a number or address
# A field label ("Esittelijä") heads a contact only as a label: alone on its line or before a colon.
_FIELD_HEAD_RE = re.compile(r"^(?:esittelijä|valmistelija|föredragande|beredare)", re.IGNORECASE)
_ABLATIVE_GIVER_RE = re.compile(r"^(?:saa|saat)$", re.IGNORECASE)

_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[ \t\u00a0]+(?=[A-ZÅÄÖ\"”–])")
_ABBREV_WINDOW = 12  # longer than any abbreviation _ABBREV_BEFORE_RE knows, with its stop
_ABBREV_BEFORE_RE = re.compile(
    r"(?:\b(?:p|puh|tel|tfn|n|esim|mm|ks|prof|dos|tri|dr|mr|ms|mrs|st|nro|nr|vrt|ns|yms|jne|ym|fil|kauppat)|\b[A-ZÅÄÖ])\.$",
    re.IGNORECASE,
)
# "Ruotsinkielisiin kysymyksiin vastaa ylitarkastaja ...": the title starts after the giver verb.
_GIVER_PREFIX_RE = re.compile(r"^.*\b(?:antaa|antavat|vastaa|vastaavat|ger|lämnar|contact)\b[ \t\u00a0]*", re.IGNORECASE)
# starts only where a run of blanks starts, so a long run is not rescanned from each of its blanks
_CONJ_RE = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]+(?:ja|och|and|sekä|samt)[ \t\u00a0]+")
_LABEL_RE = re.compile(r"^(?P<label>[^:,\d@]{2,60}?):[ \t\u00a0]+(?=\S)")
# bullets, dashes and a joining word before a contact ("; and Anne Sjöholm, ...")
_LEAD_JUNK_RE = re.compile(r"^[\s•·*▪◦‣–—-]*(?:(?:ja|och|and|sekä|samt)[ \t\u00a0]+)?")
_TRAIL_JUNK = ".,;:"
_PART_SPLIT_RE = re.compile(r"[,;()\[\]]|[ \t\u00a0][–—-][ \t\u00a0]")
# single blanks around the joining word: a run of blanks would be rescanned from each lazy step
_ORG_CONJ_RE = re.compile(r"(?P<org>[^,;\s][^,;]{0,79}?)[ \t\u00a0](?:ja|och|and)[ \t\u00a0]")
_CHUNK_SPLIT_RE = re.compile(r"[,;]|[ \t\u00a0][–—-][ \t\u00a0]")
_BRACKET_SPLIT_RE = re.compile(r"[()\[\]]")
_QUALIFIED_RE = re.compile(r"^(?P<head>[^()\[\]]*)\((?P<inner>[^()\[\]]*)\)$")
_NOTE_RE = re.compile(r"^\(.*\)$", re.DOTALL)
_TOKEN_RE = re.compile(r"\S+")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")

_MAX_NAME_TOKENS = 3
_MAX_TITLE_WORDS = 12  # 'chefen för enheten för humanitärt bistånd och utvecklingssamarbete' and longer
# joining words a title phrase holds ('Minister of Agriculture and Forestry', 'yksikön ja osaston')
_TITLE_JOINERS = frozenset({"ja", "och", "and", "the", "sekä", "samt"})
_MAX_TRAILING_ORG_WORDS = 8
_MAX_BARE_LINE_CHARS = 300
_BARE_NAME_WITHIN = 4  # words a bare contact line may put before its name ('Ministerial Adviser Anna Berg')
# seven digits or more in one run of a phone number's characters (on lines of at most _MAX_BARE_LINE_CHARS)
_NUMBER_GATE_RE = re.compile(r"\d(?:[ \t\u00a0()/-]?\d){6}")
# what may stand between two contacts of one line: punctuation and a joining word
_SOFT_JOIN_RE = re.compile(r"\b(?:ja|och|and|sekä|samt)\b")
# a joining word alone on its line, between two people of a block ('tai' / 'Väylävirasto' / ...)
_JOINER_LINE_RE = re.compile(r"^(?:tai|or|eller|ja|och|and|sekä|samt)[ \t\u00a0]*[,:]?$", re.IGNORECASE)
# "Ytterligare information från X", "Further information from the X"
_HEADER_PREPOSITION_RE = re.compile(r"^(?:från|from|vid|hos|at)[ \t\u00a0]+(?:the[ \t\u00a0]+)?", re.IGNORECASE)
# Organisation heads whose stem changes in the elative / ablative (consonant gradation).
_ORG_HEAD_CASES: tuple[tuple[str, str], ...] = (
    ("liitosta", "liitto"), ("liitolta", "liitto"), ("kunnasta", "kunta"), ("kunnalta", "kunta"),
    ("yksiköstä", "yksikkö"), ("yksiköltä", "yksikkö"), ("pankista", "pankki"), ("pankilta", "pankki"),
    ("kaupungista", "kaupunki"), ("kaupungilta", "kaupunki"),
)  # fmt: skip
_MAX_REGION_LINE_CHARS = 300
# what may stand between a contact and the line 'right under' it: a line break, or a few address-pattern notes
_MAX_ADJACENT_GAP = 2 * _MAX_REGION_LINE_CHARS

# --- affiliations -------------------------------------------------------------------

_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
_ARTICLE_RE = re.compile(r"^(?:the|a|an)[ \t\u00a0]+", re.IGNORECASE)
# Finnish elative / ablative: "Ruokavirastosta", "logistiikkalaitokselta", "THL:stä".
_ELATIVE_RE = re.compile(r"(?:sta|stä|lta|ltä)$")
_ACRONYM_CASE_RE = re.compile(r"^[A-ZÅÄÖ]{2,8}:(?:sta|stä|lta|ltä)$")
_GENITIVE_ABBR_RE = re.compile(r"^[A-ZÅÄÖ]{2,8}:n$")
_AFFILIATION_PREPOSITIONS = frozenset({"vid", "på", "från", "hos", "inom", "at", "of", "from"})
_MAX_ORG_TOKENS = 6


# --- title / name helpers (shared with quotes) ---------------------------------------


def _fold(word: str) -> str:
    """Compare names with e-mail local parts, which drop Finnish letters (ä -> a)."""
    return word.lower().translate(_FOLD)


def is_title_word(token: str) -> bool:
    """True for a word that names a position: ``erityisasiantuntija``, ``Minister``, ``kanslichef``."""
    word = token.strip('.,:;()"”').lower()
    if not word:
        return False
    if word in _EN_TITLE_WORDS:
        return True
    head = word.rsplit("-", 1)[-1] or word
    if head in _EN_TITLE_WORDS:
        return True
    return bool(_TITLE_SUFFIX_RE.search(head))


def is_name_token(token: str) -> bool:
    """A capitalised word that can be part of a person's name (not an acronym like TEM)."""
    return bool(_NAME_TOKEN_RE.match(token))


def _name_run_start(tokens: Sequence[str]) -> int:
    """Index where the trailing run of name-like tokens begins (len(tokens) if none)."""
    i = len(tokens)
    while i > 0:
        tok = tokens[i - 1]
        if is_name_token(tok):
            i -= 1
        elif tok.lower() in PARTICLES and i < len(tokens) and i - 1 > 0 and is_name_token(tokens[i - 2]):
            i -= 1
        else:
            break
    while i < len(tokens) and tokens[i].lower() in PARTICLES:
        i += 1
    return i


def _names_a_unit_next(word: str) -> bool:
    """A word after which capitalised words name a unit before they name a person.

    A connective ('for', 'of', 'för') or a lower-case genitive ('utrikesministeriets',
    'ulkoministeriön'): 'chefen för utrikesministeriets Europainformation Riitta Exempel'.
    Nominatives in -nen and passives ('todetaan') end in -n too; they are no genitives.
    """
    lower = word.lower()
    if lower in CONNECTIVES:
        return True
    if not word[:1].islower() or len(word) < 4 or lower in STOPWORDS or is_title_word(word):
        return False
    if _SV_GENITIVE_RE.search(lower):
        return True
    return lower.endswith("n") and not lower.endswith("nen") and not _LONG_VOWEL_N_RE.search(lower)


def _email_name_start(run: Sequence[str], email_local: str) -> int | None:
    """Where the name starts according to ``firstname.lastname@``: the surest title/name boundary."""
    first = _fold(email_local.split(".", 1)[0])
    if not first or "." not in email_local:
        return None
    for k, tok in enumerate(run):
        if _fold(tok) == first:
            return k
    return None


def split_title_and_name(text: str, email_local: str | None = None, min_tokens: int = 2) -> tuple[str | None, str | None]:
    """Split ``'Viestintäjohtaja Päivi Anttikoski'`` into title and name.

    The name is the trailing run of capitalised words; leading words of that run
    that are title words (``Viestintäjohtaja``, ``Senior Specialist``) move to the
    title, and an e-mail ``firstname.lastname`` overrides the guess. Returns
    ``(title, None)`` when no name of at least ``min_tokens`` words (one word is
    enough after a title) is present.
    """
    matches = list(_TOKEN_RE.finditer(text))
    tokens = [m.group() for m in matches]
    start = _name_run_start(tokens)
    run = tokens[start:]
    if not run:
        return (text.strip() or None, None)
    j = _email_name_start(run, email_local) if email_local else None
    if j is None:
        j = 0
        after_modifier = start > 0 and _names_a_unit_next(tokens[start - 1])
        if start > 0 and tokens[start - 1].lower() in CONNECTIVES and len(run) >= 2:
            j = 1
        unit_end = j
        while len(run) - j > 1 and is_title_word(run[j]):
            j += 1
        if len(run) - j > _MAX_NAME_TOKENS:
            j = len(run) - 2
        elif after_modifier and j == unit_end and len(run) - j > 2:
            # "the Unit for Humanitarian Assistance Anna Example", "utrikesministeriets Europainformation
            # Riitta Exempel": a unit's capitalised name runs into the person's, who is a given name and
            # a surname, the last two words
            j = len(run) - 2
    name_tokens = run[j:]
    name_begin = matches[start + j].start()
    title = text[:name_begin].strip(" \t\u00a0,") or None
    if len(name_tokens) < min_tokens and title is None:
        return (None, None)
    if not name_tokens:
        return (title, None)
    return (title, text[name_begin:].strip())


def known_body(text: str, places: bool = False) -> str | None:
    """The gazetteer's lemma when ``text`` names a public body (or, with ``places``, a place).

    Two-word bodies (``Suomen Akatemia``, ``Business Finland``) are shaped like
    personal names, and inflected ones (``Sitrasta``) like nothing at all; only a
    list tells them apart.
    """
    hit = _gazetteer_hit(text, places)
    return hit.lemma if hit is not None else None


def _gazetteer_hit(text: str, places: bool = False) -> GazetteerHit | None:
    """Look ``text`` up in every language: Finnish pages write English names, Swedish ones Finnish acronyms."""
    text = _ARTICLE_RE.sub("", text.strip(" \t\u00a0.,;:"))
    if not text:
        return None
    for language in _LANGUAGES:
        hit = lookup(text, language)
        if hit is not None and (hit.label == "ORG" or places):
            return hit
    return None


def _organisation_as_named(text: str) -> str:
    """An organisation split off a name, in its base form: 'THL:stä' -> 'THL', 'Sitrasta' -> 'Sitra'.

    A record's organisation is compared across releases, so an inflected form
    is replaced by the gazetteer's lemma; a form already in the nominative
    stays as written.
    """
    hit = _gazetteer_hit(text)
    if hit is not None and hit.abbreviation:
        return text.split(":", 1)[0]
    if hit is not None and hit.form != "nom":
        return hit.lemma
    return _ARTICLE_RE.sub("", text)


def split_affiliation(text: str, known_only: bool = False) -> tuple[str, str | None]:
    """Split ``'ylitarkastaja Anna Salminen Ruokavirastosta'`` into the person and the organisation.

    Writers put the speaker's organisation right after the name: Finnish in the
    elative or ablative (``Sitrasta``, ``THL:stä``, ``Puolustusvoimien
    logistiikkalaitokselta``), Swedish and English after a preposition (``vid THL``,
    ``of Business Finland``). Left in place, the organisation is read as a
    surname. ``known_only`` accepts only organisations the gazetteer knows or
    acronyms, for contexts where an ablative can be the name itself
    ("lisätietoja saa Anna Virtaselta"). Returns ``(text, None)`` when nothing
    is split off.
    """
    matches = list(_TOKEN_RE.finditer(text))
    tokens = [m.group() for m in matches]
    found = _preposition_cut(tokens, known_only) or _case_cut(tokens, known_only)
    if found is None:
        return text, None
    person_end, org_start = found
    person = text[: matches[person_end - 1].end()].strip()
    return person, text[matches[org_start].start() :].strip()


def _person_before(tokens: Sequence[str], org_known: bool) -> bool:
    """Words left of an organisation must still hold a name: two words, or a title and a surname."""
    if not tokens:
        return False
    title, name = split_title_and_name(" ".join(tokens), min_tokens=1)
    if name is None:
        return False
    name_tokens = name.split()
    if any(is_title_word(t) or not (is_name_token(t) or t.lower() in PARTICLES) for t in name_tokens):
        return False
    if len(name_tokens) >= 2:
        return True
    # "överläkare Sundberg vid THL" is fine; "Governor of the Bank" is a title, not a person.
    return org_known and title is not None and not any(t.lower() in CONNECTIVES for t in title.split())


def _preposition_cut(tokens: Sequence[str], known_only: bool) -> tuple[int, int] | None:
    """``Name vid/på/från/at/of/from ORG``: (end of person, start of organisation)."""
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower() not in _AFFILIATION_PREPOSITIONS or not is_name_token(tokens[k - 1]):
            continue
        org_start = k + 2 if tokens[k + 1].lower() == "the" and k + 2 < len(tokens) else k + 1
        org = " ".join(tokens[org_start:])
        known = known_body(org, places=True) is not None or bool(_ACRONYM_RE.match(org))
        looks_like_org = known or (not known_only and (org[:1].isupper() or bool(_ORG_RE.search(org))))
        if looks_like_org and _person_before(tokens[:k], known):
            return k, org_start
    return None


def _case_cut(tokens: Sequence[str], known_only: bool) -> tuple[int, int] | None:
    """``Name ORG-sta/-lta`` (Finnish elative/ablative): (end of person, start of organisation)."""
    if len(tokens) < 2 or not _ELATIVE_RE.search(tokens[-1]):
        return None
    for start in range(max(1, len(tokens) - _MAX_ORG_TOKENS), len(tokens)):
        if known_body(" ".join(tokens[start:]), places=True) and _person_before(tokens[:start], True):
            return start, start
    if _ACRONYM_CASE_RE.match(tokens[-1]):
        return (len(tokens) - 1, len(tokens) - 1) if _person_before(tokens[:-1], True) else None
    if known_only:
        return None
    start = len(tokens) - 1
    while start > 1 and _extends_organisation(tokens, start):
        start -= 1
    return (start, start) if _person_before(tokens[:start], False) else None


def _extends_organisation(tokens: Sequence[str], start: int) -> bool:
    """Whether the word before ``tokens[start]`` belongs to the organisation ('Tampereen yliopistosta')."""
    word = tokens[start - 1]
    if word.lower() in ("ja", "och") and start >= 2 and tokens[start - 2].endswith("-"):
        return True
    if word[:1].islower() and word.lower() not in STOPWORDS:
        return True
    # a capitalised genitive ('Puolustusvoimien', 'Suomen'); surnames in -nen are nominative
    genitive = (is_name_token(word) or _GENITIVE_ABBR_RE.match(word)) and word.endswith("n") and not word.endswith("nen")
    return bool(genitive) and _person_before(tokens[: start - 1], False)


# --- parsing one contact ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A phone number or e-mail address inside a segment (offsets relative to the segment)."""

    start: int
    end: int
    phone: str | None = None
    email: str | None = None


@dataclass(slots=True)
class _Draft:
    """A contact being built; mutable so that a vertical layout (name / phone / e-mail lines) can merge."""

    start: int
    end: int
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    phone: str | None = None
    email: str | None = None
    open: bool = False  # came from a line without anchors: later anchor-only lines complete it
    switchboard: bool = False  # the number is labelled as a switchboard ('vaihde', 'växel')
    tail_org: str | None = None  # an organisation written after the anchors ("..., tel. ..., Prime Minister's Office")
    shared_org: str | None = None  # named by the header over the block ("Lisätietoja Ruokavirastosta:")
    block: int = 0  # which contact block it was read in

    def to_contact(self, body: str, language: str) -> Contact:
        return Contact(
            text=body[self.start : self.end],
            start=self.start,
            end=self.end,
            name=self.name,
            title=_written_title(self.title, language),
            organization=self.organization or self.shared_org,
            phone=self.phone,
            email=self.email,
        )


def _written_title(title: str | None, language: str) -> str | None:
    """The title as it would stand mid-sentence: 'Ylitarkastaja' at the start of a line is 'ylitarkastaja'.

    Finnish and Swedish titles are common nouns, capitalised only by their place;
    a proper noun in front keeps its capital ('Eurooppa-asioiden neuvonantaja',
    'EU-asioiden viestintäpäällikkö', 'Suomen suurlähettiläs', 'Ruokaviraston
    ylitarkastaja'), and English titles are written in capitals ('Senior Specialist').
    """
    if not title:
        return title
    first = title.split()[0]
    if not (first[:1].isupper() and first[1:2].islower()):
        return title
    lower = first.lower().strip(_STRIP_TITLE)
    if lower in _EN_TITLE_WORDS or lower.rsplit("-", 1)[-1] in _EN_TITLE_WORDS:
        return title
    if language == "en" and not _TITLE_SUFFIX_RE.search(lower.rsplit("-", 1)[-1]):
        return title  # an English title the vocabulary lacks ('Consultant')
    if not is_title_word(first):
        if "-" in first:
            return title  # 'Eurooppa-asioiden': a name in front of the hyphen
        hit = _gazetteer_hit(first, places=True)
        if hit is not None and hit.lemma[:1].isupper():
            return title  # a place or a body that is always capitalised
    return first[0].lower() + title[1:]


@lru_cache(maxsize=1024)
def _anchors(text: str) -> tuple[_Anchor, ...]:
    """Phone numbers (validated by phonenumbers, region FI) and real e-mail addresses, in text order.

    Memoised: a contact line is read several times over (cut into segments,
    then each segment parsed), and phonenumbers' matcher is the slow part. The
    matcher only runs on text holding a digit, which every number it finds has.
    """
    found: list[_Anchor] = []
    if _AT_GATE_RE.search(text):
        for email in _EMAIL_RE.finditer(text):
            value = email.group().rstrip(".")
            if _PLACEHOLDER_RE.search(value):
                continue
            address = _AT_WORD_RE.sub("@", value).lower()
            found.append(_Anchor(email.start(), email.start() + len(value), email=address))
    if "[" in text:
        # an address hidden by the page: it ends a contact like an address, but gives none
        found.extend(_Anchor(m.start(), m.end()) for m in _HIDDEN_EMAIL_RE.finditer(text))
        found.sort(key=lambda a: a.start)
    if _DIGIT_RE.search(text):
        # spans looked up by bisection: a line of many numbers is not compared pairwise
        addresses = list(found)
        starts = [a.start for a in addresses]
        for match in phonenumbers.PhoneNumberMatcher(text, _REGION, leniency=phonenumbers.Leniency.VALID):
            if _overlaps(addresses, starts, match.start, match.start + 1):
                continue
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            found.append(_Anchor(match.start, match.end, phone=e164))
        if "+" in text:
            found.sort(key=lambda a: a.start)
            found.extend(_broken_international(text, list(found)))
        found.sort(key=lambda a: a.start)
        found.extend(_lost_zero(text, list(found)))
    found.sort(key=lambda a: a.start)
    return tuple(found)


def _overlaps(spans: list[_Anchor], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, not overlapping; ``starts`` their starts)."""
    i = bisect_left(starts, end) - 1
    return i >= 0 and spans[i].end > start


def _broken_international(text: str, found: list[_Anchor]) -> Iterator[_Anchor]:
    """'p.+35 8295330344': a '+' number phonenumbers could not read, valid once its digits are joined."""
    starts = [a.start for a in found]
    for match in _BROKEN_INTL_RE.finditer(text):
        if _overlaps(found, starts, match.start(), match.end()):
            continue
        digits = "".join(ch for ch in match.group() if ch.isdigit())
        if not 10 <= len(digits) <= 13:
            continue
        try:
            number = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            yield _Anchor(match.start(), match.end(), phone=e164)


def _lost_zero(text: str, found: list[_Anchor]) -> Iterator[_Anchor]:
    """'p. 295 160 597' -> +358295160597: a labelled national number written without its leading zero."""
    starts = [a.start for a in found]
    for match in _LOST_ZERO_RE.finditer(text):
        start, end = match.span("number")
        if _overlaps(found, starts, start, end):
            continue
        digits = "".join(ch for ch in match.group("number") if ch.isdigit())
        try:
            number = phonenumbers.parse("0" + digits, _REGION)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            yield _Anchor(start, end, phone=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _has_placeholder_email(text: str) -> bool:
    """A note stating the address pattern: skipped, but it does not end the contact block."""
    return any(_PLACEHOLDER_RE.search(m.group()) for m in _EMAIL_RE.finditer(text))


def _part_kind(part: str) -> str:
    """Classify one comma-separated descriptor part as 'org', 'title', 'name' or 'other'."""
    words = part.split()
    if not words:
        return "other"
    if _ACRONYM_RE.match(part) or known_body(part):
        return "org"
    if _TITLE_SUFFIX_RE.search(words[-1].lower().rsplit("-", 1)[-1]) and not _ORG_RE.search(words[-1]):
        return "title"
    if words[0].lower() in _EN_ORG_HEADS and len(words) > 1:
        return "org"  # 'Unit for Eastern and Southern Africa' (while 'Head of Unit' is a title)
    if len(words) > 1 and _en_head_noun(words) in _EN_ORG_HEADS:
        return "org"  # 'Government Secretariat for EU Affairs': its head noun names a body, not a post
    first_en = words[0].lower() in _EN_TITLE_WORDS
    if _ORG_RE.search(part) and not (first_en and not re.search(r"ministry|office|agency|institute|university", part, re.I)):
        return "org"
    if first_en or any(is_title_word(w) for w in words):
        return "title"
    if 2 <= len(words) <= _MAX_NAME_TOKENS and all(is_name_token(w) for w in words):
        return "name"
    if part[:1].isupper() and len(words) <= 6:
        return "org"
    return "other"


def _en_head_noun(words: Sequence[str]) -> str | None:
    """The head of an English noun phrase, lower-cased: the word before 'for' / 'of' / 'to', or the last word.

    'Government Secretariat for EU Affairs' -> 'secretariat', 'Head of Unit' -> 'head'; None when that
    word is not capitalised (no English name of a body or a post).
    """
    head = words[-1]
    for k, word in enumerate(words):
        if k and word in ("for", "of", "to"):
            head = words[k - 1]
            break
    return head.lower() if head[:1].isupper() else None


def _clean_part(part: str) -> str:
    """Drop phone/e-mail prefix words and stray punctuation left around a descriptor part."""
    part = _HIDDEN_EMAIL_RE.sub("", part).strip(" \t\u00a0.:;")
    for _ in range(_MAX_LABEL_WORDS):
        stripped = _EMAIL_PREFIX_RE.sub("", _PHONE_PREFIX_RE.sub("", part)).rstrip()
        if stripped == part:
            break
        part = stripped
    return part.strip(" \t\u00a0.:;")


def _descriptor_parts(descriptor: str) -> list[str]:
    """Comma-separated parts; a title keeps its qualifier in brackets ('Special Adviser (EU Affairs)').

    A bracket after anything else, or holding an acronym or a known body
    ('Anna Virtanen (TEM)'), is a part of its own.
    """
    parts: list[str] = []
    for chunk in _CHUNK_SPLIT_RE.split(descriptor):
        qualified = _QUALIFIED_RE.match(chunk.strip())
        if qualified is not None:
            head = _clean_part(qualified.group("head"))
            inner = qualified.group("inner").strip()
            # a note after a name ('Olli Peltonen (ministerin kommentit)') is not part of a title
            titled = head and _part_kind(head) == "title" and not _holds_name(head)
            if titled and inner and not _is_organisation(inner):
                parts.append(f"{head} ({inner})")
                continue
        parts.extend(_BRACKET_SPLIT_RE.split(chunk))
    return [p for p in (_clean_part(x) for x in parts) if p]


def _holds_name(text: str) -> bool:
    """Whether the words end with a person's name ('Olli Peltonen'), not just a title ('Special Adviser')."""
    name = split_title_and_name(text)[1]
    return name is not None and not any(is_title_word(w) for w in name.split())


def _is_organisation(text: str) -> bool:
    """An acronym, a body the gazetteer knows, or words with an organisation's head noun ('virasto', 'Office')."""
    text = text.strip(" \t\u00a0.,;:")
    if not text or _DIGIT_RE.search(text) or "@" in text:
        return False
    if _PURE_ACRONYM_RE.match(text) or known_body(text):
        return True  # 'TEM', 'VNK'; not 'EU-ärenden', a compound word that only starts with one
    words = text.split()
    if len(words) > 1 and _PURE_ACRONYM_RE.match(words[-1]) and all(w[:1].isupper() for w in words):
        return True  # 'Lounais-Suomen AVI': a regional office under its acronym
    return _part_kind(text) == "org" and bool(_ORG_RE.search(text))


def _describe(draft: _Draft, descriptor: str, email_local: str | None, ablative: bool = False) -> None:
    """Fill name, title and organisation from the words before the anchors."""
    parts = _descriptor_parts(descriptor)
    if not parts:
        return
    first, rest = parts[0], parts[1:]
    leading = _leading_organisation(first)
    if leading is not None:
        # "ja Kelasta etuuspäällikkö Anna Berg": the organisation in the elative before the title
        draft.organization, skip = leading
        first = first[skip:]
    first, affiliation = split_affiliation(first, known_only=ablative)
    title, name = split_title_and_name(first, email_local, min_tokens=2)
    if title is not None:
        title = _GIVER_PREFIX_RE.sub("", title) or None
    if known_body(first) or (rest and _is_organisation_line(first)):
        rest = parts  # "Suomen Akatemia, tiedeasiantuntija Sari Eskola", "Kreate Oy, ...": a body, not a name
    elif name is not None and (title is None or _title_is_plausible(title)) and not _all_title_words(name):
        draft.name, draft.title = name, title
    else:
        rest = parts
    qualifiers: list[str] = []  # 'EU Affairs' after 'State Under-Secretary': one title with a comma inside
    after_title = False
    for part in rest:
        if after_title and _is_title_qualifier(part):
            qualifiers.append(part)
            continue
        if qualifiers:
            draft.title = ", ".join([draft.title or "", *qualifiers])
            qualifiers = []
        before = draft.title
        _assign_part(draft, part, email_local)
        after_title = draft.title is not None and draft.title is not before
    if qualifiers:
        draft.title = ", ".join([draft.title or "", *qualifiers])
    if affiliation and draft.organization is None:
        # "Sari Eskola Suomen Akatemiasta": the body's base form, when the gazetteer knows it
        draft.organization = _organisation_as_named(affiliation)


def _all_title_words(name: str) -> bool:
    """'Affairs' left over from 'Government Secretariat for EU Affairs': title words are nobody's name."""
    return all(is_title_word(word) for word in name.split())


def _is_title_qualifier(part: str) -> bool:
    """'EU Affairs', 'International Relations': a field written after an English title, with a comma between.

    Only domain words, acronyms and joining words; at least one domain word, and no
    word that heads a post or names a body ('Adviser', 'Unit', 'Ministry').
    """
    words = part.split()
    if not words or len(words) > 6 or not words[0][:1].isupper():
        return False
    domain = False
    for word in words:
        lower = word.lower()
        if lower in _EN_DOMAIN_WORDS:
            domain = True
        elif not (_PURE_ACRONYM_RE.match(word) or lower in _TITLE_JOINERS or lower in ("of", "&")):
            return False
    return domain


def _title_is_plausible(title: str) -> bool:
    """Words before a contact's name must read as a title, not as a sentence."""
    words = title.split()
    if words[0].lower() in STOPWORDS or len(words) > _MAX_TITLE_WORDS:
        return False
    if len(words) > 6:
        # a long title opens with its head ('Head of the Unit for Humanitarian Assistance') or
        # ends with it ('humanitaarisen avun ja kehitysyhteistyön yksikön päällikkö'), and reads
        # as one phrase: no sentence inside
        head = is_title_word(words[0]) or is_title_word(words[-1])
        clause = any(w.lower() in STOPWORDS - _TITLE_JOINERS or w.endswith((".", "!", "?", ":", ";")) for w in words)
        return head and not clause
    return any(is_title_word(w) for w in words) or all(w[:1].islower() or w.endswith((":n", "n")) for w in words)


def _assign_part(draft: _Draft, part: str, email_local: str | None = None) -> None:
    """Put one descriptor part where it belongs; the first of each kind wins."""
    kind = _part_kind(part)
    if kind == "name" and draft.name is None:
        draft.name = part
    elif kind == "name" and draft.organization is None and not _is_email_name(part, email_local):
        # a second capitalised pair after the name is the organisation: "Sari Eskola, Suomen Akatemia"
        draft.organization = part
    elif kind == "title" and draft.name is None and _title_with_name(draft, part, email_local):
        return
    elif kind == "title" and (draft.title is None or draft.title.lower() in _RANKS):
        draft.title = part  # 'eversti Mikko Rantanen, hankejohtaja': the post, not the rank, is the title
    elif kind == "org" and draft.organization is None:
        draft.organization = part
    elif kind == "title" and draft.organization is None and _ORG_RE.search(part):
        draft.organization = part


def _is_email_name(part: str, email_local: str | None) -> bool:
    """True when ``firstname.lastname@`` spells this part: then it is a person after all."""
    if not email_local:
        return False
    return _fold(part).replace(" ", ".") == _fold(email_local)


def _title_with_name(draft: _Draft, part: str, email_local: str | None) -> bool:
    """'TEM, erityisasiantuntija Petra Stenfors': a later part holds the title and the name."""
    title, name = split_title_and_name(part, email_local, min_tokens=2)
    if name is None or title is None or not _title_is_plausible(title):
        return False
    names = name.split()
    if len(names) < 2 or any(is_title_word(w) for w in names):
        return False
    draft.name = name
    draft.title = draft.title or title
    return True


def _rstrip_junk(text: str) -> str:
    """Drop trailing blanks and punctuation (a loop: ``[\\s.,;:]+$`` rescans a long run from each of its characters)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _TRAIL_JUNK):
        end -= 1
    return text[:end]


def _parse_segment(body: str, start: int, end: int, ablative: bool = False) -> _Draft | None:
    """Read one contact from ``body[start:end]``; None when it holds no name, phone or e-mail."""
    text = body[start:end]
    lead = _LEAD_JUNK_RE.match(text)
    if lead:
        start += lead.end()
        text = text[lead.end() :]
    pattern = _PLACEHOLDER_LEAD_RE.match(text)
    if pattern and _PLACEHOLDER_RE.search(pattern.group("address")):
        # '... +358 29 503 7000 etunimi.sukunimi@ely-keskus.fi Liikenneinsinööri Maija ...': the address
        # pattern closes the contact before it, and the next one starts after it
        start += pattern.end()
        text = text[pattern.end() :]
    text = _rstrip_junk(text)
    if not text:
        return None
    end = start + len(text)
    anchors = _anchors(text)
    draft = _Draft(start=start, end=end)
    phones = [a.phone for a in anchors if a.phone]
    emails = [a.email for a in anchors if a.email]
    draft.phone = phones[0] if phones else None
    draft.email = emails[0] if emails else None
    descriptor = text[: anchors[0].start] if anchors else text
    label = _LABEL_RE.match(descriptor)
    label_org: str | None = None
    if label and split_title_and_name(label.group("label"))[1] is None:
        if _part_kind(label.group("label").strip()) == "org":
            label_org = label.group("label").strip()
        descriptor = descriptor[label.end() :]
    email_local = draft.email.split("@", 1)[0] if draft.email else None
    _describe(draft, descriptor, email_local, ablative)
    if draft.organization is None:
        draft.organization = label_org
    if draft.name and not _SHARE_WORDS.isdisjoint(draft.name.lower().split()):
        draft.name = None  # 'Facebook LinkedIn Sähköposti': the page's share links under the block
    if ablative and draft.name and draft.name.endswith(("lta", "ltä")):
        draft.name = _ablative_name(draft.name)  # "saa ... Virtaselta": inflected, not as the person writes it
    draft.switchboard = bool(_SWITCHBOARD_RE.search(text))
    if anchors:
        draft.tail_org = _trailing_organisation(text[anchors[-1].end :])
        draft.organization = draft.organization or draft.tail_org
    if draft.name is None and draft.phone is None and draft.email is None:
        return None
    draft.open = draft.phone is None and draft.email is None
    return draft


def _ablative_name(name: str) -> str | None:
    """'Anna Virtaselta' -> 'Anna Virtanen'; other ablatives ('Koskelta' = Koski? Koskela?) cannot be undone."""
    words = name.split()
    last = words[-1]
    if len(words) < 2 or not last.endswith(("selta", "seltä")) or len(last) < 7:
        return None
    return " ".join(words[:-1] + [last[:-5] + "nen"])


def _trailing_organisation(text: str) -> str | None:
    """What follows a contact's anchors when it is an organisation: ', Prime Minister's Office'."""
    stripped = text.strip(" \t\u00a0.,;:")
    if not stripped or "," in stripped or len(stripped.split()) > _MAX_TRAILING_ORG_WORDS:
        return None
    return stripped if _is_organisation(stripped) else None


# --- splitting lines into segments ----------------------------------------------------


def _segments(text: str, offset: int) -> Iterator[tuple[int, int]]:
    """Cut one line into contact segments: at ';', and after a contact's anchors when a new name follows."""
    piece_start = 0
    for piece in re.split(r"(;)", text):
        if piece == ";":
            piece_start += 1
            continue
        if _anchors(piece):
            yield from _split_after_anchors(piece, offset + piece_start)
        else:
            yield from _split_conjoined(piece, offset + piece_start)
        piece_start += len(piece)


def _split_conjoined(piece: str, offset: int) -> Iterator[tuple[int, int]]:
    """'ministeri A B ja valtiosihteeri C D' without phones: cut at 'ja' only between two named people.

    Organisation names contain 'ja' too ('sosiaali- ja terveysministeriö'), so a
    cut needs a name ending the left side and a name in the right side's first part.
    """
    seg_start = 0
    for match in _CONJ_RE.finditer(piece):
        # only the parts next to the joining word matter: a bounded window keeps a long line linear
        left = _PART_SPLIT_RE.split(piece[max(seg_start, match.start() - _MAX_REGION_LINE_CHARS) : match.start()])[-1]
        right = _PART_SPLIT_RE.split(piece[match.end() : match.end() + _MAX_REGION_LINE_CHARS])[0]
        if _ends_with_name(left) and split_title_and_name(right.strip())[1] is not None:
            yield (offset + seg_start, offset + match.start())
            seg_start = match.end()
    yield (offset + seg_start, offset + len(piece))


def _ends_with_name(text: str) -> bool:
    """True when the text ends with a person's name (two capitalised words at least)."""
    return split_title_and_name(text.strip())[1] is not None


def _split_after_anchors(piece: str, offset: int) -> Iterator[tuple[int, int]]:
    """A phone or e-mail closes a contact; words after it (not 'tai 040 ...') start the next one."""
    anchors = _anchors(piece)
    seg_start = 0
    for i, anchor in enumerate(anchors):
        last = i + 1 == len(anchors)
        gap = piece[anchor.end : len(piece) if last else anchors[i + 1].start]
        lead = _ANCHOR_GAP_RE.match(gap)
        lead_end = lead.end() if lead else 0
        rest = gap[lead_end:]
        if not _starts_new_contact(rest):
            continue
        if last and _trailing_organisation(rest) is not None:
            continue  # "..., tel. 040 537 0733, Prime Minister's Office": the contact's organisation, not a contact
        cut = _organisation_before_conjunction(rest)
        if cut is not None:
            # "p. 0295 161 152, VNK ja työministerin erityisavustaja ...": VNK closes the first contact
            yield (offset + seg_start, offset + anchor.end + lead_end + cut[0])
            seg_start = anchor.end + lead_end + cut[1]
            continue
        yield (offset + seg_start, offset + anchor.end)
        seg_start = anchor.end + lead_end
    if seg_start < len(piece):
        yield (offset + seg_start, offset + len(piece))


def _organisation_before_conjunction(rest: str) -> tuple[int, int] | None:
    """'VNK ja työministerin erityisavustaja X': (end of the organisation, start of the next contact)."""
    match = _ORG_CONJ_RE.match(rest)
    if match is None or not _is_organisation(match.group("org")):
        return None
    following = rest[match.end() : match.end() + _MAX_REGION_LINE_CHARS]
    if split_title_and_name(_PART_SPLIT_RE.split(following)[0].strip())[1] is None:
        return None
    return match.end("org"), match.end()


def _starts_new_contact(rest: str) -> bool:
    """Text between anchors starts a new contact when it carries words other than phone/e-mail labels."""
    stripped = rest.strip(" \t\u00a0.,;:()")
    if not stripped or _SOFT_GAP_RE.match(stripped) or _EMAIL_RE.fullmatch(stripped):
        return False
    return bool(_LETTER_WORD_RE.search(stripped))


def _sentence_limit(text: str) -> int:
    """End of the contact part of an inline remainder: keep sentences while they carry anchors."""
    # the abbreviation is looked for in the few characters before the stop, not in all of the text before it
    ends = [m.start() for m in _SENTENCE_END_RE.finditer(text) if not _ABBREV_BEFORE_RE.search(text, max(0, m.start() - _ABBREV_WINDOW), m.start())]
    for i, cut in enumerate(ends):
        following = text[cut : ends[i + 1] if i + 1 < len(ends) else len(text)]
        if not _anchors(following):
            return cut
    return len(text)


# --- the block walk -----------------------------------------------------------------


def _lines(block: Block) -> Iterator[tuple[int, int]]:
    """Body offsets of each line of a block: contacts are written one per line."""
    pos = block.start
    for line in block.text.split("\n"):
        yield (pos, pos + len(line))
        pos += len(line) + 1


def _header(line: str) -> re.Match[str] | None:
    """Match a contact-block header at the start of a line."""
    match = _HEADER_RE.match(line)
    if match is None:
        return None
    if _COLON_ONLY_HEAD_RE.match(match.group("head")) and not match.group("colon"):
        alone = not match.group("mid").strip() and not (match.group("giver") or match.group("giver2"))
        if not (alone and _ALONE_HEAD_RE.match(match.group("head"))):
            return None
    if _FIELD_HEAD_RE.match(match.group("head")) and not match.group("colon") and match.group("mid").strip():
        return None
    return match


def _lone_header(body: str, line: str, lines: Sequence[tuple[int, int]], following: int) -> re.Match[str] | None:
    """'Kontakter' / 'Contacts' alone on its line, over a contact: it heads the block.

    A menu lists such words among others ('Nyheter' / 'Kontakter' / 'Om oss'); a box
    title stands over a person, or a title or an organisation line, whose phone or
    address comes within a few lines. ``following`` is the index in ``lines`` of the
    line under it.
    """
    match = _HEADER_RE.match(line)
    if match is None or not _LONE_HEAD_RE.match(match.group("head")):
        return None
    if match.group("colon") or match.group("giver") or match.group("giver2") or match.group("mid").strip():
        return None
    ahead = [(s, e) for s, e in lines[following : following + _LONE_HEAD_LOOKAHEAD] if body[s:e].strip()]
    if not ahead or not _opens_contact(body, *ahead[0]):
        return None
    return match if any(_anchors(body[s:e]) for s, e in ahead) else None


def _opens_contact(body: str, line_start: int, line_end: int) -> bool:
    """A line that can start a contact block: named people, a title waiting for a name, or an organisation."""
    drafts = _parse_span(body, line_start, line_end)
    if drafts and all(d.name and _looks_like_contact(d, body[d.start : d.end]) for d in drafts):
        return True
    return _title_line(body, line_start, line_end) is not None or _is_organisation_line(body[line_start:line_end])


def _is_skippable(line: str) -> bool:
    """Lines inside a contact block that are not contacts but do not end it either."""
    stripped = line.strip()
    if not stripped or _NOTE_RE.match(stripped):
        return True
    if _has_placeholder_email(stripped) and not _anchors(stripped):
        return True
    if _JOINER_LINE_RE.match(stripped):
        return True  # 'tai' between two people of a block
    if stripped.endswith(":") and len(stripped.split()) <= 6:
        return True
    return _part_kind(stripped) == "org" and len(stripped.split()) <= 6 and not _anchors(stripped)


def _hidden_only(line: str) -> bool:
    """'[email protected]' or 'sähköposti: [email protected]': a hidden address and its label, nothing else."""
    if "[" not in line or not _HIDDEN_EMAIL_RE.search(line):
        return False
    return not _clean_part(_HIDDEN_EMAIL_RE.sub(" ", line)).strip(" \t\u00a0,;:.")


def _looks_like_contact(draft: _Draft, line: str) -> bool:
    """Phone, e-mail, or a short 'title Name, ORG' / 'Name' line keeps the block going."""
    if draft.email:
        return True
    if draft.phone:
        # a sentence that happens to give a phone number names nobody: it ends the block
        return draft.name is not None or len(_WORD_RE.findall(line)) <= 6
    if draft.name is None or len(line) > _MAX_REGION_LINE_CHARS:
        return False
    if draft.title or draft.organization:
        return len(line.split()) <= 14
    return len(line.split()) <= 5


@dataclass(frozen=True, slots=True)
class _Pending:
    """A title line (with an organisation, maybe) over the name line of its contact."""

    title: str
    organization: str | None
    start: int


class _Collector:
    """Accumulates drafts in body order, merging vertical layouts into the contact above.

    ``region_org`` is the organisation the open block's header (or an
    organisation sub-header inside it) names; contacts under it that name none
    of their own get it. ``org_first`` records that the block put an
    organisation line over its first contact ('Kreate Oy' / 'työmaapäällikkö' /
    'Maija Meikäläinen'): then every organisation line in it heads the people
    under it, and none belongs to the contact above. ``pending`` is a title
    (and organisation) line waiting for the name line under it.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self.drafts: list[_Draft] = []
        self.region_org: str | None = None
        self.org_first = False
        self.block_start = 0  # how many drafts there were when the open block's header was read
        self.pending: _Pending | None = None
        self.block = 0

    def open_block(self) -> None:
        """A header starts a new block: what the block before it set does not carry over."""
        self.block += 1
        self.org_first = False
        self.block_start = len(self.drafts)
        self.pending = None

    def in_block(self) -> _Draft | None:
        """The last contact of the open block, if it has one."""
        return self.drafts[-1] if len(self.drafts) > self.block_start else None

    def add(self, draft: _Draft, mergeable: bool, shared_org: str | None = None) -> None:
        last = self.drafts[-1] if self.drafts else None
        if mergeable and last is not None and draft.name is None and self._fits(last, draft) and self._joins(last, draft):
            last.phone = last.phone or draft.phone
            last.email = last.email or draft.email
            last.organization = last.organization or draft.organization
            last.end = draft.end
            return
        draft.shared_org = shared_org
        draft.block = self.block
        pending, self.pending = self.pending, None
        if pending is not None and draft.name is not None and draft.title is None:
            # 'ylitarkastaja' on the line over 'Maija Meikäläinen': the title of the name under it
            draft.title = pending.title
            draft.organization = draft.organization or pending.organization
            draft.start = pending.start
        self.drafts.append(draft)

    @staticmethod
    def _fits(last: _Draft, draft: _Draft) -> bool:
        """Only fill fields the open contact lacks; a second phone means another contact."""
        return not (draft.phone and last.phone) and not (draft.email and last.email)

    def adjacent(self, last: _Draft, start: int) -> bool:
        """Whether ``start`` is on the line right under the contact ``last``.

        Only a note of the address pattern ('etunimi.sukunimi@avi.fi') may stand between; a blank
        line may not.
        """
        if start - last.end > _MAX_ADJACENT_GAP:
            return False  # not a line or two away: looked at no further, so a long block stays linear
        lines = self.body[last.end : start].split("\n")
        if len(lines) < 2 or lines[0].strip() or lines[-1].strip():
            return False
        return all(line.strip() and _has_placeholder_email(line) and not _anchors(line) for line in lines[1:-1])

    def _joins(self, last: _Draft, draft: _Draft) -> bool:
        """A name-only contact takes the lines under it; one with a number takes a bare number right under it.

        '•  Jussi Kemppainen, ylitarkastaja, jussi.kemppainen@gov.fi' + 'puh. 0295 330 271';
        a switchboard ('vaihde 0295 16001') is nobody's own number.
        """
        if last.open:
            return True
        bare = draft.title is None and draft.organization is None and not draft.switchboard
        return bare and self.adjacent(last, draft.start)


def _parse_span(body: str, start: int, end: int, ablative: bool = False) -> list[_Draft]:
    """Parse every contact segment of ``body[start:end]``.

    One line listing several people and ending with an organisation
    ('A, tel. ..., and B, tel. ..., Prime Minister's Office') names the
    organisation of them all; when the earlier people have an organisation of
    their own after their numbers ('A, p. ..., VNK ja B, p. ..., TEM'), it is B's only.
    """
    drafts: list[_Draft] = []
    for seg_start, seg_end in _segments(body[start:end], start):
        draft = _parse_segment(body, seg_start, seg_end, ablative)
        if draft is not None:
            drafts.append(draft)
    shared = drafts[-1].tail_org if len(drafts) > 1 else None
    if shared is not None and not any(d.tail_org for d in drafts[:-1]):
        for draft in drafts[:-1]:
            draft.organization = draft.organization or shared
    return drafts


def _add_segments(body: str, start: int, end: int, out: _Collector, ablative: bool = False, shared_org: str | None = None) -> None:
    """Parse every contact segment of ``body[start:end]`` into ``out``."""
    for draft in _parse_span(body, start, end, ablative):
        out.add(draft, mergeable=True, shared_org=shared_org)


def _handle_header_line(body: str, line_start: int, line_end: int, match: re.Match[str], out: _Collector) -> None:
    """Contacts that follow the header on its own line (``Lisätiedot: erityisasiantuntija ...``).

    The header may name the organisation of the contacts under it:
    'Lisätietoja Ruokavirastosta:', 'Lisätietoja antavat sosiaali- ja
    terveysministeriöstä:', 'Ytterligare information från Livsmedelsverket:'.
    """
    out.region_org = _organisation_base(match.group("mid"))
    rest_start = line_start + match.end()
    if rest_start >= line_end:
        return
    giver = match.group("giver") or match.group("giver2")
    rest = body[rest_start:line_end]
    whole = _organisation_base(rest)
    if whole is not None:
        out.region_org = whole
        return
    leading = _leading_organisation(rest)
    if leading is not None:
        out.region_org, skip = leading
        rest_start += skip
        rest = body[rest_start:line_end]
    limit = _sentence_limit(rest) if giver else len(rest)
    ablative = bool(giver and _ABLATIVE_GIVER_RE.match(giver))
    _add_segments(body, rest_start, rest_start + limit, out, ablative, out.region_org)


def _organisation_base(text: str) -> str | None:
    """An organisation named in a header, in its base form: 'Ruokavirastosta' -> 'Ruokavirasto', 'THL:stä' -> 'THL'.

    None when the words name no organisation ('hankkeesta', 'antaa').
    """
    text = _HEADER_PREPOSITION_RE.sub("", text.strip(" \t\u00a0.,;:"))
    words = text.split()
    if not words or len(words) > _MAX_ORG_TOKENS or _DIGIT_RE.search(text) or "@" in text:
        return None
    if _gazetteer_hit(text) is not None:
        return _organisation_as_named(text)
    last = words[-1]
    if _ACRONYM_CASE_RE.match(last):
        return last.split(":", 1)[0] if len(words) == 1 else None
    base = _elative_base(last)
    candidate = " ".join(words[:-1] + [base]) if base else text
    return candidate if _is_organisation(candidate) else None


def _elative_base(word: str) -> str | None:
    """'ministeriöstä' -> 'ministeriö', 'laitokselta' -> 'laitos', 'liitosta' -> 'liitto'; None for no elative/ablative."""
    lower = word.lower()
    for ending, base in _ORG_HEAD_CASES:
        if lower.endswith(ending):
            return word[: len(word) - len(ending)] + base
    if lower.endswith(("ksesta", "ksestä", "kselta", "kseltä")):
        return word[:-5] + "s"  # laitokselta -> laitos, keskuksesta -> keskus
    if _ELATIVE_RE.search(lower) and len(word) > 5:
        return word[:-3]
    return None


def _leading_organisation(text: str) -> tuple[str, int] | None:
    """'sosiaali- ja terveysministeriöstä hallitusneuvos X, ...': (organisation, offset of what follows)."""
    tokens = list(_TOKEN_RE.finditer(text[:_MAX_REGION_LINE_CHARS]))
    for k, token in enumerate(tokens[:_MAX_ORG_TOKENS]):
        word = token.group().rstrip(":,")
        if not (_ELATIVE_RE.search(word) or _ACRONYM_CASE_RE.match(word)):
            continue
        before = [t.group() for t in tokens[:k]]
        if not all(w in ("ja", "och") or w.endswith(("-", "n")) or (w.islower() and not is_title_word(w)) for w in before):
            return None
        org = _organisation_base(text[: token.end()])
        if org is None or k + 1 >= len(tokens):
            return None
        return org, tokens[k + 1].start()
    return None


def _may_open_header(lowered: str, line_start: int, line_end: int) -> bool:
    """Whether the line can match _HEADER_RE: it must open with a head word (``lowered`` is ``_lower(body)``)."""
    while line_start < line_end and lowered[line_start] in " \t\u00a0":
        line_start += 1
    return lowered.startswith(_HEAD_WORDS, line_start, line_end)


def _holds(hits: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted positions ``hits`` lies in ``[start, end)``."""
    i = bisect_left(hits, start)
    return i < len(hits) and hits[i] < end


def _handle_inline(body: str, line_start: int, line_end: int, out: _Collector) -> None:
    """``... Lisätietoja antaa erityisasiantuntija X, p. 029 ...`` inside a prose paragraph."""
    line = body[line_start:line_end]
    for match in _INLINE_RE.finditer(line):
        if _COLON_ONLY_HEAD_RE.match(match.group("head")) and not match.group("colon"):
            continue
        giver = match.group("giver") or match.group("giver2")
        rest = line[match.end() :]
        limit = _sentence_limit(rest)
        sentence = rest[:limit]
        if not _anchors(sentence):
            continue
        ablative = bool(giver and _ABLATIVE_GIVER_RE.match(giver))
        base = line_start + match.end()
        _add_segments(body, base, base + limit, out, ablative, _organisation_base(match.group("mid")))


def find_contacts(body: str, blocks: Sequence[Block], language: str = "fi") -> list[Contact]:
    """Contacts of a release in body order: named people only.

    A header opens a contact region that runs over the following lines and
    blocks while they look like contacts; outside regions only sentences that
    say "lisätietoja"/"information" with a phone or e-mail count, and lines
    shaped wholly as 'Name, title, tel. ...', so phone numbers in ordinary
    prose never become contacts. A switchboard, a service address or a number
    with no person's name is read (it keeps a block going and may complete the
    contact above it) but is not returned. All three languages' headers are
    always tried, because releases mix them (a Finnish page with a Swedish
    contact line); ``language`` decides only how a capitalised title is written.
    """
    out = _Collector(body)
    in_region = False
    # Most lines neither open with a head word nor hold one after a sentence end: two cheap
    # looks at the lower-cased body spare them _HEADER_RE and _INLINE_RE.
    lowered = _lower(body)
    inline_hits = [hit.start() for hit in _INLINE_GATE_RE.finditer(lowered)]
    lines = [(start, end) for block in blocks for start, end in _lines(block)]
    after = 0  # index in ``lines`` of the line after the current one
    for block in blocks:
        block_lines = list(_lines(block))
        after += len(block_lines)
        if block.kind == "heading" and not (_header(block.text) or _lone_header(body, block.text, lines, after)):
            in_region = False
            out.region_org = None
            out.open_block()
            continue
        for k, (line_start, line_end) in enumerate(block_lines):
            header = None
            if _may_open_header(lowered, line_start, line_end):
                line = body[line_start:line_end]
                header = _header(line) or _lone_header(body, line, lines, after - len(block_lines) + k + 1)
            if header is not None:
                in_region = True
                out.open_block()
                _handle_header_line(body, line_start, line_end, header, out)
                continue
            if in_region:
                in_region = _handle_region_line(body, line_start, line_end, out)
                if in_region:
                    continue
                out.region_org = None
                out.open_block()
            found = len(out.drafts)
            if _holds(inline_hits, line_start, line_end):
                _handle_inline(body, line_start, line_end, out)
            if len(out.drafts) == found:
                for draft in _bare_contact_line(body, line_start, line_end):
                    out.add(draft, mergeable=False)
    drafts = [d for d in out.drafts if d.name]
    last_anchored: dict[int, int] = {}  # per block, where its last contact with a phone or address starts
    for draft in drafts:
        if draft.phone or draft.email:
            last_anchored[draft.block] = draft.start
    text_end = len(body.rstrip())
    return [
        d.to_contact(body, language) for d in drafts if not _tag_line(body, d, last_anchored.get(d.block)) and not _cut_off_name(body, d, text_end)
    ]


def _bare(draft: _Draft) -> bool:
    """A name and nothing of its own: no title, organisation, phone or e-mail."""
    return not (draft.title or draft.organization or draft.phone or draft.email)


def _tag_line(body: str, draft: _Draft, last_anchored: int | None) -> bool:
    """'Erkki Esimerkki' alone on a line under a block's contacts: a tag or a byline, not a contact.

    Only a bare name on a line of its own, after the last contact of its block that
    gives a phone or an address (``last_anchored``, where it starts); a name above
    such a contact, or one a title or a number completes, stays a contact.
    """
    if last_anchored is None or last_anchored > draft.start or not _bare(draft):
        return False
    line_start = body.rfind("\n", 0, draft.start) + 1
    line_end = body.find("\n", draft.end)
    line = body[line_start : len(body) if line_end < 0 else line_end]
    return line.strip(" \t\u00a0.,;") == body[draft.start : draft.end]


def _cut_off_name(body: str, draft: _Draft, text_end: int) -> bool:
    """'..., ja projektipäällikkö Saara Ylik' at the very end of the text: the name may be cut short.

    A name is known complete only when something follows it (a comma, a title, a
    number, an address); a contact whose name is the last thing of the text
    (``text_end``: where trailing blanks start) is dropped.
    """
    if draft.phone or draft.email or not draft.name or draft.end < text_end:
        return False
    return body[draft.start : draft.end].endswith(draft.name)


def _handle_region_line(body: str, line_start: int, line_end: int, out: _Collector) -> bool:
    """Add a contact line inside a region; False when the line ends the region."""
    line = body[line_start:line_end]
    if _hidden_only(line):
        # '[email protected]' under a contact: its address, hidden by the page; it closes the contact
        last = out.in_block()
        start = line_start + len(line) - len(line.lstrip())
        if last is not None and out.adjacent(last, start):
            last.open = False
            last.end = line_start + len(line.rstrip())
        return True
    if (out.org_first or out.in_block() is None) and _is_organisation_line(line):
        # 'Kreate Oy' over 'työmaapäällikkö' / 'Maija Meikäläinen': the organisation of the people under it
        out.region_org = line.strip(" \t\u00a0:.,;")
        out.org_first = True
        out.pending = None
        return True
    if _completes_open_draft(body, line_start, line_end, out):
        return True
    drafts = _parse_span(body, line_start, line_end)
    if drafts and all(_looks_like_contact(d, body[d.start : d.end]) for d in drafts):
        for draft in drafts:
            out.add(draft, mergeable=True, shared_org=out.region_org)
        return True
    pending = _title_line(body, line_start, line_end)
    if pending is not None:
        out.pending = pending
        return True
    if not _is_skippable(line):
        return False
    subheader = line.strip(" \t\u00a0:")
    if _is_organisation(subheader) and len(subheader.split()) <= _MAX_ORG_TOKENS:
        out.region_org = subheader  # "Sosiaali- ja terveysministeriö:" over the contacts that follow
    return True


def _is_organisation_line(line: str) -> bool:
    """A line that only names an organisation: 'Kreate Oy', 'Pohjois-Pohjanmaan ELY-keskus', 'Ruokavirasto:'.

    Its last word must end in an organisation's head ('Oy', '-keskus', '-virasto') or
    be an acronym, or the gazetteer must know the whole: 'Anna Keskustalo' is a person.
    """
    text = line.strip(" \t\u00a0:.,;")
    words = text.split()
    if not words or len(words) > _MAX_ORG_TOKENS or _anchors(text) or not _is_organisation(text):
        return False
    if any(_part_kind(part) != "org" for part in text.split(",") if not part.strip().endswith("-")):
        return False  # 'Liisa Virtanen, sosiaali- ja terveysministeriö' is a person with an organisation
    last = words[-1]
    if _PURE_ACRONYM_RE.match(last) or known_body(text):
        return True
    return any(m.end() == len(last) for m in _ORG_RE.finditer(last))


def _title_line(body: str, line_start: int, line_end: int) -> _Pending | None:
    """'työmaapäällikkö' or 'Liikenneturvallisuusinsinööri, Pohjois-Pohjanmaan ELY-keskus' alone on a line.

    A title, and at most one organisation beside it, with no name: it waits for the
    name on the line under it.
    """
    start, end = line_start, line_end
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1] in " \t\u00a0.,;":
        end -= 1
    text = body[start:end]
    if not text or text.endswith(":") or "@" in text or len(text.split()) > _MAX_TITLE_WORDS or _anchors(text):
        return None
    parts = _descriptor_parts(text)
    kinds = [_part_kind(part) for part in parts]
    titles = [part for part, kind in zip(parts, kinds) if kind == "title"]
    orgs = [part for part, kind in zip(parts, kinds) if kind == "org"]
    if len(titles) != 1 or len(orgs) > 1 or len(titles) + len(orgs) != len(parts):
        return None
    title = titles[0]
    words = title.split()
    if words[0].lower() in STOPWORDS or _holds_name(title) or not _title_is_plausible(title):
        return None
    if not (is_title_word(words[0]) or is_title_word(words[-1])):
        return None
    return _Pending(title, orgs[0] if orgs else None, start)


def _completes_open_draft(body: str, line_start: int, line_end: int, out: _Collector) -> bool:
    """A title or organisation alone on the line under a name-only line belongs to that contact.

    Name, title and organisation lines come before the numbers; after them only
    an organisation right under the contact is its own ('Lounais-Suomen AVI'),
    not a sub-header or a service ('Tekniskt stöd:', 'E-tjänsten för ...').
    """
    last = out.in_block()
    trimmed_start, trimmed_end = line_start, line_end
    while trimmed_start < trimmed_end and body[trimmed_start].isspace():
        trimmed_start += 1
    while trimmed_end > trimmed_start and body[trimmed_end - 1] in " \t\u00a0.,;":
        trimmed_end -= 1
    line = body[trimmed_start:trimmed_end]
    if last is None or not line or line.endswith(":") or "@" in line or len(line.split()) > 8 or _anchors(line):
        return False
    if body[line_start:line_end].rstrip().endswith((".", "!", "?")) and not _is_organisation(line):
        return False  # 'Rataosuus avataan liikenteelle syksyllä.': a sentence under the block, no organisation
    kind = _part_kind(line)
    if last.open and not (last.phone or last.email) and "," in line and _completes_with_parts(last, line):
        last.end = trimmed_end
        return True
    if not last.open or last.phone or last.email:
        if kind != "org" or last.organization is not None or not out.adjacent(last, trimmed_start):
            return False
        if out.org_first or not _is_organisation(line):
            return False  # in a block that puts organisations first, this one heads the next people
        last.organization = line
    elif kind == "title" and last.title is None:
        last.title = line
    elif kind == "org" and last.organization is None:
        last.organization = line
    else:
        return False
    last.end = trimmed_end
    return True


def _completes_with_parts(last: _Draft, line: str) -> bool:
    """'Liikenneturvallisuusinsinööri, Pohjois-Pohjanmaan ELY-keskus' under a name: its title and organisation."""
    parts = _descriptor_parts(line)
    if len(parts) != 2:
        return False
    kinds = sorted((_part_kind(part), part) for part in parts)
    if [kind for kind, _ in kinds] != ["org", "title"] or last.title is not None or last.organization is not None:
        return False
    last.organization, last.title = kinds[0][1], kinds[1][1]
    return True


def _bare_contact_line(body: str, line_start: int, line_end: int) -> list[_Draft]:
    """'Katariina Vuorela, Ministerial Adviser, tel. +358 295 34 2029' with no header over it.

    Only a line that is wholly contacts counts: each one a name, a title and a
    phone or e-mail, with nothing but an organisation, names and titles in
    front of the numbers and nothing after them but an organisation; a name
    and a number alone, or a sentence around them, is not enough.
    """
    line = body[line_start:line_end]
    if len(line) > _MAX_BARE_LINE_CHARS or not (_NUMBER_GATE_RE.search(line) or _AT_GATE_RE.search(line)):
        return []
    # two capitalised words (the name) among the first few: spares prose lines the phone matcher
    words = line.split(None, _BARE_NAME_WITHIN + 1)[: _BARE_NAME_WITHIN + 1]
    if not any(is_name_token(a) and is_name_token(b.rstrip(",")) for a, b in zip(words, words[1:])):
        return []
    drafts = _parse_span(body, line_start, line_end)
    if not drafts:
        return []
    pos = line_start
    for draft in drafts:
        if draft.name is None or draft.title is None or not (draft.phone or draft.email):
            return []
        if _LETTER_WORD_RE.search(_SOFT_JOIN_RE.sub("", body[pos : draft.start])):
            return []
        text = body[draft.start : draft.end]
        anchors = _anchors(text)
        descriptor = text[: anchors[0].start]
        if _GIVER_PREFIX_RE.match(descriptor) or _LABEL_RE.match(descriptor):
            return []  # "Yhteyshenkilö antaa ...", "Kuva: ...": a sentence or a caption, not a bare contact line
        if "other" in {_part_kind(part) for part in _descriptor_parts(descriptor)}:
            return []
        pos = draft.end
    if _LETTER_WORD_RE.search(body[pos:line_end]):
        return []
    return drafts
