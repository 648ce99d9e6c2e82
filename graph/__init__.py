"""akg: read car-industry news and build a knowledge graph of automaker alliances.

The pipeline, one module per stage: ``text`` (files -> Document), ``mentions``
(Document -> organization mentions), ``facts`` (mentions -> Fact), ``rdf``
(facts -> rdflib Graph), then ``query``, ``export``, ``viz`` and ``store``.
"""

__version__ = "0.1.0"
