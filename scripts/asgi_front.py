"""The endpoint's ``/query`` behind uvicorn and Starlette instead of the stdlib ``ThreadingHTTPServer``, over the
same worker pool, memory cap and SERVICE check: what ``bench_serve.py --front uvicorn`` weighs against
``akg serve`` (issue 12, point 7). A measuring aid, not a second server: it answers GET and POST /query only.

Usage: python scripts/asgi_front.py STORE PORT   (needs `pip install uvicorn starlette`)
"""
from __future__ import annotations

import sys
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request as HttpRequest
from starlette.responses import Response as HttpResponse
from starlette.routing import Route

from graph.errors import QueryError
from graph.serve.server import SparqlServer, make_server
from graph.serve.sparql_worker import Request, Response, error_response
from graph.store.service import check_service


async def _params(request: HttpRequest) -> dict[str, list[str]]:
    """The query string's parameters, and the body's for a POST (form-encoded or application/sparql-query)."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "POST":
        body = (await request.body()).decode("utf-8", errors="replace")
        if request.headers.get("content-type", "").startswith("application/sparql-query"):
            params["query"] = [body]
        else:
            params.update(parse_qs(body, keep_blank_values=True))
    return params


def _answer(pool: SparqlServer, params: dict[str, list[str]], accept: str | None) -> Response:
    """What akg serve's handler answers for these parameters (blocking: run in a thread)."""
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        return error_response(400, "give exactly one non-empty 'query' parameter")
    try:
        check_service(queries[0], pool.allow_service)
    except QueryError as exc:
        return error_response(400, str(exc))
    bindings = {k[1:]: v[-1] for k, v in params.items() if k.startswith("$") and k[1:].isidentifier()}
    return pool.run_query(Request(queries[0], bindings, accept, (params.get("format") or [None])[-1], pool.limit,
                                  pool.prefixes))


def app(store: str) -> Starlette:
    """The ASGI app over a worker pool of ``make_server`` (whose own listener stays unused)."""
    pool = make_server(store, port=0)

    async def query(request: HttpRequest) -> HttpResponse:
        response = await run_in_threadpool(_answer, pool, await _params(request), request.headers.get("accept"))
        return HttpResponse(response.body, status_code=response.status, media_type=response.content_type,
                            headers={"X-Akg-Truncated": "true" if response.truncated else "false"})

    async def page(request: HttpRequest) -> HttpResponse:
        return HttpResponse(pool.page, media_type="text/html; charset=utf-8")

    return Starlette(routes=[Route("/", page), Route("/query", query, methods=["GET", "POST"])])


if __name__ == "__main__":
    uvicorn.run(app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
