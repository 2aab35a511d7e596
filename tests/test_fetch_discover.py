"""Discovery parsers (feeds, sitemaps, listings, URL lists), source profiles and the date window."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.fetch.crawler import DateWindow
from pipeline.fetch.discover import (
    DiscoveryError,
    Link,
    parse_feed,
    parse_listing,
    parse_sitemap,
    parse_w3c_datetime,
    read_url_list,
)
from pipeline.fetch.sources import group_id_of, load_profiles, ministry_for_url

VN = "https://valtioneuvosto.fi"

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
  <channel>
    <title>Government press releases</title>
    <link>{VN}/en/staattiset-feedit-en/-/asset_publisher/00Qguh1GvAiJ/rss</link>
    <item>
      <title>Proposal to change residence permit for startup entrepreneurs</title>
      <link>{VN}/en/-/1410877/proposal-to-change-residence-permit</link>
      <description>&lt;p&gt;Under the current rules ...&lt;/p&gt;</description>
      <dc:date>2026-05-27T12:55:47Z</dc:date>
    </item>
    <item>
      <title>Hallitus esittää</title>
      <link>{VN}/-/1271139/hallitus-esittaa#top</link>
      <pubDate>Thu, 02 May 2024 10:00:00 +0300</pubDate>
    </item>
    <item><title>No date</title><link>/-/10616/suhteellinen</link></item>
    <item><title>No link at all</title></item>
  </channel>
</rss>""".encode()

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Defmin.fi</title><id>urn:x</id><updated>2026-03-16T10:00:00Z</updated>
<entry><title>Uutinen</title><id>https://defmin.fi/-/1948673/uutinen</id><updated>2026-03-16T09:00:00+02:00</updated></entry>
<entry><title>Tiedote</title><link href="https://defmin.fi/-/1948673/tiedote"/><published>2026-03-15T08:00:00Z</published></entry>
</feed>"""


# -- feeds --------------------------------------------------------------------------------------------


def test_rss_items_become_links_with_what_their_date_means():
    links = parse_feed(RSS, f"{VN}/en/staattiset-feedit-en/-/asset_publisher/00Qguh1GvAiJ/rss")
    assert [link.url for link in links] == [
        f"{VN}/en/-/1410877/proposal-to-change-residence-permit",
        f"{VN}/-/1271139/hallitus-esittaa",
        f"{VN}/-/10616/suhteellinen",
    ]
    dc, pub, none = links
    assert (dc.date, dc.date_kind) == (datetime(2026, 5, 27, 12, 55, 47, tzinfo=UTC), "modified")
    assert (pub.date, pub.date_kind) == (datetime(2024, 5, 2, 7, 0, tzinfo=UTC), "published")
    assert none.date is None and none.date_kind is None


def test_atom_entries_with_id_only_or_link():
    links = parse_feed(ATOM, "https://defmin.fi/feed")
    assert [(link.url, link.date_kind) for link in links] == [
        ("https://defmin.fi/-/1948673/uutinen", "modified"),
        ("https://defmin.fi/-/1948673/tiedote", "published"),
    ]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title><item><link>https://x.fi/-/1/a</link></item></channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title><item><link>https://x.fi/-/1/a</link></item></channel></rss>"""

XXE_PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<rss version="2.0"><channel><title>x</title></channel></rss>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE, XXE_PARAMETER, BILLION_LAUGHS.replace(b"</rss>", b"")])
def test_feeds_with_entity_declarations_are_refused(data):
    with pytest.raises(DiscoveryError, match="unsafe XML"):
        parse_feed(data, "https://x.fi/feed")


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE])
def test_sitemaps_with_entity_declarations_are_refused(data):
    doc = data.replace(b"rss", b"urlset")
    with pytest.raises(DiscoveryError, match="unsafe XML"):
        parse_sitemap(doc, "https://x.fi/sitemap.xml")


def test_rss_with_a_plain_doctype_and_no_entities_is_read():
    data = RSS.replace(
        b"<rss ", b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://127.0.0.1:9/rss.dtd">\n<rss ', 1
    )
    assert len(parse_feed(data, "https://x.fi/feed")) == 3


@pytest.mark.parametrize("data", [b"<html><body><p>Not a feed</p></body></html>", b"", b"just text"])
def test_non_feeds_are_reported(data):
    with pytest.raises(DiscoveryError):
        parse_feed(data, "https://x.fi/feed")


# -- sitemaps ------------------------------------------------------------------------------------------------

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://valtioneuvosto.fi/sitemap.xml?p_l_id=2&amp;layoutUuid=abc&amp;groupId=10616</loc><lastmod>2024-05-01</lastmod></sitemap>
  <sitemap><loc>https://valtioneuvosto.fi/sitemap-2.xml.gz</loc></sitemap>
</sitemapindex>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://valtioneuvosto.fi/-/1410877/a</loc><lastmod>2024-05-02T10:00:00+03:00</lastmod></url>
  <url><loc>https://valtioneuvosto.fi/-/1410877/b</loc>
       <news:news><news:publication_date>2024-04-30</news:publication_date></news:news>
       <lastmod>2024-05-03</lastmod></url>
  <url><loc>https://valtioneuvosto.fi/hallitus</loc></url>
  <url><lastmod>2024-01-01</lastmod></url>
</urlset>"""


def test_sitemap_index_lists_child_sitemaps_with_lastmod():
    links = parse_sitemap(INDEX, "https://valtioneuvosto.fi/sitemap.xml")
    assert [link.kind for link in links] == ["sitemap", "sitemap"]
    assert links[0].url == "https://valtioneuvosto.fi/sitemap.xml?p_l_id=2&layoutUuid=abc&groupId=10616"
    assert links[0].date == datetime(2024, 5, 1, tzinfo=UTC) and links[0].date_only
    assert links[1].date is None


def test_urlset_pages_prefer_news_publication_date_over_lastmod():
    links = parse_sitemap(URLSET, "https://valtioneuvosto.fi/sitemap.xml")
    assert [link.url for link in links] == [
        "https://valtioneuvosto.fi/-/1410877/a",
        "https://valtioneuvosto.fi/-/1410877/b",
        "https://valtioneuvosto.fi/hallitus",
    ]
    assert (links[0].date, links[0].date_kind, links[0].date_only) == (datetime(2024, 5, 2, 7, tzinfo=UTC), "modified", False)
    assert (links[1].date_kind, links[1].date_only) == ("published", True)


def test_gzip_sitemap_is_read_and_a_gzip_bomb_is_not():
    links = parse_sitemap(gzip.compress(URLSET), "https://valtioneuvosto.fi/sitemap.xml.gz")
    assert len(links) == 3
    bomb = gzip.compress(b"<urlset>" + b" " * (3 * 2**20) + b"</urlset>")
    with pytest.raises(DiscoveryError, match="gzip"):
        parse_sitemap(bomb, "https://x.fi/s.xml.gz", max_decoded=2**20)


def test_text_sitemap_and_feed_as_sitemap():
    text = b"https://tem.fi/-/1410877/a\nhttps://tem.fi/-/1410877/b\n"
    assert [link.url for link in parse_sitemap(text, "https://tem.fi/sitemap.txt")] == [
        "https://tem.fi/-/1410877/a",
        "https://tem.fi/-/1410877/b",
    ]
    assert len(parse_sitemap(RSS, "https://x.fi/sitemap.xml")) == 3


@pytest.mark.parametrize(
    "data",
    [b"<html><body>Sivua ei l\xc3\xb6ytynyt</body></html>", b"<urlset><url><loc>https://x.fi/a</loc>", b"Sivua ei l\xc3\xb6ytynyt"],
)
def test_not_a_sitemap_is_reported(data):
    with pytest.raises(DiscoveryError):
        parse_sitemap(data, "https://x.fi/sitemap.xml")


@pytest.mark.parametrize(
    "value,expected,day",
    [
        ("2024-05-02", datetime(2024, 5, 2, tzinfo=UTC), True),
        ("2024-05", datetime(2024, 5, 1, tzinfo=UTC), False),
        ("2024-05-02T10:00Z", datetime(2024, 5, 2, 10, tzinfo=UTC), False),
        ("2024-05-02T10:00:00.5+03:00", datetime(2024, 5, 2, 7, 0, 0, 500000, tzinfo=UTC), False),
        ("2.5.2024", None, False),
        ("", None, False),
    ],
)
def test_w3c_datetimes(value, expected, day):
    parsed, date_only = parse_w3c_datetime(value)
    assert parsed == expected
    if expected is not None and value != "2024-05":
        assert date_only is day


# -- listing pages ---------------------------------------------------------------------------------------------

LISTING = """<html><head><base href="https://valtioneuvosto.fi/en/"></head><body>
<nav><a href="/en/frontpage">Frontpage</a><a href="/en/current-issues">Current issues</a></nav>
<ul>
 <li><a href="/en/-/1410877/save-electricity-on-friday">Save electricity on Friday</a></li>
 <li><a href="-/1410869/stricter-conditions">Stricter conditions</a></li>
 <li><a href="https://valtioneuvosto.fi/en/-/1410877/save-electricity-on-friday">duplicate</a></li>
 <li><a href="https://twitter.com/share?url=/en/-/1/x">Share</a></li>
</ul>
<div class="pagination"><a href="?page=1">Previous</a> <a href="?page=1">1</a> <a href="?page=3" aria-label="Next page">›</a></div>
</body></html>""".encode()

LINK_PATTERN = re.compile(r"^https://valtioneuvosto\.fi/(?:en/)?-/\d+/")


def test_listing_finds_release_links_once_and_the_next_page():
    links, next_url = parse_listing(LISTING, "https://valtioneuvosto.fi/en/current-issues/press-releases?page=2", link_pattern=LINK_PATTERN)
    assert [link.url for link in links] == [
        "https://valtioneuvosto.fi/en/-/1410877/save-electricity-on-friday",
        "https://valtioneuvosto.fi/en/-/1410869/stricter-conditions",
    ]
    assert next_url == "https://valtioneuvosto.fi/en/?page=3"


@pytest.mark.parametrize(
    "pagination,expected",
    [
        ('<a href="/l?p=2" rel="next">2</a>', "/l?p=2"),
        ('<a href="/l?p=2">Seuraava sivu</a>', "/l?p=2"),
        ('<a href="/l?p=2">Nästa ›</a>', "/l?p=2"),
        ('<a href="/l?p=2"><span>Next</span></a>', "/l?p=2"),
        ('<a href="/l?p=2">»</a>', "/l?p=2"),
        ('<a href="/l?p=2">Next page</a>', "/l?p=2"),
        ('<a href="/l?p=0">Edellinen</a><a href="/l?p=5">5</a>', None),
        ('<a href="/l?p=0">Föregående</a>', None),
        ('<a href="/next-generation-networks">Next generation networks policy</a>', None),
        ('<a href="/l?p=1">Seuraava</a>', None),  # points at this very page
    ],
)
def test_next_page_detection(pagination, expected):
    html = f"<html><head></head><body><a href='/-/1/a'>a</a>{pagination}</body></html>".encode()
    _, next_url = parse_listing(html, "https://x.fi/l?p=1", link_pattern=re.compile(r"/-/\d+/"))
    assert next_url == (f"https://x.fi{expected}" if expected else None)


def test_link_rel_next_in_head_wins():
    html = b"<html><head><link rel='next' href='/l?p=9'></head><body><a href='/l?p=2'>Seuraava</a></body></html>"
    _, next_url = parse_listing(html, "https://x.fi/l", link_pattern=re.compile(r"/-/"))
    assert next_url == "https://x.fi/l?p=9"


# -- URL lists --------------------------------------------------------------------------------------------------


def test_url_list_skips_comments_and_blank_lines(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("\ufeff# releases\n\nhttps://tem.fi/-/1410877/a\n  HTTPS://STM.FI/-/1271139/b#x  \n", encoding="utf-8")
    assert read_url_list(str(path)) == ["https://tem.fi/-/1410877/a", "https://stm.fi/-/1271139/b"]


@pytest.mark.parametrize("line", ["tem.fi/-/1410877/a", "ftp://tem.fi/x", "<a href='https://tem.fi'>"])
def test_url_list_bad_line_is_reported_with_its_number(tmp_path, line):
    path = tmp_path / "urls.txt"
    path.write_text(f"https://tem.fi/-/1/ok\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"urls.txt:2"):
        read_url_list(str(path))


def test_url_list_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_url_list(str(tmp_path / "nope.txt"))


# -- source profiles ---------------------------------------------------------------------------------------------


def test_builtin_profiles_have_the_known_feed_and_ministry_scoping():
    profiles = load_profiles()
    vn = profiles.get("valtioneuvosto")
    assert f"{VN}/en/staattiset-feedit-en/-/asset_publisher/00Qguh1GvAiJ/rss" in vn.feeds
    tem = profiles.get("tem")
    assert tem.feeds == vn.feeds and tem.group_ids == frozenset({"1410877"})
    assert tem.accepts(Link(f"{VN}/en/-/1410877/x"), "feed")
    assert not tem.accepts(Link(f"{VN}/en/-/1271139/x"), "feed")
    assert not tem.accepts(Link(f"{VN}/en/current-issues"), "feed")


def test_profile_url_pattern_applies_to_sitemaps_not_feeds():
    vn = load_profiles().get("valtioneuvosto")
    assert vn.accepts(Link(f"{VN}/-/1410877/x"), "sitemap")
    assert vn.accepts(Link(f"{VN}/sv/-/1410877/x"), "sitemap")
    assert vn.accepts(Link(f"{VN}/en/-//10616/budget-proposal"), "sitemap")
    assert not vn.accepts(Link(f"{VN}/hallitus/hallitusohjelma"), "sitemap")
    assert not vn.accepts(Link("https://tem.fi/-/1410877/x"), "sitemap")
    assert vn.accepts(Link(f"{VN}/hallitus/hallitusohjelma"), "feed")


def test_unknown_source_lists_the_known_ones():
    with pytest.raises(InputError, match="known sources: .*valtioneuvosto"):
        load_profiles().get("valtioneuvost")


def test_user_sources_file_extends_and_overrides(tmp_path):
    path = tmp_path / "sources.json"
    path.write_text(
        json.dumps(
            {
                "ministries": {"4242424": {"abbr": "UM", "fi": "ulkoministeriö"}, "10623": {"abbr": "VM", "fi": "vm (oma nimi)"}},
                "vn_hosts": ["www.um.example"],
                "sources": {
                    "tem": {"feeds": ["https://tem.fi/feed"], "url_pattern": "^https://tem\\.fi/-/"},
                    "omat": {
                        "sitemaps": ["https://example.fi/sitemap.xml"],
                        "listings": [{"url": "https://example.fi/uutiset", "link_pattern": "/-/"}],
                    },
                },
            }
        ),
        encoding="utf-8",
    )
    profiles = load_profiles(path)
    assert profiles.get("tem").feeds == ("https://tem.fi/feed",) and not profiles.get("tem").group_ids
    assert profiles.get("omat").listings[0].max_pages == 10
    assert profiles.get("valtioneuvosto").feeds  # built-ins stay
    assert ministry_for_url("https://valtioneuvosto.fi/-/4242424/x", profiles).abbr == "UM"  # type: ignore[union-attr]
    assert ministry_for_url("https://um.example/-/4242424/x", profiles).fi == "ulkoministeriö"  # type: ignore[union-attr]
    assert ministry_for_url("https://vm.fi/-/10623/x", profiles).fi == "vm (oma nimi)"  # type: ignore[union-attr]
    assert ministry_for_url("https://valtioneuvosto.fi/-/1410829/x", profiles).abbr == "LVM"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "content,message",
    [
        ("{not json", "not valid JSON"),
        ('{"sources": {"x": {"feeds": "https://a.fi"}}}', "list of http"),
        ('{"sources": {"x": {"feeds": ["ftp://a.fi"]}}}', "list of http"),
        ('{"sources": {"x": {"url_pattern": "(["}}}', "bad regular expression"),
        ('{"sources": {"x": {"extends": "nope"}}}', "unknown or circular"),
        ('{"sources": {"x": {"listings": [{"url": "https://a.fi"}]}}}', "link_pattern"),
        ('{"ministries": {"abc": {"abbr": "X", "fi": "x"}}}', "numeric"),
        ('{"ministries": {"1": {"abbr": "X", "fi": "x", "aliases": "y"}}}', "aliases"),
        ('{"vn_hosts": "valtioneuvosto.fi"}', "vn_hosts"),
        ('{"sources": {"x": {"publishers": [""]}}}', "publishers"),
    ],
)
def test_bad_sources_files_are_usage_errors(tmp_path, content, message):
    path = tmp_path / "s.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_profiles(path)


@pytest.mark.parametrize(
    "url,gid,abbr",
    [
        ("https://valtioneuvosto.fi/-/1410877/pk-yritysbarometri-1", "1410877", "TEM"),
        ("https://valtioneuvosto.fi/sv/-/1271139/x?languageId=sv_SE", "1271139", "STM"),
        ("https://valtioneuvosto.fi/en/-//10616/budget-proposal-for-2021", "10616", "VNK"),
        ("https://tem.fi/-/1410877/x", "1410877", "TEM"),
        ("https://valtioneuvosto.fi/-/ministeri-tavio-vierailee-virossa", None, None),
        ("https://valtioneuvosto.fi/en/staattiset-feedit-en/-/asset_publisher/00Qguh1GvAiJ/rss", None, None),
        ("https://valtioneuvosto.fi/-/99999999/x", "99999999", None),
        # the feeds README's table (real feed items, Openmag commit 1682adc1)
        ("https://valtioneuvosto.fi/-/1410829/hallitus-esittaa-lakia-alusturvallisuuden-valvonnasta", "1410829", "LVM"),
        ("https://valtioneuvosto.fi/-/1410837/x", "1410837", "MMM"),
        ("https://valtioneuvosto.fi/-/1410845/x", "1410845", "OKM"),
        ("https://valtioneuvosto.fi/-/1410853/x", "1410853", "OM"),
        ("https://valtioneuvosto.fi/-/1410869/lakiesitys-henkilotietojen-kasittelysta", "1410869", "SM"),
        ("https://valtioneuvosto.fi/-/1410903/panssarilaiva-ilmarisen-hylysta", "1410903", "YM"),
        ("https://valtioneuvosto.fi/-/10623/ehdotus-veroasioiden-digitalisoinnin-edistamisesta-lausunnolle", "10623", "VM"),
        ("https://valtioneuvosto.fi/-/236553176/epailty-ilmatilaloukkaus-suomenlahdella-8", "236553176", "PLM"),
        ("https://ym.fi/-/194055633/vuoden-2025-parhaat-vapaaehtoiset-kestavyyssitoumukset-palkittiin", "194055633", "VNK"),
        ("https://www.lvm.fi/-/10623/valtioneuvosto-paivittaa-suomen-digikompassia-", "10623", "VM"),
        # the 2017 form of a release URL (a real TEM release in the dev set)
        ("http://valtioneuvosto.fi/en/article/-/asset_publisher/1410877/ministeri-lintila-business-finland", "1410877", "TEM"),
        # another Liferay site: its numbers are its own
        ("https://www.stea.fi/-/1410877/x", "1410877", None),
        ("https://www.stea.fi/web/sv/-/382-organisationer-ansokte-om-extra-understod", None, None),
        ("not a url", None, None),
        ("https://[::1/-/1410877/x", None, None),
    ],
)
def test_group_id_and_ministry_of_release_urls(url, gid, abbr):
    assert group_id_of(url) == gid
    ministry = ministry_for_url(url)
    assert (ministry.abbr if ministry else None) == abbr


def test_ministry_reads_like_a_dict_too():
    ministry = ministry_for_url("https://valtioneuvosto.fi/-/236553176/muutoksia-kenraalikunnassa-1")
    assert ministry is not None
    assert (ministry["fi"], ministry["sv"], ministry["en"]) == ("puolustusministeriö", "försvarsministeriet", "Ministry of Defence")
    assert ministry.get("host") == "defmin.fi" and ministry.get("nope", 1) == 1 and ministry.name("sv") == "försvarsministeriet"
    assert ministry.as_dict()["group_id"] == "236553176"
    with pytest.raises(KeyError):
        ministry["nope"]
    vnk = ministry_for_url("https://valtioneuvosto.fi/en/-/10616/prime-minister-marin-to-attend-european-council-and-euro-summit")
    assert vnk is not None and "Government Communications Department" in vnk.names()


SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def test_the_group_id_table_agrees_with_the_feeds_readme():
    readme = SHARED / "feeds" / "README.md"
    if not readme.is_file():
        pytest.skip("../shared/data/feeds is not here")
    text = readme.read_text(encoding="utf-8")
    paragraph = text[text.index("the number names the ministry") :]
    pairs = re.findall(r"\b(\d{4,})\s+([A-Z]{2,3})\b", paragraph[: paragraph.index("VNK, the communications")])
    assert len(pairs) == 10
    for gid, abbr in pairs:
        ministry = ministry_for_url(f"https://valtioneuvosto.fi/-/{gid}/x")
        assert ministry is not None and ministry.abbr == abbr, gid


def test_every_group_id_in_the_real_feed_items_is_known_and_names_the_creator():
    folder = SHARED / "feeds"
    if not folder.is_dir():
        pytest.skip("../shared/data/feeds is not here")
    checked = 0
    for path in sorted(folder.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            if group_id_of(item["link"]) is None:
                continue
            ministry = ministry_for_url(item["link"])
            assert ministry is not None, item["link"]
            names = {n.casefold() for n in ministry.names()}
            if "valtioneuvosto.fi/staattiset-feedit" in item["originalRssUrl"]:
                # the Government's own feed: the creator is the ministry whose site holds the page
                assert item["creator"].casefold() in names, (item["link"], item["creator"])
            checked += 1
    assert checked >= 70


def test_real_release_pages_with_a_group_id_name_their_byline_ministry():
    folder = SHARED / "real-releases"
    if not folder.is_dir():
        pytest.skip("../shared/data/real-releases is not here")
    checked = 0
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        ministry = ministry_for_url(gold.get("url") or "")
        if ministry is None or not gold.get("organization"):
            continue
        assert gold["organization"].casefold() in {n.casefold() for n in ministry.names()}, path.name
        checked += 1
    assert checked >= 5  # 10616 on the Prime Minister's Office / communications department pages, 1410877 on TEM's


# -- date window --------------------------------------------------------------------------------------------------


def test_date_window_only_drops_what_a_date_proves():
    window = DateWindow.of(date(2024, 5, 1), date(2024, 5, 31))
    before = datetime(2024, 4, 30, 20, 0, tzinfo=UTC)  # 23.00 Helsinki on 30 April
    inside = datetime(2024, 4, 30, 21, 30, tzinfo=UTC)  # 00.30 Helsinki on 1 May
    after = datetime(2024, 5, 31, 21, 0, tzinfo=UTC)  # 00.00 Helsinki on 1 June
    assert window.excludes_link(Link("u", date=before, date_kind="modified"))
    assert not window.excludes_link(Link("u", date=inside, date_kind="modified"))
    assert window.excludes_link(Link("u", date=after, date_kind="published"))
    assert not window.excludes_link(Link("u", date=after, date_kind="modified"))  # modified later, published maybe earlier
    assert not window.excludes_link(Link("u"))  # no date: download and look
    assert not window.excludes_link(Link("u", date=datetime(2024, 4, 30, tzinfo=UTC), date_kind="modified", date_only=True))
    assert window.excludes_link(Link("u", date=datetime(2024, 4, 28, tzinfo=UTC), date_kind="modified", date_only=True))
    assert window.excludes_time(before) and not window.excludes_time(inside) and window.excludes_time(after)
    assert not DateWindow.of(None, None).active
