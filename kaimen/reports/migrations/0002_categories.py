"""Load the fixed category table (codes shared with Open311 service_codes)."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from kaimen.reports.categories import CATEGORIES  # noqa: PLC0415  (plain data)

    category_model = apps.get_model("reports", "Category")
    for position, (code, name, description, kind, group) in enumerate(CATEGORIES, start=1):
        category_model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "kind": str(kind),
                "group": group,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
