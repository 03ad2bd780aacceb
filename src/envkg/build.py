"""The pipeline end to end: read → clean → segment → extract → link → mint → reason → write.

``extract_document`` gives plain-Python results (used by ``envkg eval`` too);
``build_corpus`` mints and writes build/envkg.trig and build/envkg.ttl atomically.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import click
import pyoxigraph as ox
from rdflib import XSD, Dataset, Graph, Literal, URIRef

from envkg import resources
from envkg.clean import body
from envkg.corpus import read_corpus
from envkg.errors import InputError
from envkg.extract.agencies import describe_agency, extract_agencies
from envkg.extract.programmes import extract_programmes
from envkg.extract.references import extract_references, normalise_title
from envkg.extract.regions import extract_regions
from envkg.extract.targets import extract_targets
from envkg.extract.themes import assign_themes
from envkg.extract.waterbodies import extract_waterbodies
from envkg.link import complete_metadata, document_context
from envkg.mint import group_references, mint_document, mint_vocabulary, unmatched_indicator_key
from envkg.model import Document, DocumentResult, Mention, Target
from envkg.namespaces import (
    ID,
    INFERRED_GRAPH,
    PREFIXES,
    VOCAB_GRAPH,
    bind_prefixes,
    doc_key,
    graph_iri,
    reference_key,
)
from envkg.segment import segment
from envkg.textnorm import TextView, fold

MENTION_EXTRACTORS = (extract_programmes, extract_regions, extract_waterbodies, extract_agencies,
                      extract_references)


def extract_document(doc: Document) -> DocumentResult:
    """One document through every stage up to linking; all spans in raw offsets."""
    doc.meta = complete_metadata(doc)
    ctx = document_context(doc)
    ranges = body(doc)
    view = TextView.of_ranges(doc.raw, ranges, ranges.breaks)
    seg = segment(view)
    sections = seg.sections
    measures = seg.measures
    headings_by_path = {s.path: s.heading for s in sections}
    for m in measures:
        start, end = view.to_view(m.span.start), view.to_view(m.span.end - 1) + 1
        # envkg:text is the passage as written; themes are matched on the folded view.
        m.text = _as_written(doc.raw, view, start, end)
        chain = [headings_by_path[m.section_path[:i]] for i in range(1, len(m.section_path) + 1)
                 if m.section_path[:i] in headings_by_path]
        m.themes = assign_themes(view.text[start:end], chain)
    found = [_target_to_raw(t, view) for t in extract_targets(view, ctx)]
    targets = [t for t in found if t.status == "target"]
    reported = sorted((t for t in found if t.status == "reported"), key=lambda t: (t.span.start, t.span.end))
    mentions: list[Mention] = []
    for extract in MENTION_EXTRACTORS:
        for mention in extract(view, ctx):
            mention.span = view.span_to_raw(mention.span)
            mentions.append(mention)
    mentions.sort(key=lambda x: (x.span.start, x.span.end, x.kind, x.key))
    targets.sort(key=lambda t: (t.span.start, t.span.end))
    return DocumentResult(doc=doc, ctx=ctx, body=ranges, sections=sections, measures=measures,
                          targets=targets, mentions=mentions, reported=reported)


def _as_written(raw: str, view: TextView, start: int, end: int) -> str:
    """The view's characters [start, end) as the raw text writes them (Traditional stays
    Traditional); what the cleaner dropped inside the span (a page-break mark, markup) stays out."""
    chars, previous = [], -1
    for i in range(start, end):
        at = view.raw_index[i]
        chars.append(raw[at] if at != previous else view.text[i])  # a view-only line break
        previous = at
    return "".join(chars)


def _target_to_raw(t: Target, view: TextView) -> Target:
    t.span = view.span_to_raw(t.span)
    return t


@dataclass
class BuildSummary:
    documents: int = 0
    sections: int = 0
    measures: int = 0
    targets: int = 0
    mentions: int = 0
    triples: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)

    def render(self) -> str:
        files = ", ".join(str(p) for p in self.outputs)
        return (f"built {self.documents} documents: {self.sections} sections, {self.measures} measures, "
                f"{self.targets} targets, {self.mentions} mentions; {self.triples} triples "
                f"in {self.seconds:.1f} s → {files}")


def _sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_graphs(results: list[DocumentResult]) -> tuple[dict[URIRef, Graph], Graph]:
    """Named graph IRI -> graph (every document's graph, the vocabulary graph, the inferred
    graph), and the union of the asserted graphs (what the reference scorer reads)."""
    from envkg.reason import infer

    vocab_hashes = {name: _sha256_text(resources.vocab_text(name)) for name in resources.vocab_files()}
    inputs = {r.doc.stem: r.doc.sha256 for r in results}
    build_key = hashlib.sha256(
        repr((sorted(inputs.items()), sorted(vocab_hashes.items()))).encode()
    ).hexdigest()[:16]
    build = {"iri": ID[f"build/{build_key}"], "vocabularies": vocab_hashes, "inputs": inputs}

    # A reference to a document of the corpus points at that document. Mention keys come
    # from the folded view, so titles are folded the same way before keying.
    corpus_titles = {
        reference_key(normalise_title(fold(r.doc.meta.title))): f"doc/{doc_key(r.doc.stem)}"
        for r in results if r.doc.meta.title
    }
    for r in results:
        for m in r.mentions:
            if m.kind == "reference" and m.key in corpus_titles:
                m.key = corpus_titles[m.key]
    references = {k: v for k, v in group_references(results).items() if not k.startswith("doc/")}

    used_regions: set[str] = set()
    agencies: dict[str, dict] = {}
    candidates: dict[str, str] = {}
    unmatched_indicators: dict[str, str] = {}
    unmatched_entities: dict[str, tuple[str, str]] = {}  # key -> (kind, label)
    doc_graphs: list[tuple[str, Graph]] = []
    for r in results:
        region_key = f"region/{r.ctx.region_code}" if r.ctx.region_code else None
        if region_key:
            used_regions.add(region_key)
        issuer_key = _issuer_agency(r)
        named = [(issuer_key, None)] + [(m.key, m.label) for m in r.mentions if m.kind == "agency"]
        for key, label in named:
            # Every agency named, and every body above it, is described (no dangling parent).
            while key and key not in agencies:
                info = describe_agency(key, label)
                if info is None:
                    if not label:
                        break
                    info = {"zh": label, "en": None, "region": None, "type": None, "parent": None}
                if info.get("in_vocabulary"):
                    break
                agencies[key] = info
                if info.get("region"):
                    used_regions.add(f"region/{info['region']}")
                key, label = info.get("parent"), None
        for m in r.mentions:
            if m.kind == "region":
                used_regions.add(m.key)
            elif m.kind == "candidate":
                candidates.setdefault(m.key, m.label)
            elif m.kind in ("programme", "waterbody") and not m.matched:
                unmatched_entities.setdefault(m.key, (m.kind, m.label))
        for t in r.targets + r.reported:
            if t.indicator is None:
                # A figure whose subject the text leaves implicit still gets an indicator node.
                unmatched_indicators.setdefault(unmatched_indicator_key(t.indicator_text),
                                                t.indicator_text.strip() or "(未写明的指标)")
        doc_graphs.append((r.doc.stem, mint_document(r, issuer_key, region_key)))

    vocab_graph = mint_vocabulary(used_regions, references, agencies, candidates,
                                  unmatched_indicators, unmatched_entities, build)
    graphs: dict[URIRef, Graph] = {graph_iri(stem): g for stem, g in sorted(doc_graphs)}
    graphs[VOCAB_GRAPH] = vocab_graph
    asserted = union_graph(graphs)
    graphs[INFERRED_GRAPH] = bind_prefixes(infer(asserted))
    return graphs, asserted


def _issuer_agency(r: DocumentResult) -> str | None:
    issuer = r.doc.meta.issuer
    if not issuer:
        return None
    text = fold(issuer)
    view = TextView(text, list(range(len(text))))
    found = [m for m in extract_agencies(view, r.ctx) if m.kind == "agency"]
    # The issuer is the agency named by the whole string (the longest match).
    found.sort(key=lambda m: -(m.span.end - m.span.start))
    return found[0].key if found else None


def union_graph(graphs: dict[URIRef, Graph]) -> Graph:
    union = bind_prefixes(Graph())
    for g in graphs.values():
        union += g
    return union


def to_dataset(graphs: dict[URIRef, Graph]) -> Dataset:
    ds = bind_prefixes(Dataset())
    for name, g in graphs.items():
        ds.graph(name).__iadd__(g)
    return ds


def _ox_term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = term.datatype or XSD.string
        return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))
    raise ValueError(f"envkg mints no blank nodes: {term!r}")


def canonical_bytes(graphs: dict[URIRef, Graph], quads: bool) -> bytes:
    """TriG (named graphs) or Turtle (their union), sorted, so equal inputs give equal bytes."""
    cache: dict = {}

    def term(t):
        if t not in cache:
            cache[t] = _ox_term(t)
        return cache[t]

    rows = set()
    for name, g in graphs.items():
        graph_node = ox.NamedNode(str(name)) if quads else None
        for s, p, o in g:
            rows.add((term(s), term(p), term(o), graph_node))
    ordered = sorted(rows, key=lambda r: (str(r[3]), str(r[0]), str(r[1]), str(r[2])))
    # Instance IRIs stay whole (a prefixed name would need \/ escapes); terms get prefixes.
    prefixes = {k: str(v) for k, v in PREFIXES.items() if k != "id"}
    if quads:
        return ox.serialize([ox.Quad(s, p, o, g) for s, p, o, g in ordered], format=ox.RdfFormat.TRIG,
                            prefixes=prefixes)
    return ox.serialize([ox.Triple(s, p, o) for s, p, o, _ in ordered], format=ox.RdfFormat.TURTLE,
                        prefixes=prefixes)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_corpus(sources: Path, out: Path, progress: bool = False) -> BuildSummary:
    started = time.perf_counter()
    docs = read_corpus(Path(sources))
    stems = [d.stem for d in docs]
    if len(set(stems)) != len(stems):
        raise InputError(f"{sources}: two source files share a stem; document ids must be unique")
    results: list[DocumentResult] = []
    # A progress bar only where someone watches (a terminal) and there is more than a moment of work.
    show = progress and sys.stderr.isatty() and len(docs) > 3
    with open(os.devnull, "w") as sink, click.progressbar(
        docs, label="extracting", file=sys.stderr if show else sink, item_show_func=lambda d: d.stem if d else ""
    ) as bar:
        for doc in bar:
            results.append(extract_document(doc))
    graphs, _ = build_graphs(results)
    trig = canonical_bytes(graphs, quads=True)
    ttl = canonical_bytes(graphs, quads=False)
    out = Path(out)
    write_atomic(out / "envkg.trig", trig)
    write_atomic(out / "envkg.ttl", ttl)
    return BuildSummary(
        documents=len(results),
        sections=sum(len(r.sections) for r in results),
        measures=sum(len(r.measures) for r in results),
        targets=sum(len(r.targets) for r in results),
        mentions=sum(len(r.mentions) for r in results),
        triples=len({t for g in graphs.values() for t in g}),
        seconds=time.perf_counter() - started,
        outputs=[out / "envkg.ttl", out / "envkg.trig"],
    )
