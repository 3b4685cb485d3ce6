from conftest import ROOT

from sqs_analysis.tables import dictionary, schemas


def test_committed_data_dictionary_is_up_to_date():
    """Regenerate with `make dictionary` when this fails."""
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == dictionary.markdown()


def test_every_column_is_documented():
    text = dictionary.markdown()
    for name, schema in schemas.SCHEMAS.items():
        assert f"## `{name}`" in text
        for column, spec in schema.columns.items():
            assert spec.description, f"{name}.{column} has no description"
            assert f"| `{column}` |" in text
    assert (
        "| `rate_gap_pct_points` | Gap to average | number | yes | Reoffending rate minus" in text
    )


def test_every_column_has_a_human_title_the_same_in_every_table():
    titles: dict[str, set[str]] = {}
    for schema in schemas.SCHEMAS.values():
        for column, spec in schema.columns.items():
            titles.setdefault(column, set()).add(spec.title)
    for column, found in titles.items():
        assert len(found) == 1, f"{column} has several titles: {sorted(found)}"
        (title,) = found
        assert title and "_" not in title and title not in titles, (column, title)
        assert title[0].isupper() or title[0].isdigit(), (column, title)
    assert titles["reoffending_rate_pct"] == {"Reoffending rate"}
    assert titles["ew_average_pct"] == {"England and Wales average (same cohort)"}
    assert titles["inspection_id"] == {"Inspection"}


def test_rows_are_one_per_schema_column_in_order_with_the_words_markdown_shows():
    rows = list(dictionary.rows())
    expected = [(t, c) for t, s in schemas.SCHEMAS.items() for c in s.columns]
    assert [(r.table, r.column) for r in rows] == expected
    by_key = {(r.table, r.column): r for r in rows}
    gap = by_key["inspections", "rate_gap_pct_points"]
    assert (gap.title, gap.type, gap.may_be_empty) == ("Gap to average", "number", "yes")
    assert gap.meaning.startswith("Reoffending rate minus the England and Wales average")
    assert by_key["inspections", "publication_date"].type == "date"
    assert by_key["inspections", "custody_cases_included"].type == "true/false"
    assert by_key["findings", "start"][3:5] == ("integer", "no")
    assert by_key["paragraphs", "text"].type == "text"
    assert len(dictionary.HEADINGS) == len(dictionary.Row._fields)
