"""HTML template and offline assets for the interactive graph page."""
