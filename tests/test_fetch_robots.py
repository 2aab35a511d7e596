"""robots.txt read as RFC 9309 says (through Protego): wildcards, ``$``, longest match, ties, groups, delays.

The crawler-level behaviour (a 5xx robots.txt fails the host, a Crawl-delay
widens the interval, a huge one is capped and noted) is in
test_fetch_crawl.py and test_fetch_security.py; here the reading of the file
itself, and the policy object against a local server.
"""

from __future__ import annotations

import pytest
from timing import growth_ratio

from pipeline.fetch.http import USER_AGENT, HttpClient, RetryPolicy, RobotsDenied
from pipeline.fetch.robots import ROBOTS_MAX_BYTES, RobotsPolicy, crawl_delay, parse_robots, product_token, robots_text
from pipeline.fetch.testing import FaultServer, Reply

HOST = "https://valtioneuvosto.fi"


def allowed(robots: str, path: str, user_agent: str = USER_AGENT) -> bool:
    return parse_robots(robots).can_fetch(HOST + path, product_token(user_agent))


# -- paths: wildcards, end anchors, longest match, ties ---------------------------------------------------


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/-/1410877/tiedote?print=1", False),  # urllib.robotparser allowed this: it has no wildcards
        ("/-/1410877/tiedote?lang=fi&print=1", True),  # "?print=" is not in it
        ("/-/1410877/tiedote", True),
        ("/haku?print=", False),
    ],
)
def test_star_wildcard_matches_any_run_of_characters(path, expected):
    assert allowed("User-agent: *\nDisallow: /*?print=\n", path) is expected


@pytest.mark.parametrize(
    "path,expected",
    [
        ("/documents/report.pdf", False),
        ("/documents/report.pdf?download=1", True),  # "$" anchors the pattern at the end of the URL
        ("/documents/report.pdfx", True),
        ("/report.html", True),
    ],
)
def test_dollar_anchors_the_end(path, expected):
    assert allowed("User-agent: *\nDisallow: /*.pdf$\n", path) is expected


def test_the_longest_matching_rule_wins_in_either_order():
    for robots in ("User-agent: *\nDisallow: /-/\nAllow: /-/1410877\n", "User-agent: *\nAllow: /-/1410877\nDisallow: /-/\n"):
        assert allowed(robots, "/-/1410877/tiedote") is True
        assert allowed(robots, "/-/99/tiedote") is False
    robots = "User-agent: *\nAllow: /ajankohtaista\nDisallow: /ajankohtaista/arkisto\n"
    assert allowed(robots, "/ajankohtaista/arkisto/2019") is False
    assert allowed(robots, "/ajankohtaista/2024") is True


def test_allow_wins_a_tie_with_disallow_of_the_same_length():
    for robots in ("User-agent: *\nDisallow: /page\nAllow: /page\n", "User-agent: *\nAllow: /page\nDisallow: /page\n"):
        assert allowed(robots, "/page") is True


def test_allow_overrides_disallow_all():
    robots = "User-agent: *\nDisallow: /\nAllow: /-/\nAllow: /$\n"
    assert allowed(robots, "/-/1410877/x") is True
    assert allowed(robots, "/") is True
    assert allowed(robots, "/haku") is False


def test_percent_encoding_is_compared_normalised():
    robots = "User-agent: *\nDisallow: /tiedotteet/ä\n"
    assert allowed(robots, "/tiedotteet/%C3%A4-x") is False
    assert allowed(robots, "/tiedotteet/ä-x") is False


def test_an_empty_disallow_and_robots_txt_itself_are_always_allowed():
    assert allowed("User-agent: *\nDisallow:\n", "/anything") is True
    assert allowed("User-agent: *\nDisallow: /\n", "/robots.txt") is True


# -- groups: our product token, merged groups, case ---------------------------------------------------------


def test_our_group_is_chosen_over_the_star_group_wherever_it_stands():
    for robots in (
        "User-agent: *\nDisallow: /\n\nUser-agent: tiedote\nDisallow: /private\n",
        "User-agent: TieDote\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n",
    ):
        assert allowed(robots, "/-/1/x") is True
        assert allowed(robots, "/private/x") is False


def test_groups_of_other_crawlers_do_not_apply():
    robots = "User-agent: googlebot\nDisallow: /\n\nUser-agent: tiedote-archiver\nDisallow: /\n"
    assert allowed(robots, "/-/1/x") is True


def test_the_header_comment_does_not_select_a_group():
    """Our User-Agent names github.com and tiedote again in its comment: only the product token counts."""
    assert product_token(USER_AGENT) == "tiedote"
    assert allowed("User-agent: github\nDisallow: /\n", "/x") is True


def test_groups_for_the_same_agent_are_merged():
    robots = "User-agent: tiedote\nDisallow: /a\n\nUser-agent: *\nDisallow: /\n\nUser-agent: tiedote\nDisallow: /b\n"
    assert allowed(robots, "/a/1") is False and allowed(robots, "/b/1") is False and allowed(robots, "/c/1") is True


def test_a_group_with_several_user_agent_lines():
    robots = "User-agent: googlebot\nUser-agent: tiedote\nDisallow: /x\n\nUser-agent: *\nDisallow: /\n"
    assert allowed(robots, "/x/1") is False and allowed(robots, "/y") is True


# -- malformed input -------------------------------------------------------------------------------------------


def test_malformed_lines_are_skipped_and_the_rest_is_read():
    robots = (
        "this is not a rule\n"
        "Disallow: /before-any-group\n"  # no user-agent yet: no group to apply to
        "User-agent: *\n"
        ":::\n"
        "Disallow /no-colon\n"  # read leniently, as Protego does
        "Disalow: /typo\n"  # a common misspelling, also read
        "Noindex: /x\n"  # unknown field: ignored
        "Crawl-delay: soon\n"
        "Disallow: /real # a comment\n"
        "\x00\x01 binary \xff junk\n"
    )
    assert allowed(robots, "/real/1") is False
    assert allowed(robots, "/no-colon") is False and allowed(robots, "/typo") is False
    assert allowed(robots, "/before-any-group") is True
    assert crawl_delay(robots, USER_AGENT) is None


def test_a_byte_order_mark_does_not_hide_the_first_group():
    text = robots_text(b"\xef\xbb\xbfUser-agent: *\nDisallow: /private\n")
    assert allowed(text, "/private/x") is False


def test_a_body_past_the_limit_loses_its_cut_line_not_more():
    head = b"User-agent: *\nDisallow: /private\n"
    filler = b"# " + b"x" * 100 + b"\n"
    body = head + filler * (ROBOTS_MAX_BYTES // len(filler)) + b"Allow: /private/but-this-one-is-cut-short\n"
    text = robots_text(body)
    assert len(text.encode()) <= ROBOTS_MAX_BYTES and text.endswith("\n")
    assert "Allow: /p" not in text  # a cut "Allow: /p" would allow more than the file says
    assert allowed(text, "/private/x") is False


# -- Crawl-delay and Request-rate --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "robots,delay",
    [
        ("User-agent: *\nCrawl-delay: 0.5\n", 0.5),
        ("User-agent: *\nCrawl-delay: 2\n", 2.0),
        ("User-agent: tiedote\nCrawl-delay: 0.25\n\nUser-agent: *\nCrawl-delay: 5\n", 0.25),
        ("User-agent: *\nCrawl-delay: 5\n\nUser-agent: tiedote\nDisallow: /x\n", None),  # our group has none
        ("User-agent: *\nRequest-rate: 10/1m\n", 6.0),
        ("User-agent: *\nRequest-rate: 1/5\nCrawl-delay: 0.5\n", 0.5),  # Crawl-delay first
        ("User-agent: *\nCrawl-delay: -3\n", None),
        ("User-agent: *\nCrawl-delay: nan\n", None),
        ("User-agent: *\nCrawl-delay: 0,5\n", None),
        ("User-agent: *\nCrawl-delay: " + "9" * 400 + "\n", float("inf")),
        ("User-agent: *\nCrawl-delay: 1e999 # forever\n", float("inf")),
        ("User-agent: *\rCrawl-delay: " + "9" * 400 + "\r", float("inf")),  # old Mac line ends
    ],
)
def test_declared_delay(robots, delay):
    assert crawl_delay(robots, USER_AGENT) == delay


def client() -> HttpClient:
    retry = RetryPolicy(max_attempts=1, backoff_base=0.01, backoff_cap=0.05, max_retry_after=2.0)
    return HttpClient(retry=retry, trust_env=False, connect_timeout=1.0, read_timeout=1.0)


def test_policy_refuses_a_wildcard_match_and_sets_a_fractional_interval():
    robots = b"User-agent: *\nDisallow: /*?print=\nCrawl-delay: 0.5\n"
    with FaultServer() as server:
        server.route("/robots.txt", Reply(body=robots, content_type="text/plain"))
        http = client()
        policy = RobotsPolicy(http)
        policy.check(server.url("/-/1410877/tiedote"))
        with pytest.raises(RobotsDenied):
            policy.check(server.url("/-/1410877/tiedote?print=1"))
        assert http.limiter.interval(server.base) == 0.5
        assert policy.notes == []
        assert [r.path for r in server.log].count("/robots.txt") == 1  # once per host and run


def test_policy_caps_a_huge_request_rate_and_notes_it():
    with FaultServer() as server:
        server.route("/robots.txt", Reply(body=b"User-agent: *\nRequest-rate: 1/1d\n", content_type="text/plain"))
        http = client()
        policy = RobotsPolicy(http, max_crawl_delay=30.0)
        policy.check(server.url("/x"))
        assert http.limiter.interval(server.base) == 30.0
        assert len(policy.notes) == 1 and "86,400 s" in policy.notes[0] and "capped at 30 s" in policy.notes[0]


# -- size: a 500 KB robots.txt in linear time -------------------------------------------------------------------


def _big_robots(n: int) -> str:
    lines = ["User-agent: *"]
    for i in range(n):
        lines.append(f"Disallow: /*/arkisto-{i}/*.pdf$")
        lines.append(f"Allow: /-/{i}/")
        lines.append(f"Disallow: /haku-{i}*?q=")
    return "\n".join(lines) + "\n"


def _check_all(text: str, urls: list[str]) -> None:
    parser = parse_robots(text)
    for url in urls:
        parser.can_fetch(url, "tiedote")


def test_a_500_kb_robots_txt_is_read_in_linear_time():
    urls = [f"{HOST}/-/{i}/tiedote-{i}?print=1" for i in range(0, 200, 7)] + [f"{HOST}/x/arkisto-5/a.pdf"]
    big = _big_robots(7_000)
    assert 450_000 < len(big) <= ROBOTS_MAX_BYTES
    parser = parse_robots(big)
    assert parser.can_fetch(f"{HOST}/-/7/x", "tiedote") and not parser.can_fetch(f"{HOST}/x/arkisto-5/a.pdf", "tiedote")
    assert growth_ratio(lambda text: _check_all(text, urls), _big_robots, 875) < 20  # 8x the input; quadratic is ~64x


def test_one_huge_line_of_wildcards_is_linear_too():
    def line(n: int) -> str:
        return "User-agent: *\nDisallow: /" + "*a" * n + "b$\n"

    url = f"{HOST}/" + "a" * 2_000
    assert not parse_robots(line(10)).can_fetch(url + "b", "tiedote")
    assert growth_ratio(lambda text: _check_all(text, [url]), line, 30_000) < 20
