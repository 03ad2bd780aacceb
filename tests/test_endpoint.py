"""A real Oxigraph server: push the fixture over the Graph Store Protocol, run canned
queries through --endpoint, compare with the local store; unreachable endpoints exit 3."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from envkg.cli import main
from envkg.endpoint import gsp_url, push
from envkg.errors import EndpointError
from envkg.query import list_queries, run_query

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
OXIGRAPH = shutil.which("oxigraph") or str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.2)
        yield f"{url}/query"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def pushed(server):
    done = push(FIXTURE, server)
    assert len(done) == 6 and sum(n for _, n in done) == 609
    return server


pytestmark = pytest.mark.server


def test_gsp_url_derivation():
    assert gsp_url("http://h:7878/query") == "http://h:7878/store"
    assert gsp_url("http://h:7878/sparql/") == "http://h:7878/store"
    assert gsp_url("http://h:7878/store") == "http://h:7878/store"
    assert gsp_url("http://h:3030/ds/query", "http://h:3030/ds/data") == "http://h:3030/ds/data"


def test_canned_queries_through_the_endpoint_match_the_local_store(pushed):
    for spec in list_queries():
        remote = run_query(spec.name, endpoint=pushed, labels=False)
        local = run_query(spec.name, graph_path=FIXTURE, labels=False)
        assert remote.variables == local.variables, spec.name
        key = lambda rows: sorted(tuple(str(r.get(v)) for v in sorted(r)) for r in rows)  # noqa: E731
        assert key(remote.rows) == key(local.rows), spec.name


def test_cli_query_and_sparql_through_the_endpoint(pushed):
    runner = CliRunner()
    out = runner.invoke(main, ["query", "indicator-targets", "-p", "indicator=PM2.5", "--endpoint", pushed,
                               "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert "36.8" in out.output and "-25" in out.output
    out = runner.invoke(main, ["query", "shared-programmes", "--endpoint", pushed])
    assert "无废城市 (Zero-Waste City)" in out.output  # labels fetched from the endpoint
    out = runner.invoke(main, ["sparql", "-", "--endpoint", pushed, "--format", "csv"],
                        input="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert out.exit_code == 0, out.output
    assert out.output.split() == ["n", "609"]
    out = runner.invoke(main, ["sparql", "-", "--endpoint", pushed], input="ASK { ?s ?p ?o }")
    assert out.output.strip() == "true"
    construct = ("PREFIX envkg: <https://w3id.org/envkg/ontology#>\n"
                 "CONSTRUCT { ?t a envkg:Target } WHERE { ?t a envkg:Target }")
    remote = runner.invoke(main, ["sparql", "-", "--endpoint", pushed], input=construct)
    local = runner.invoke(main, ["sparql", "-", "--graph", str(FIXTURE)], input=construct)
    assert remote.exit_code == 0, remote.output
    assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())
    assert len(local.output.splitlines()) == 7
    out = runner.invoke(main, ["show", "南阳实践", "--endpoint", pushed])
    assert out.exit_code == 0 and "“南阳实践”" in out.output


def test_parameters_stay_values_remotely(pushed):
    r = run_query("measure-search", {"text": '"} } DROP ALL { {'}, endpoint=pushed, labels=False)
    assert r.rows == []
    count = run_query("shared-programmes", endpoint=pushed, labels=False)
    assert len(count.rows) == 3  # the data is still there


def test_push_twice_replaces_graphs(pushed):
    push(FIXTURE, pushed)
    out = CliRunner().invoke(main, ["sparql", "-", "--endpoint", pushed, "--format", "csv"],
                             input="SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert out.output.split() == ["n", "609"]


def test_unreachable_endpoint_exits_3():
    port = free_port()  # nothing listens there
    url = f"http://127.0.0.1:{port}/query"
    runner = CliRunner()
    for args in (["query", "shared-programmes", "--endpoint", url],
                 ["sparql", "-", "--endpoint", url],
                 ["push", "--endpoint", url, "--graph", str(FIXTURE)]):
        out = runner.invoke(main, args, input="ASK {}")
        assert out.exit_code == 3, (args, out.output)
        assert len(out.output.strip().splitlines()) == 1
        assert "unreachable" in out.output
    with pytest.raises(EndpointError):
        run_query("shared-programmes", endpoint=url)
