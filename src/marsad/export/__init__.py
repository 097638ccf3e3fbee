"""Export: the knowledge base as JSON, JSON Lines, CSV (and PLOVER via marsad.events.plover).

The format is spec/export-schema.md, encoded in ``schema.json``;
:func:`~marsad.export.build.analyses_to_export` builds the object from analyses.
"""

from marsad.export.build import GENERATOR, SCHEMA_VERSION, analyses_to_export, empty_export
from marsad.export.writers import (
    check_integrity,
    load_schema,
    read_jsonl,
    record_schema_errors,
    schema_errors,
    validate_export,
    write_csv,
    write_json,
    write_jsonl,
)

__all__ = [
    "GENERATOR",
    "SCHEMA_VERSION",
    "analyses_to_export",
    "check_integrity",
    "empty_export",
    "load_schema",
    "read_jsonl",
    "record_schema_errors",
    "schema_errors",
    "validate_export",
    "write_csv",
    "write_json",
    "write_jsonl",
]
