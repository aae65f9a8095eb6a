"""The Chinese writing of figures and dates as template filters (see kaimen.core.format)."""

from django import template

from kaimen.core import format as fmt

register = template.Library()

for _filter in (
    fmt.number,
    fmt.grouped,
    fmt.wanyuan,
    fmt.cn_date,
    fmt.cn_datetime,
    fmt.cn_numeral,
    fmt.percent,
    fmt.paragraphs,
):
    register.filter(_filter.__name__, _filter)
