"""Tables: parsed reports as tidy, validated pandas tables, published as one set.

build (records -> rows) -> schemas (pandera; the data dictionary) -> pipeline (a folder of
reports, in parallel, cached) -> tableset (staged, atomic, with a manifest) -> workbook (the set
as one Excel file; its sheets: sheets).
"""
