"""Lower-casing that keeps offsets, shared by the extractors' cheap pre-checks.

The extractors test a lower-cased copy of the body with plain substring
searches before running a case-insensitive pattern; that only works if the copy
lines up with the original character for character and holds every word an
IGNORECASE pattern would find there.

It is also the one key function for tables looked up with matched text (month
names, labels, number words): an IGNORECASE pattern matches 'ſyyskuuta',
'huhtİkuuta' and 'tıedote', and ``str.lower()``/``str.casefold()`` of those
are no keys ('ſ' stays, 'İ' becomes two characters), so a look-up raised
KeyError. Lowered with this function, whatever the pattern matched finds its
key.
"""

from __future__ import annotations

import re

# Letters that IGNORECASE matches to an ASCII letter but str.lower() leaves alone (or, for
# 'İ', turns into two characters): mapped first, so the copy keeps the original's offsets.
_CASE_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s"}
_CASE_FOLD_RE = re.compile("[\u0130\u0131\u017f]")


def lower_aligned(text: str) -> str:
    """``text`` in lower case, offset for offset."""
    if _CASE_FOLD_RE.search(text):
        text = text.translate(_CASE_FOLD)
    return text.lower()
