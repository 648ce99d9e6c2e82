"""``python -m graph`` does the same as the ``akg`` command."""
from graph.cli import main

main()
