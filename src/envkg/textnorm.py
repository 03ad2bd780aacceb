"""A folded copy of the raw text for matching, with an exact map back to raw offsets.

Folding is one code point to one code point (full-width ASCII to half-width, ideographic
space to space, Traditional to Simplified characters), so a view never shifts offsets by
itself; only the cleaner drops ranges, and ``TextView.raw_index`` records where each view
character came from.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from envkg.model import Span


@functools.cache
def _traditional_to_simplified() -> dict[str, str]:
    """Character table of OpenCC (Apache-2.0), shipped by opencc-python-reimplemented."""
    folder = resources.files("opencc") / "dictionary"
    simplified = {
        line.split("\t", 1)[0]
        for line in (folder / "STCharacters.txt").read_text(encoding="utf-8").splitlines()
        if line
    }
    table = {}
    for line in (folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        src, targets = line.split("\t", 1)
        target = targets.split()[0]
        # A character that is itself standard Simplified (于, 后, 余) stays as written.
        if len(src) == 1 and len(target) == 1 and src not in simplified:
            table[src] = target
    return table


# Punctuation that Chinese text writes in several ways; folded to one form for matching.
_PUNCT = {
    "\u3000": " ",
    "\u00a0": " ",
    "\u2014": "—",
    "\u2013": "—",
    "\u2015": "—",
    "\uff5e": "~",
    "\u2236": ":",
    "\u3014": "(",
    "\u3015": ")",
    "\u2018": "'",
    "\u2019": "'",
}


def fold_char(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
        return chr(code - 0xFEE0)
    if ch in _PUNCT:
        return _PUNCT[ch]
    return _traditional_to_simplified().get(ch, ch)


def fold(text: str) -> str:
    """Fold a string for matching; the result has exactly the same length."""
    return "".join(fold_char(c) for c in text)


@dataclass
class TextView:
    """Cleaned, folded text and, for each of its characters, the raw offset it came from."""

    text: str
    raw_index: list[int]

    @classmethod
    def of_ranges(cls, raw: str, ranges: list[Span], breaks: set[int] | frozenset = frozenset()) -> TextView:
        """The raw ranges, in order, folded and concatenated. After the ranges whose index is in
        ``breaks`` (an HTML block that ends in a tag, not a line break) the view has a line
        break of its own, mapped to the range's last character, so no span ever gains a raw
        character it did not cover."""
        parts: list[str] = []
        index: list[int] = []
        for k, r in enumerate(ranges):
            parts.append(fold(raw[r.start : r.end]))
            index.extend(range(r.start, r.end))
            if k in breaks:
                parts.append("\n")
                index.append(r.end - 1)
        return cls("".join(parts), index)

    def to_raw(self, start: int, end: int) -> Span:
        """Raw span covering view characters [start, end)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"view span {start},{end} outside 0,{len(self.text)}")
        return Span(self.raw_index[start], self.raw_index[end - 1] + 1)

    def span_to_raw(self, span: Span) -> Span:
        return self.to_raw(span.start, span.end)

    def to_view(self, raw_offset: int) -> int:
        """First view position at or after a raw offset (bisect on the monotone index)."""
        import bisect

        return bisect.bisect_left(self.raw_index, raw_offset)

    def __len__(self) -> int:
        return len(self.text)
