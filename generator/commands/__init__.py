"""One module per ``kpi`` verb; each exposes ``run_<verb>(...) -> int`` (the exit code)."""
