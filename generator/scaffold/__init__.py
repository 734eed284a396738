"""``kpi init``: a runnable project from imported data, with the shipped KPIs its tables can measure.

inventory.py  what the data folder holds: tables, columns with values, values compared in filters
needs.py      what each KPI and SLA reads (tables, columns, filter values), said as 「… が必要です」
plan.py       which KPIs and SLAs are kept: every need met, and every KPI or SLA they build on kept
rewrite.py    the definitions that referred to what was left out, rewritten without the references
write.py      the project on disk: copied files, rewritten files, the data, what was left out
"""
