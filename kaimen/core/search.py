"""Keyword search over a list's text fields (`?q=`), combined with the list's own filters.

Every word of the query must appear in at least one of the fields (case-insensitive
substring, so "预收费" finds "校外培训机构预收费"). On PostgreSQL the fields carry pg_trgm GIN
indexes (`TrigramIndex` in a migration), which serve `ILIKE '%…%'` at a province's volume; on
SQLite the same query is a plain LIKE scan, which is fine at a district's.
"""

from collections.abc import Sequence
from typing import Any

from django.db.migrations.operations.base import Operation
from django.db.models import Q

MAX_WORDS = 8  # a pasted paragraph is not a query


def search_words(query: str | None) -> list[str]:
    return (query or "").split()[:MAX_WORDS]


def search_q(query: str | None, fields: Sequence[str]) -> Q:
    """Q for the rows that contain every word of `query` in any of `fields`; empty → all."""
    q = Q()
    for word in search_words(query):
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        q &= any_field
    return q


class TrigramIndex(Operation):
    """A pg_trgm GIN index on text columns, created only where the database is PostgreSQL
    (SQLite keeps its scan). The extension is created if missing (the role needs the right)."""

    reversible = True
    reduces_to_sql = False

    def __init__(self, table: str, columns: Sequence[str], name: str) -> None:
        self.table, self.columns, self.name = table, list(columns), name

    def state_forwards(self, app_label: str, state: Any) -> None:
        """No model state: the index lives only in PostgreSQL."""

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        columns = ", ".join(f"{quote(c)} gin_trgm_ops" for c in self.columns)
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(self.name)} "
            f"ON {quote(self.table)} USING gin ({columns})"
        )

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self) -> str:
        return f"Trigram index {self.name} on {self.table}({', '.join(self.columns)})"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            self.__class__.__name__,
            [],
            {"table": self.table, "columns": self.columns, "name": self.name},
        )
