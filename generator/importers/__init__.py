"""``kpi import``: exports (CSV in any encoding, .xlsx) into the canonical Parquet tables, by mapping files.

reading.py    a CSV (encoding and delimiter detected) or an .xlsx sheet, as text columns
encodings.py  UTF-8, UTF-8 with BOM, Shift_JIS/CP932 or a detected encoding
mapping.py    mapping files (definitions/imports/*.yml or a shipped preset), checked against sources.yml
dates.py      ISO, dd-mm-yyyy, yyyy/mm/dd HH:MM, Excel serials, time zones → Asia/Tokyo time
values.py     numbers, booleans and value mappings
convert.py    one canonical table from one export, each rejected row with its reason
report.py     the import report (printed, and as JSON)
run.py        the whole import, written atomically and deterministically
"""
