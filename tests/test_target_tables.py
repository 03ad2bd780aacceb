"""Table targets in a report: figures stated in a report's tables are achieved values."""

from __future__ import annotations

from envkg.extract.targets import extract_targets
from envkg.model import Context, Span
from envkg.textnorm import TextView

TABLE = "县(市)  新增湿地  湿地修复\n青石县  420  85\n白沙市  315  60\n"


def _targets(doc_kind: str | None):
    view = TextView.of_ranges(TABLE, [Span(0, len(TABLE))])
    return extract_targets(view, Context(stem="case", plan_year=2028, doc_kind=doc_kind))


def test_report_table_figures_are_reported() -> None:
    got = _targets("report")
    assert len(got) == 4
    assert {t.status for t in got} == {"reported"}


def test_plan_table_figures_are_targets() -> None:
    got = _targets(None)
    assert len(got) == 4
    assert {t.status for t in got} == {"target"}
