"""The ``akg`` command: a thin click shell over the library (no RDF or NLP logic here)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from graph import __version__
from graph.errors import AkgError
from graph.pipeline import DEFAULT_INPUT, DEFAULT_OUTDIR, GRAPH_FILE, HTML_FILE

DEFAULT_GRAPH = str(Path(DEFAULT_OUTDIR) / GRAPH_FILE)


class AkgGroup(click.Group):
    """A group that turns the library's AkgError into a one-line message and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AkgError as exc:
            raise click.ClickException(str(exc)) from None
        except (OSError, UnicodeError) as exc:
            raise click.ClickException(f"{type(exc).__name__}: {exc}") from None


def graph_option(fn):
    """The --graph option every reading command shares."""
    return click.option("--graph", "graph_path", default=DEFAULT_GRAPH, show_default=True,
                        type=click.Path(dir_okay=False),
                        help="Graph to read (Turtle written by 'akg build' or 'akg export').")(fn)


def inputs_argument(fn):
    """The INPUT... argument: files, folders or globs of articles."""
    return click.argument("inputs", nargs=-1, metavar="[INPUT]...")(fn)


def warn(path: str, error: AkgError) -> None:
    """Report a skipped input on stderr and go on with the others."""
    click.echo(f"warning: skipped {error}", err=True)


@click.group(cls=AkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="akg")
def cli() -> None:
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


@cli.command()
@inputs_argument
@click.option("-o", "--outdir", default=DEFAULT_OUTDIR, show_default=True, type=click.Path(file_okay=False),
              help="Folder to write graph.ttl and graph.html into.")
@click.option("--html/--no-html", default=True, show_default=True, help="Also write the interactive page.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def build(inputs: tuple[str, ...], outdir: str, html: bool, quiet: bool) -> None:
    """Read articles, extract facts and write the graph (Turtle) and its page (HTML).

    INPUT is any number of .txt, .md, .html or .jsonl files, folders (read
    recursively) or glob patterns; the default is the seeds/ folder. A file
    that cannot be read is reported and skipped; the others are still built.

    \b
    Example:
        akg build seeds/ -o out
        akg build news/*.html more-news.jsonl
    """
    from graph.pipeline import build as run_build

    def progress(doc) -> None:
        if not quiet:
            click.echo(f"reading {doc.id}", err=True)

    result = run_build(inputs or (DEFAULT_INPUT,), outdir, html=html, on_error=warn, progress=progress)
    for path in result.files:
        click.echo(str(path))
    click.echo(f"{len(result.extractions)} documents, {result.fact_count} facts, {len(result.graph)} triples",
               err=True)


@cli.command()
@inputs_argument
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format: one JSON object per fact.")
def extract(inputs: tuple[str, ...], fmt: str) -> None:
    """Print the facts extracted from articles, one JSON object per line.

    Nothing but fact lines goes to stdout; warnings go to stderr.

    \b
    Example:
        akg extract seeds/000_ce3b457f6051eda2.txt --format jsonl
    """
    from graph.pipeline import extract_inputs

    for extraction in extract_inputs(inputs or (DEFAULT_INPUT,), on_error=warn):
        for fact in extraction.facts:
            click.echo(json.dumps(fact.to_json(), ensure_ascii=False))


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
@graph_option
def query(query: str | None, query_file, params: tuple[str, ...], fmt: str, list_queries: bool,
          graph_path: str) -> None:
    """Run a SPARQL query over the graph: inline text, -f FILE, or a named query.

    \b
    Example:
        akg query --list
        akg query partners --param org=Nissan
        akg query 'SELECT ?o WHERE { ?o a akg:Automaker }' --format csv
        akg query -f my-query.rq --format json
    """
    from graph.pipeline import open_graph
    from graph.query import format_result, named_queries, resolve_query, run_query

    if list_queries:
        for nq in named_queries().values():
            click.echo(f"{nq.name:<16} {nq.description}")
            for name, help_text in zip(nq.params, nq.param_help or nq.params):
                click.echo(f"{'':<16}   --param {name}=...  {help_text}")
        return
    if query is None and query_file is None:
        raise click.UsageError("give a QUERY, -f FILE or --list")
    result = run_query(open_graph(graph_path), resolve_query(query or "", query_file), parse_params(params))
    click.echo(format_result(result, fmt), nl=False)


@cli.command()
@graph_option
@click.option("-o", "--outdir", default=DEFAULT_OUTDIR, show_default=True, type=click.Path(file_okay=False),
              help="Folder to write the files into.")
@click.option("-f", "--format", "formats", multiple=True, default=("ttl", "nt", "jsonld", "graphml"),
              show_default=True, type=click.Choice(["ttl", "nt", "jsonld", "rdf", "graphml"]),
              help="Serialization(s) to write; repeat the option for several.")
def export(graph_path: str, outdir: str, formats: tuple[str, ...]) -> None:
    """Write the graph as Turtle, N-Triples, JSON-LD, RDF/XML or GraphML (for Gephi).

    \b
    Example:
        akg export -o out -f ttl -f graphml
    """
    from graph.export import export as run_export
    from graph.pipeline import open_graph

    for path in run_export(open_graph(graph_path), outdir, formats):
        click.echo(str(path))


@cli.command()
@graph_option
@click.option("-o", "--output", default=str(Path(DEFAULT_OUTDIR) / HTML_FILE), show_default=True,
              type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--focus", metavar="ORG", help="Show only this organization and its neighbours.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 5), help="Neighbourhood depth for --focus.")
def viz(graph_path: str, output: str, focus: str | None, depth: int) -> None:
    """Write the interactive graph page (works offline; open it in any browser).

    \b
    Example:
        akg viz --focus Nissan -o out/nissan.html
    """
    from graph.pipeline import open_graph
    from graph.viz import write_html

    click.echo(str(write_html(open_graph(graph_path), output, focus=focus, depth=depth)))


@cli.command()
@click.argument("graph_file", required=False, default=DEFAULT_GRAPH, metavar="[GRAPH]")
def validate(graph_file: str) -> None:
    """Check a graph against the SHACL shapes; exit 1 with a report on any violation.

    \b
    Example:
        akg validate out/graph.ttl
    """
    from graph.pipeline import open_graph
    from graph.validate import validate as run_validate

    report = run_validate(open_graph(graph_file))
    if not report.conforms:
        click.echo(report.text, err=True)
        raise click.ClickException(f"{graph_file} does not conform: {len(report.violations)} violation(s)")
    click.echo(f"{graph_file} conforms to the akg shapes")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="akg")


if __name__ == "__main__":
    sys.exit(main())
