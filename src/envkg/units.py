"""Units of target values: the unit texts plans write, and the QUDT unit each stands for.

The lexicon is data/vocab/units.ttl (one concept per QUDT unit, its Chinese spellings as
labels, plus the multipliers 万 and 亿).  This module turns it into what the target extractor
needs: a longest-first list of unit texts to recognise after a number, and ``unit_for``,
which maps a unit text as written ("万吨/日") to a QUDT local name and a multiplier.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from envkg import vocab
from envkg.textnorm import fold

QUDT_UNIT = "http://qudt.org/vocab/unit/"


@dataclass(frozen=True)
class UnitEntry:
    key: str  # unit concept key, "unit/tonne-per-day"
    qudt: str | None  # QUDT local name, "TONNE-PER-DAY"; None when QUDT has no exact unit

    @property
    def is_count(self) -> bool:
        return self.qudt == "NUM"


@functools.cache
def _tables() -> tuple[dict[str, UnitEntry], dict[str, Decimal]]:
    """Unit text (folded) -> entry, and multiplier text -> factor."""
    units: dict[str, UnitEntry] = {}
    multipliers: dict[str, Decimal] = {}
    for key, concept in vocab.load("units.ttl").items():
        factor = concept.prop("prefixMultiplier")
        labels = concept.labels("zh")
        if factor is not None:
            for label in labels:
                multipliers[fold(label)] = Decimal(factor)
            continue
        match = concept.prop("exactMatch")
        qudt = match[len(QUDT_UNIT):] if match and match.startswith(QUDT_UNIT) else None
        for label in labels:
            units.setdefault(fold(label), UnitEntry(key, qudt))
    return units, multipliers


@functools.cache
def unit_texts() -> list[str]:
    """Every unit text the extractor recognises, longest first (multiplier forms included)."""
    units, multipliers = _tables()
    texts = set(units)
    for m in multipliers:
        # 万 and 亿 go with measures and with people/households/vehicles, not with 市 or 县.
        texts.update(m + u for u, e in units.items() if not e.is_count or u in {"个", "人", "户", "辆", "台", "套", "件", "株", "棵", "人次", "辆次", "台次", "户次"})
    return sorted(texts, key=lambda t: (-len(t), t))


def split_multiplier(unit_text: str) -> tuple[Decimal, str]:
    """(factor, base unit text): "万吨/日" -> (10000, "吨/日"); "吨" -> (1, "吨")."""
    units, multipliers = _tables()
    text = fold(unit_text)
    if text not in units:
        for m, factor in multipliers.items():
            if text.startswith(m) and text[len(m):] in units:
                return factor, text[len(m):]
    return Decimal(1), text


def unit_entry(unit_text: str) -> UnitEntry | None:
    """The unit concept of a unit text, multiplier stripped; None for an unknown text."""
    units, _ = _tables()
    return units.get(split_multiplier(unit_text)[1])


def unit_for(unit_text: str) -> tuple[str | None, Decimal]:
    """QUDT local name of a unit text (multiplier stripped) and the multiplier.

    ("万吨/日") -> ("TONNE-PER-DAY", 10000); ("%") -> ("PERCENT", 1); ("万亩") -> (None, 10000);
    ("") or an unknown text -> (None, 1).
    """
    factor, _ = split_multiplier(unit_text)
    entry = unit_entry(unit_text)
    return (entry.qudt if entry else None), factor


def is_count_unit(unit_text: str) -> bool:
    entry = unit_entry(unit_text)
    return bool(entry and entry.is_count)


def is_money_unit(unit_text: str) -> bool:
    """元, 万元, 亿元: an amount of money (a target only as a level of output, never as spending)."""
    entry = unit_entry(unit_text)
    return bool(entry and entry.key == "unit/yuan")
