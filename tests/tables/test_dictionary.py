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
    assert "| `rate_gap_pct_points` | number | yes | Reoffending rate minus" in text
