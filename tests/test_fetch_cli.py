"""``tiedote fetch``: options, exit codes, summary, progress, and fetch -> extract end to end."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.fetch import cli as fetch_cli
from pipeline.fetch.crawler import CrawlOptions
from pipeline.fetch.http import RetryPolicy
from pipeline.fetch.testing import FaultServer, Reply

FAST = CrawlOptions(connect_timeout=0.5, read_timeout=0.3, retry=RetryPolicy(max_attempts=2, backoff_base=0.01), trust_env=False)

RELEASE = """<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>{title} - valtioneuvosto.fi</title></head>
<body><main><h1>{title}</h1><p>työ- ja elinkeinoministeriö</p><p>Julkaisuajankohta 29.6.2021 15.47</p><p>Tiedote</p>
<p>Valtioneuvosto on 29.6.2021 myöntänyt yhteensä 7 miljoonaa euroa alueiden välisen yhteistyön edistämiseen.</p>
<p>Lisätiedot:<br>erityisasiantuntija Petra Stenfors, TEM, p. 029 504 7282</p></main></body></html>"""


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tiedote fetch")
    fetch_cli.add_arguments(parser)
    return parser.parse_args(argv)


def run(argv: list[str]) -> int:
    return fetch_cli.run(parse(argv), options=FAST)


@pytest.fixture()
def server():
    with FaultServer() as srv:
        srv.page("/-/1410877/a", RELEASE.format(title="Alueiden verkostoyhteistyötä edistävät hankkeet valittu").encode())
        srv.page("/-/1410877/b", RELEASE.format(title="Toinen tiedote").encode())
        srv.route("/-/1410877/broken", Reply(status=500))
        yield srv


def url_file(tmp_path: Path, *urls: str) -> str:
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(urls) + "\n", encoding="utf-8")
    return str(path)


# -- usage errors: exit 2 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra,message",
    [
        ([], "nothing to fetch"),
        (["--source", "no-such-source"], "known sources"),
        (["--feed", "ftp://example.fi/feed"], "scheme"),
        (["--sitemap", "sitemap.xml"], "scheme"),
        (["--source", "valtioneuvosto", "--since", "2024-06-01", "--until", "2024-05-01"], "after --until"),
        (["--source", "valtioneuvosto", "--sources-file", "/nonexistent/sources.json"], "no such file"),
    ],
)
def test_usage_errors_exit_2_with_a_one_line_reason(tmp_path, capsys, extra, message):
    code = run(["--archive", str(tmp_path / "a.warc.gz"), *extra])
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_bad_url_list_and_missing_archive_directory_exit_2(tmp_path, capsys):
    bad = tmp_path / "urls.txt"
    bad.write_text("https://tem.fi/-/1/a\nnot a url\n", encoding="utf-8")
    assert run(["--urls", str(bad), "--archive", str(tmp_path / "a.warc.gz")]) == 2
    assert "urls.txt:2" in capsys.readouterr().err
    assert run(["--urls", url_file(tmp_path, "https://tem.fi/-/1/a"), "--archive", str(tmp_path / "no" / "a.warc.gz")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["--source", "valtioneuvosto"],  # --archive is required
        ["--archive", "a.warc.gz", "--since", "1.5.2024"],
        ["--archive", "a.warc.gz", "--until", "2024-13-01"],
        ["--archive", "a.warc.gz", "--rate", "0"],
        ["--archive", "a.warc.gz", "--rate", "fast"],
        ["--archive", "a.warc.gz", "--concurrency", "0"],
        ["--archive", "a.warc.gz", "--max", "-1"],
    ],
)
def test_argument_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        parse(argv)
    assert info.value.code == 2


def test_default_state_file_sits_beside_the_archive():
    assert fetch_cli.default_state_path("/data/releases.warc.gz") == Path("/data/releases.state.sqlite")
    assert fetch_cli.default_state_path("out/x.warc") == Path("out/x.state.sqlite")
    assert fetch_cli.default_state_path("archive") == Path("archive.state.sqlite")


# -- exit 0 / 3 and the summary ----------------------------------------------------------------------------------


def test_all_fetched_exits_0_and_prints_the_summary(tmp_path, server, capsys):
    urls = url_file(tmp_path, server.url("/-/1410877/a"), server.url("/-/1410877/b"))
    assert run(["--urls", urls, "--archive", str(tmp_path / "a.warc.gz"), "--rate", "50"]) == 0
    out = capsys.readouterr().out
    assert "discovered: 2" in out and "fetched: 2" in out and "failed: 0" in out and "skipped by robots.txt: 0" in out
    assert (tmp_path / "a.state.sqlite").exists()
    assert run(["--urls", urls, "--archive", str(tmp_path / "a.warc.gz"), "--rate", "50"]) == 0
    assert "unchanged: 2" in capsys.readouterr().out


def test_some_failures_exit_3_and_name_the_url_and_reason(tmp_path, server, capsys):
    urls = url_file(tmp_path, server.url("/-/1410877/a"), server.url("/-/1410877/broken"))
    assert run(["--urls", urls, "--archive", str(tmp_path / "a.warc.gz"), "--rate", "50", "--state", str(tmp_path / "s.sqlite")]) == 3
    out = capsys.readouterr().out
    assert "fetched: 1" in out and "failed: 1" in out
    assert f"{server.url('/-/1410877/broken')}: HTTP 500" in out
    assert (tmp_path / "s.sqlite").exists()


def test_progress_bar_only_on_a_terminal(tmp_path, server, capsys, monkeypatch):
    urls = url_file(tmp_path, server.url("/-/1410877/a"))
    run(["--urls", urls, "--archive", str(tmp_path / "a.warc.gz"), "--rate", "50"])
    err = capsys.readouterr().err
    assert "\r" not in err  # a log file gets plain lines, never a redrawn bar
    assert "tiedote fetch downloading: 1/1 pages (100%)" in err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    run(["--urls", url_file(tmp_path, server.url("/-/1410877/b")), "--archive", str(tmp_path / "b.warc.gz"), "--rate", "50"])
    err = capsys.readouterr().err
    assert "\r" in err and "tiedote fetch downloading" in err and "1/1" in err


def test_quiet_shows_no_progress_on_a_terminal_or_in_a_log(tmp_path, server, capsys, monkeypatch):
    urls = url_file(tmp_path, server.url("/-/1410877/a"), server.url("/-/1410877/b"))
    assert run(["--urls", urls, "--archive", str(tmp_path / "a.warc.gz"), "--rate", "50", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "fetched: 2" in captured.out  # the summary is output, not progress: -q keeps it
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    run(["--urls", urls, "--archive", str(tmp_path / "b.warc.gz"), "--rate", "50", "-q"])
    assert capsys.readouterr().err == ""


def test_progress_lines_for_discovery_then_downloads(tmp_path, server, capsys):
    items = "".join(f"<url><loc>{server.url(f'/-/1410877/{name}')}</loc></url>" for name in ("a", "b"))
    sitemap = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
    server.route("/sitemap.xml", Reply(body=sitemap.encode(), content_type="application/xml"))
    code = run(["--sitemap", server.url("/sitemap.xml"), "--archive", str(tmp_path / "a.warc.gz"), "--rate", "50",
                "--progress-interval", "0"])
    assert code == 0
    lines = capsys.readouterr().err.splitlines()
    discovery = [line for line in lines if line.startswith("tiedote fetch discovering: ")]
    downloads = [line for line in lines if line.startswith("tiedote fetch downloading: ")]
    assert discovery and discovery[-1].startswith("tiedote fetch discovering: 1 docs")  # no total known while discovering
    assert downloads[-1].startswith("tiedote fetch downloading: 2/2 pages (100%)")
    assert any("ETA" in line for line in downloads)  # a known total gives an estimate
    assert lines.index(discovery[-1]) < lines.index(downloads[0])


def test_timeout_is_the_deadline_of_one_attempt(tmp_path, server, capsys):
    server.route("/-/1410877/slow", Reply(body=b"<html>late</html>", delay=5))
    urls = url_file(tmp_path, server.url("/-/1410877/slow"))
    patient = CrawlOptions(connect_timeout=5, read_timeout=10, retry=RetryPolicy(max_attempts=2, backoff_base=0.01), trust_env=False)
    args = parse(["--urls", urls, "--archive", str(tmp_path / "a.warc.gz"), "--timeout", "0.3", "-q"])
    assert fetch_cli.run(args, options=patient) == 3
    out = capsys.readouterr().out
    assert "within the 0.3 s deadline" in out
    assert len(server.requests_for("/-/1410877/slow")) == 1  # a spent deadline is not retried in the run


def test_timeout_must_be_positive(capsys):
    with pytest.raises(SystemExit):
        parse(["--urls", "x", "--archive", "a.warc.gz", "--timeout", "0"])
    assert "--timeout" in capsys.readouterr().err


# -- end to end through the real CLI -------------------------------------------------------------------------------


def test_fetch_then_extract_the_archive_gives_records(tmp_path, server, capsys):
    from pipeline.cli import main

    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>a</title><link>{server.url('/-/1410877/a')}</link></item>"
        f"<item><title>b</title><link>{server.url('/-/1410877/b')}</link></item>"
        "</channel></rss>"
    ).encode()
    server.route("/feed.xml", Reply(body=feed, content_type="application/rss+xml"))
    archive = str(tmp_path / "releases.warc.gz")
    code = main(["fetch", "--feed", server.url("/feed.xml"), "--archive", archive, "--rate", "20"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "fetched: 2" in out
    assert main(["extract", "--no-ner", archive]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["url"] for r in records] == [server.url("/-/1410877/a"), server.url("/-/1410877/b")]
    first = records[0]
    assert first["title"] == "Alueiden verkostoyhteistyötä edistävät hankkeet valittu"
    assert first["organization"] == "työ- ja elinkeinoministeriö"
    assert first["published"].startswith("2021-06-29T15:47")


def test_fetch_then_batch_the_archive_gives_records(tmp_path, server, capsys):
    from pipeline.cli import main

    archive = str(tmp_path / "releases.warc.gz")
    urls = url_file(tmp_path, server.url("/-/1410877/a"), server.url("/-/1410877/b"))
    assert main(["fetch", "--urls", urls, "--archive", archive, "--rate", "20"]) == 0
    capsys.readouterr()
    out = tmp_path / "out.jsonl"
    assert main(["batch", archive, "-o", str(out), "--workers", "1", "--no-ner"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["url"] for r in records) == [server.url("/-/1410877/a"), server.url("/-/1410877/b")]
    assert all(r["organization"] == "työ- ja elinkeinoministeriö" for r in records)


def test_sigterm_stops_in_order_and_exits_130(tmp_path):
    with FaultServer() as server:
        paths = [f"/-/1/t{i}" for i in range(20)]
        for path in paths:
            server.page(path, RELEASE.format(title=path).encode(), delay=0.05)
        urls = url_file(tmp_path, *(server.url(p) for p in paths))
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        command = [sys.executable, "-m", "pipeline.fetch.cli", "--urls", urls, "--archive", str(tmp_path / "a.warc.gz"), "--rate", "10"]
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        while len(server.log) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=20)
        assert process.returncode == 130
        assert "interrupted: rerun the same command to continue" in out
        assert len(server.log) < len(paths)
