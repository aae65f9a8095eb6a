from decimal import Decimal

from kaimen.campaigns.figures import figure_as_written, figure_parts, figure_span


def test_figure_as_written_keeps_the_qualifier_where_the_source_put_it() -> None:
    # given figures whose 余 sits after the multiplier, before it, and before the unit
    written = [
        figure_as_written(
            value=Decimal(60), unit="万份", qualifier="余", source="发放宣传资料60万余份"
        ),
        figure_as_written(
            value=Decimal(5000), unit="万元", qualifier="余", source="追回资金5000余万元"
        ),
        figure_as_written(
            value=Decimal(1200), unit="人次", qualifier="余", source="培训1200余人次"
        ),
        figure_as_written(
            value=Decimal("1.5"), unit="万人次", qualifier="近", source="覆盖近1.5万人次"
        ),
        figure_as_written(
            value=Decimal(1200), unit="人次", qualifier="余", source="培训1,200余人次"
        ),
    ]

    # then each is shown exactly as written
    assert written == ["60万余份", "5000余万元", "1200余人次", "近1.5万人次", "1,200余人次"]


def test_figure_as_written_without_a_source_uses_the_natural_order() -> None:
    assert figure_as_written(value=Decimal("60.000000"), unit="万份", qualifier="余") == "60万余份"
    assert figure_as_written(value=Decimal(1200), unit="人次", qualifier="余") == "1200余人次"
    assert figure_as_written(value=Decimal(90), unit="次", qualifier="超过") == "超过90次"
    assert figure_as_written(value=Decimal(300), unit="万元", qualifier="逾") == "逾300万元"
    assert figure_as_written(value=Decimal(100), unit="人", qualifier="以上") == "100人以上"
    assert figure_as_written(value=Decimal(136), unit="人") == "136人"


def test_figure_as_written_ignores_a_source_that_no_longer_matches_the_figure() -> None:
    # given a figure corrected after import (value changed; qualifier removed)
    changed = figure_as_written(value=Decimal(70), unit="万份", qualifier="余", source="60万余份")
    unqualified = figure_as_written(
        value=Decimal(5000), unit="万元", qualifier="", source="追回资金5000余万元"
    )

    assert (changed, unqualified) == ("70万余份", "5000万元")


def test_figure_span_never_cuts_a_longer_number() -> None:
    assert figure_span("共12个，其中2个", value=Decimal(2), unit="个", qualifier="") == (7, 9)
    assert figure_span("共12个", value=Decimal(2), unit="个", qualifier="") is None


def test_figure_parts_cut_around_the_number() -> None:
    assert figure_parts("近1.5万人次") == ("近", "1.5", "万人次")
    assert figure_parts("60万余份") == ("", "60", "万余份")
    assert figure_parts("两个") == ("", "两个", "")
