"""Fixtures of the extraction tests."""
import pytest

from graph.extract.registry import load_registry
from phrasing import REGISTRY_TTL


@pytest.fixture(scope="module")
def registry():
    """The small registry of tests/data/extraction_orgs.ttl, which the phrasing tests are written against."""
    return load_registry(REGISTRY_TTL)


@pytest.fixture(scope="module")
def packaged_registry():
    """The reference organizations akg ships (ontology/organizations.ttl), for phrasings that need their kinds."""
    return load_registry()
