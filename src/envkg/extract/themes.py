"""Themes: classify a measure into the work areas of ``data/vocab/themes.ttl``.

Plans announce their themes in headings ("(四)持续深入打好蓝天保卫战"), so the section
chain decides first: the deepest heading whose words cue any theme gives those themes.
The measure's own words add the themes they cue strongly (two or more cue words), and
decide alone when no heading cues anything (the best-scoring theme, ties kept).  A
measure that cues nothing at all ("总体要求" prose) falls back to green development, the
theme of a plan's general requirements.  Cue words are the themes' ``envkg:keyword``s.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from envkg import vocab
from envkg.textnorm import fold

VOCAB_FILE = "themes.ttl"
FALLBACK = "theme/green-development"
STRONG = 2  # cue words a measure's own text needs to add a theme beside its headings'


@functools.cache
def _cues() -> tuple[re.Pattern, dict[str, tuple[str, ...]], tuple[str, ...]]:
    """A pattern matching any cue word (longest first), cue -> theme keys, and theme order."""
    themes = {k: c for k, c in vocab.load(VOCAB_FILE).items() if "Theme" in c.types}
    by_cue: dict[str, list[str]] = {}
    for key in sorted(themes):
        for word in themes[key].props.get("keyword", []):
            word = fold(word).strip()
            if word and key not in by_cue.setdefault(word, []):
                by_cue[word].append(key)
    alternation = "|".join(re.escape(w) for w in sorted(by_cue, key=len, reverse=True))
    order = tuple(sorted(themes))
    return re.compile(alternation), {w: tuple(ks) for w, ks in by_cue.items()}, order


def theme_scores(text: str) -> Counter:
    """Number of cue words of each theme in a (folded or raw) text."""
    pattern, by_cue, _ = _cues()
    scores: Counter = Counter()
    for m in pattern.finditer(fold(text)):
        for key in by_cue[m.group(0)]:
            scores[key] += 1
    return scores


def _ranked(scores: Counter) -> list[str]:
    order = _cues()[2]
    return sorted(scores, key=lambda k: (-scores[k], order.index(k)))


def assign_themes(text: str, headings: list[str]) -> list[str]:
    """Theme keys ("theme/air") of a measure, given its text and its section headings
    from the top down; never empty."""
    out: list[str] = []
    for heading in reversed(headings):
        scores = theme_scores(heading)
        if scores:
            out = _ranked(scores)
            break
    own = theme_scores(text)
    if out:
        out += [k for k in _ranked(own) if own[k] >= STRONG and k not in out]
    elif own:
        best = max(own.values())
        out = [k for k in _ranked(own) if own[k] == best or own[k] >= STRONG + 1]
    return out or [FALLBACK]
