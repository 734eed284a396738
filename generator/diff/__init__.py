"""``kpi diff``: what a change to the definitions means, in words, and what it does to the numbers.

revisions.py   load BASE and HEAD (a git revision or the working tree) through the loader
semantic.py    compare the typed models: added, removed, renamed, changed field by field
classify.py    breaking / target / cosmetic, from a small table of field paths
wording.py     each change as one plain line, Japanese and English
impact.py      both revisions measured through the pipeline on the same data (aggregates only)
approval.py    which breaking changes carry an approval marker
markdown.py    the pull-request comment;  formats.py  JSON and GitHub annotations
"""
