"""graph.store.computed: named queries whose rows Python makes from what their SPARQL selects."""
from __future__ import annotations

import pytest
from rdflib import Literal

from graph.errors import QueryError
from graph.store.computed import blocs, compute
from graph.store.query import parse_query_text


def ties(*pairs: str) -> list[tuple]:
    """Ties both ways between the letters of each two-letter string."""
    return [(Literal(x), Literal(y)) for a, b in pairs for x, y in ((a, b), (b, a))]


def text_rows(found) -> list[tuple[int, str]]:
    return [(int(size), str(bloc)) for size, bloc in found[1]]


def test_a_trio_is_listed_once_and_its_pairs_are_not():
    assert text_rows(blocs(ties("AB", "BC", "CA"))) == [(3, "A, B, C")]


def test_a_pair_sharing_a_neighbour_is_covered_by_no_trio_when_the_third_tie_is_missing():
    """A-B and B-C share no third organization tied to both ends, so both stay pairs; A-C is no tie."""
    assert text_rows(blocs(ties("AB", "BC"))) == [(2, "A, B"), (2, "B, C")]


def test_two_trios_on_one_edge_then_the_loose_pair_trios_first():
    found = text_rows(blocs(ties("AB", "BC", "CA", "BD", "DA", "EF")))
    assert found == [(3, "A, B, C"), (3, "A, B, D"), (2, "E, F")]


def test_a_tie_stated_one_way_only_closes_no_trio_against_its_direction():
    """Like the SPARQL it replaces: x-y, y-z and z-x must each be a tie that way (C-A is missing here);
    A and B both tie to C, so they are no loose pair either."""
    one_way = [(Literal(a), Literal(b)) for a, b in ("AB", "BC", "AC")]
    assert text_rows(blocs(one_way)) == [(2, "A, C"), (2, "B, C")]


def test_a_computation_reads_two_columns():
    with pytest.raises(QueryError, match="reads two columns"):
        compute("blocs", ("a", "b", "c"), [])


def test_a_query_file_naming_an_unknown_computation_is_refused():
    with pytest.raises(QueryError, match="unknown computation 'cliques'"):
        parse_query_text("q", "# computed: cliques\nSELECT ?a ?b WHERE { ?a ?p ?b }")
