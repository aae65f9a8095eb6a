from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from kaimen.campaigns.models import Campaign, CampaignState, Metric
from kaimen.campaigns.templatetags.campaign_figures import (
    campaign_heading,
    figure_split,
    figure_value,
    figure_written,
    highlight_figures,
    shows_normalized,
)
from kaimen.core.format import (
    cn_date,
    cn_datetime,
    cn_numeral,
    grouped,
    number,
    paragraphs,
    percent,
    wanyuan,
)
from kaimen.orgs.models import Organization


def metric(
    source: str,
    value: str,
    unit: str,
    *,
    label: str = "",
    qualifier: str = "",
    normalized_value: str | None = None,
    normalized_unit: str | None = None,
) -> Metric:
    return Metric(
        label=label,
        value=Decimal(value),
        unit=unit,
        qualifier=qualifier,
        normalized_value=Decimal(normalized_value or value),
        normalized_unit=unit if normalized_unit is None else normalized_unit,
        source_text=source,
    )


def test_number_drops_trailing_zeros_and_exponents() -> None:
    assert number(Decimal("974.6000")) == "974.6"
    assert number(Decimal("136.0000")) == "136"
    assert number(Decimal("1E+3")) == "1000"
    assert number(Decimal("-0.0")) == "0"
    assert number(None) == ""
    assert number("abc") == ""


def test_grouped_separates_thousands() -> None:
    assert grouped(Decimal("9746000.0000")) == "9,746,000"
    assert grouped(Decimal("12345.50")) == "12,345.5"
    assert grouped(Decimal("-1500")) == "-1,500"


def test_wanyuan_shows_yuan_in_wan() -> None:
    assert wanyuan(Decimal("9746000")) == "974.6万元"
    assert wanyuan(Decimal("5000")) == "0.5万元"
    assert wanyuan(None) == ""


def test_cn_date_writes_chinese_dates_in_local_time() -> None:
    assert cn_date(date(2024, 5, 1)) == "2024年5月1日"
    # 2024-12-31 20:00 UTC is already 2025-01-01 in Shanghai.
    late = datetime(2024, 12, 31, 20, 0, tzinfo=ZoneInfo("UTC"))
    assert cn_date(late) == "2025年1月1日"
    assert cn_datetime(late) == "2025年1月1日 04:00"
    assert cn_date(None) == ""


def test_cn_numeral_numbers_sections_like_the_announcements() -> None:
    assert [cn_numeral(n) for n in (1, 2, 9, 10, 11, 13, 20)] == [
        "一",
        "二",
        "九",
        "十",
        "十一",
        "十三",
        "二十",
    ]
    assert cn_numeral("x") == ""


def test_percent() -> None:
    assert percent(Decimal(118)) == "118%"
    assert percent(None) == ""


def test_figure_written_shows_the_figure_as_the_source_wrote_it() -> None:
    assert (
        figure_written(metric("发放宣传资料60万余份", "60", "万份", qualifier="余")) == "60万余份"
    )
    assert figure_written(metric("追回资金5000余万元", "5000", "万元", qualifier="余")) == (
        "5000余万元"
    )
    assert figure_written(metric("培训1200余人次", "1200", "人次", qualifier="余")) == "1200余人次"
    assert figure_written(metric("超过90%", "90", "%", qualifier="超过")) == "超过90%"
    assert figure_written(metric("136人", "136", "人")) == "136人"


def test_figure_split_cuts_the_written_figure_around_its_number() -> None:
    assert figure_split(metric("覆盖近1.5万人次", "1.5", "万人次", qualifier="近")) == (
        "近",
        "1.5",
        "万人次",
    )
    assert figure_split(metric("发放宣传资料60万余份", "60", "万份", qualifier="余")) == (
        "",
        "60",
        "万余份",
    )


def test_figure_value_keeps_its_old_answer_for_callers_outside_the_app() -> None:
    assert figure_value(metric("成员300余人", "300", "人", qualifier="余")) == "300余"
    assert figure_value(metric("超过90%", "90", "%", qualifier="超过")) == "超过90"


def test_shows_normalized_only_when_it_adds_something() -> None:
    amount = metric("974.6万元", "974.6", "万元", normalized_value="9746000", normalized_unit="元")
    assert shows_normalized(amount) is True
    assert shows_normalized(metric("136人", "136", "人")) is False


def test_highlight_figures_marks_the_figure_inside_each_source_text() -> None:
    body = "抓获涉诈犯罪嫌疑人136人，追赃974.6万元，成员300余人。"
    metrics = [
        metric("抓获涉诈犯罪嫌疑人136人", "136", "人", label="抓获涉诈犯罪嫌疑人"),
        metric("追赃974.6万元", "974.6", "万元", label="追赃"),
        metric("成员300余人", "300", "人", label="成员", qualifier="余"),
    ]

    html = highlight_figures(body, metrics)

    assert html == (
        '抓获涉诈犯罪嫌疑人<mark class="figure-chip" title="抓获涉诈犯罪嫌疑人">136人</mark>，'
        '追赃<mark class="figure-chip" title="追赃">974.6万元</mark>，'
        '成员<mark class="figure-chip" title="成员">300余人</mark>。'
    )


def test_highlight_figures_escapes_everything_else() -> None:
    body = '<script>alert("x")</script> 追赃974.6万元 & <b>'
    metrics = [metric("追赃974.6万元", "974.6", "万元", label='追赃"><i>')]

    html = highlight_figures(body, metrics)

    assert html == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 追赃"
        '<mark class="figure-chip" title="追赃&quot;&gt;&lt;i&gt;">974.6万元</mark>'
        " &amp; &lt;b&gt;"
    )


def test_highlight_figures_does_not_cut_through_a_longer_number() -> None:
    body = "清理工作群12个，设立监测点2个"

    html = highlight_figures(body, [metric("2个", "2", "个")])

    assert html == '清理工作群12个，设立监测点<mark class="figure-chip">2个</mark>'


def test_highlight_figures_falls_back_to_value_and_unit_when_source_differs() -> None:
    # The importer matched a normalised copy (full-width comma, no space) of the text.
    body = "追赃 974.6万元"

    html = highlight_figures(body, [metric("追赃974.6万元", "974.6", "万元")])

    assert html == '追赃 <mark class="figure-chip">974.6万元</mark>'


def test_highlight_figures_without_metrics_only_escapes() -> None:
    assert highlight_figures("a < b", []) == "a &lt; b"
    assert highlight_figures(None, None) == ""


def test_paragraphs_wraps_each_line_and_escapes() -> None:
    assert paragraphs("第一段\n\n <第二段> \n") == "<p>第一段</p><p>&lt;第二段&gt;</p>"


def test_campaign_heading_follows_the_published_announcements() -> None:
    issuer = Organization(name="定海区纪委监委")
    published = Campaign(
        issuer=issuer,
        year=2024,
        title="漠视侵害群众利益问题专项治理",
        state=CampaignState.PUBLISHED,
    )
    running = Campaign(
        issuer=issuer,
        year=2025,
        title="2025年漠视侵害群众利益问题专项治理",
        state=CampaignState.RUNNING,
    )

    assert (
        campaign_heading(published)
        == "定海区纪委监委公布2024年漠视侵害群众利益问题专项治理工作成果"
    )
    assert campaign_heading(running) == "定海区纪委监委2025年漠视侵害群众利益问题专项治理（治理中）"
