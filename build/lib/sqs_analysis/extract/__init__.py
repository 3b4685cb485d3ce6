"""Reading reports: one file's bytes to a :class:`~sqs_analysis.extract.records.ParsedReport`.

ingest (bytes, PDF text) -> normalise (characters, markup) -> document (blocks) -> structure
(the report's parts) -> parse (headline fields, lists, copy list) -> findings (quantities,
verdicts) and themes (vocabulary tags). Nothing here knows about tables or pages.
"""
