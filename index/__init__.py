"""Stage 1 of the pipeline: raw resolution text → clause tree → store."""
