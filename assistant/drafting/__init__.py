"""Drafting: a request → proposed clauses in correct form, citing the precedent they stand on."""
