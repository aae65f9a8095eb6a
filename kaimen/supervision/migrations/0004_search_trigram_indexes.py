"""Keyword search on the ledgers (`?q=`): pg_trgm GIN indexes on the searched text columns,
so `ILIKE '%…%'` uses an index on PostgreSQL. SQLite keeps its scan (no-op there)."""

from django.db import migrations

from kaimen.core.search import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("supervision", "0003_warningpolicy_publish_listed")]

    operations = [
        TrigramIndex(
            "supervision_problem",
            ["description", "number", "listed_number"],
            name="problem_search_trgm",
        ),
        TrigramIndex("supervision_inspection", ["notes", "members"], name="inspection_search_trgm"),
    ]
