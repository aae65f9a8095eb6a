"""The tour's rectification ledger in Excel (问题、任务、责任、时限), as the ledgers of
supervision are laid out (kaimen.core.excel)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from kaimen.core.excel import Column, ledger_workbook
from kaimen.core.format import cn_date
from kaimen.supervision.ledgers import colour_cell


@translation.override("zh-hans")
def tour_measures_workbook(*, user: Any, tour: Any, rows: Sequence[Any], today: date) -> bytes:
    """The tour's measures (already scoped, filtered and coloured: `tours.selectors`)."""
    columns = [
        Column(_("序号"), 6, lambda r: None, "index"),
        Column(_("问题类别"), 14, lambda r: r.item.category),
        Column(_("反馈问题"), 28, lambda r: f"{r.item.position}. {r.item.title}"),
        Column(_("整改措施"), 44, lambda r: f"（{r.measure.position}）{r.measure.text}"),
        Column(_("责任单位"), 20, lambda r: "、".join(u.name for u in r.measure.units.all())),
        Column(_("责任领导"), 12, lambda r: r.measure.leader),
        Column(_("整改时限"), 15, lambda r: r.measure.deadline, "date"),
        Column(_("整改状态"), 11, lambda r: r.measure.get_state_display()),
        Column(_("预警颜色"), 9, lambda r: colour_cell(r.colour), "filled"),
        Column(_("整改进展"), 40, lambda r: r.measure.progress),
        Column(_("销号依据"), 30, lambda r: r.measure.evidence),
        Column(_("销号日期"), 15, lambda r: r.measure.closed_at, "date"),
    ]
    title = f"{tour.name}反馈问题整改台账（截至{cn_date(today)}）"
    return ledger_workbook(title, columns, rows)
