"""Fixtures of the store tests: the sample graph, in rdflib and in an in-memory Oxigraph store."""
import pyoxigraph
import pytest

from samples import sample_graph


@pytest.fixture(scope="module")
def graph():
    """The sample graph (rdflib)."""
    return sample_graph()


@pytest.fixture(scope="module")
def store(graph):
    """The sample graph loaded into an in-memory Oxigraph store."""
    st = pyoxigraph.Store()
    st.load(graph.serialize(format="nt"), pyoxigraph.RdfFormat.N_TRIPLES)
    return st
