"""Stage 1 to 3, extraction: text -> Document -> Mention -> Fact (nothing here imports from a later stage)."""
