"""Access-matrix rows for the Excel ledgers (/staff/ledgers/…): problems for every staff role
(scoped), inspections and accountability for commission roles only (another district's
commission gets an empty workbook of its own scope)."""

from django.urls import reverse

from kaimen.core.access import (
    COMMISSION_ADMIN,
    COMMISSION_ADMIN_OTHER,
    DINGHAI_COMMISSION,
    STAFF,
    SUPERVISOR,
    Row,
)

COMMISSIONS = DINGHAI_COMMISSION | {COMMISSION_ADMIN_OTHER}

ROWS: list[Row] = [
    Row("ledgers:index", lambda w: reverse("ledgers:index"), STAFF),
    Row("ledgers:problems_xlsx", lambda w: reverse("ledgers:problems_xlsx"), STAFF),
    Row("ledgers:inspections_xlsx", lambda w: reverse("ledgers:inspections_xlsx"), COMMISSIONS),
    Row(
        "ledgers:accountability_xlsx", lambda w: reverse("ledgers:accountability_xlsx"), COMMISSIONS
    ),
    Row(
        "ledgers:problems_import",
        lambda w: reverse("ledgers:problems_import"),
        frozenset({SUPERVISOR, COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER}),
    ),
    Row("ledgers:import_template", lambda w: reverse("ledgers:import_template"), STAFF),
]
