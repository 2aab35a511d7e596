"""Fetching releases: polite HTTP, discovery, a WARC archive and a resumable state file.

- :mod:`.http`: one bounded GET (``fetch_one`` for ``tiedote extract URL``), retries, per-host rate limit.
- :mod:`.robots`: robots.txt per host, Crawl-delay.
- :mod:`.discover`: feeds, sitemaps, listing pages and URL lists to release URLs (safe XML).
- :mod:`.sources`: built-in and user source profiles, valtioneuvosto.fi group id -> ministry.
- :mod:`.warc`: the archive writer and ``iter_warc_pages`` for extraction from archives.
- :mod:`.hints`: a feed entry's evidence of its page (title, time, creator), as a WARC metadata record.
- :mod:`.state`: the SQLite memory of every URL seen.
- :mod:`.crawler`: one run, tying these together; :mod:`.cli`: ``tiedote fetch``.
- :mod:`.testing`: a scriptable fault-injecting HTTP server on 127.0.0.1, for tests.

User documentation, and what was verified about the sources: ``SOURCES.md`` here.

Submodules are imported on use, so ``tiedote extract file.html`` pays nothing for them.
"""
