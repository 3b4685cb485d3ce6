"""sqs-analysis: HM Inspectorate of Probation Short Quality Screening reports as tidy data."""

from .corpus import Tables, load, read_tables
from .errors import ReportParseError
from .parse import parse_file

__all__ = ["ReportParseError", "Tables", "load", "parse_file", "read_tables"]
__version__ = "0.1.0"
