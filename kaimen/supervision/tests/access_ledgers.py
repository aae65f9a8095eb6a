"""Access-matrix rows for the Excel ledgers (/staff/ledgers/…): problems for every staff role
(scoped), inspections and accountability for commission roles only (another district's
commission gets an empty workbook of its own scope), the tour measures as the tour pages."""

from django.urls import reverse

from kaimen.core.access import (
    COMMISSION_ADMIN,
    COMMISSION_ADMIN_OTHER,
    DINGHAI_COMMISSION,
    STAFF,
    SUPERVISOR,
    UNIT_LEAD,
    Row,
)
from kaimen.tours.tests.access import access_tour

COMMISSIONS = DINGHAI_COMMISSION | {COMMISSION_ADMIN_OTHER}

ROWS: list[Row] = [
    Row("ledgers:index", lambda w: reverse("ledgers:index"), STAFF),
    Row("ledgers:problems_xlsx", lambda w: reverse("ledgers:problems_xlsx"), STAFF),
    Row("ledgers:inspections_xlsx", lambda w: reverse("ledgers:inspections_xlsx"), COMMISSIONS),
    Row(
        "ledgers:accountability_xlsx", lambda w: reverse("ledgers:accountability_xlsx"), COMMISSIONS
    ),
    Row(
        "ledgers:tour_measures_xlsx",
        lambda w: reverse("ledgers:tour_measures_xlsx", args=[access_tour(w).pk]),
        DINGHAI_COMMISSION | {UNIT_LEAD},
    ),
    Row(
        "ledgers:problems_import",
        lambda w: reverse("ledgers:problems_import"),
        frozenset({SUPERVISOR, COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER}),
    ),
    Row("ledgers:import_template", lambda w: reverse("ledgers:import_template"), STAFF),
]
