"""Access rows of the announcement import flow: commission admins, for their own commission."""

from typing import Any

from django.urls import reverse

from kaimen.campaigns.models import ImportRun
from kaimen.core.access import COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER, Row

ADMINS = frozenset({COMMISSION_ADMIN, COMMISSION_ADMIN_OTHER})
OWN_ADMIN = frozenset({COMMISSION_ADMIN})

PARSED = {
    "issuer": "定海区纪委监委",
    "year": 2019,
    "title": "区纪委区监委公布漠视侵害群众利益问题专项治理工作成果",
    "intro": "",
    "intro_totals": [],
    "projects": [
        {
            "title": "教育乱收费专项治理",
            "lead_units": ["区教育局"],
            "goal": None,
            "outcomes": [{"headline": "清退费用", "body": "清退违规收费12万元。"}],
            "metrics": [{"label": "清退违规收费", "value": 120000, "unit": "元"}],
        }
    ],
    "warnings": [],
}


def dinghai_run(world: Any) -> ImportRun:
    """An import run of 定海区纪委监委, made once per test world."""
    run: ImportRun | None = getattr(world, "_import_run", None)
    if run is None:
        run = ImportRun.objects.create(
            issuer=world.orgs["dh_jiwei"], source_name="2019.txt", source_text="…", parsed=PARSED
        )
        world._import_run = run
    return run


def _url(name: str, *extra: int) -> Any:
    return lambda w: reverse(f"imports_staff:{name}", args=[dinghai_run(w).pk, *extra])


ROWS: list[Row] = [
    Row("imports_staff:list", lambda w: reverse("imports_staff:list"), ADMINS),
    Row("imports_staff:new", lambda w: reverse("imports_staff:new"), ADMINS),
    Row(
        "imports_staff:new",
        lambda w: reverse("imports_staff:new"),
        ADMINS,
        method="post",
        data=lambda w: {"issuer": w.orgs["dh_jiwei"].pk, "text": ""},
    ),
    Row("imports_staff:review", _url("review"), OWN_ADMIN),
    Row("imports_staff:progress", _url("progress"), OWN_ADMIN),
    Row("imports_staff:campaign_edit", _url("campaign_edit"), OWN_ADMIN),
    Row("imports_staff:project_edit", _url("project_edit", 1), OWN_ADMIN),
    Row("imports_staff:confirm", _url("confirm"), OWN_ADMIN, method="post", data=lambda w: {}),
    Row(
        "imports_staff:structure",
        _url("structure"),
        OWN_ADMIN,
        method="post",
        data=lambda w: {"operation": "merge", "position": 1},
    ),
]
