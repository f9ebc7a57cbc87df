"""Stage 2 of the pipeline: retrieve → prompt → LLM → validate → cite."""
