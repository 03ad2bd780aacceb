"""For vocabulary curators: quoted names found in the documents that no vocabulary knows."""

from __future__ import annotations

from pathlib import Path

from envkg.namespaces import sparql_prologue
from envkg.store import load_store

CANDIDATES_QUERY = sparql_prologue() + """
SELECT ?c ?label ?file ?start ?end ?exact WHERE {
  ?c a envkg:ProgrammeCandidate ; skos:prefLabel ?label .
  ?m a oa:Annotation ; oa:hasBody ?c ; oa:hasTarget ?span .
  ?span oa:hasSource ?doc ; oa:hasSelector ?sel .
  ?sel oa:start ?start ; oa:end ?end ; oa:exact ?exact .
  ?doc envkg:sourceFile ?file .
}"""


def candidate_rows(graph_path: Path) -> list[dict]:
    """One row per candidate name: count of mentions, documents, passages; most frequent first."""
    store = load_store(graph_path)
    rows: dict[str, dict] = {}
    for sol in store.query(CANDIDATES_QUERY, use_default_graph_as_union=True):
        key = sol["c"].value
        row = rows.setdefault(key, {"iri": key, "label": sol["label"].value, "count": 0,
                                    "files": set(), "passages": []})
        row["count"] += 1
        row["files"].add(sol["file"].value)
        row["passages"].append(f"{sol['file'].value}#char={sol['start'].value},{sol['end'].value} "
                               f"{sol['exact'].value}")
    out = []
    for row in rows.values():
        row["documents"] = ", ".join(sorted(row.pop("files")))
        row["passages"].sort()
        out.append(row)
    return sorted(out, key=lambda r: (-r["count"], r["label"]))
