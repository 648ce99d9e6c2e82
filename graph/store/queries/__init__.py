"""Named SPARQL queries shipped with akg (one .rq file each)."""
