"""Access-matrix rows of the insights pages. Internal league tables never reach the public:
the public league page and its download answer 404 to everyone while the commission keeps them
internal (the world sets no policy)."""

from kaimen.core.access import ANONYMOUS, DINGHAI_COMMISSION, EVERYONE, NOBODY, STAFF, Row

ROWS = [
    Row("insights:dashboard", lambda w: "/staff/insights/", STAFF),
    Row("insights:problem_list", lambda w: "/staff/insights/problems/?colour=red", STAFF),
    # The league table of 定海: its own commission roles (another district's admin: 404; units:
    # 404, they have no commission to choose).
    Row(
        "insights:league",
        lambda w: f"/staff/insights/league/?commission={w.orgs['dh_jiwei'].pk}&month=2024-06",
        DINGHAI_COMMISSION | {"commission_admin_other"},
    ),
    Row(
        "insights:league_xlsx",
        lambda w: f"/staff/insights/league/export.xlsx?commission={w.orgs['dh_jiwei'].pk}",
        DINGHAI_COMMISSION | {"commission_admin_other"},
    ),
    Row(
        "insights:league_docx",
        lambda w: f"/staff/insights/league/export.docx?commission={w.orgs['dh_jiwei'].pk}",
        DINGHAI_COMMISSION | {"commission_admin_other"},
    ),
    Row(
        "insights:league_policy",
        lambda w: "/staff/insights/league/policy/",
        frozenset({"commission_admin"}),
        method="post",
        data=lambda w: {"commission": w.orgs["dh_jiwei"].pk, "visibility": "internal"},
    ),
    Row(
        "insights:rollup",
        lambda w: "/staff/insights/rollup/",
        DINGHAI_COMMISSION | {"commission_admin_other"},
    ),
    Row("opendata:index", lambda w: "/open-data/", EVERYONE),
    Row("opendata:download", lambda w: "/open-data/projects.csv", EVERYONE),
    Row("opendata:dictionary", lambda w: "/open-data/dictionary/", EVERYONE),
    Row("opendata:datapackage", lambda w: "/open-data/datapackage.json", EVERYONE),
    Row("opendata:league", lambda w: f"/open-data/league/{w.orgs['dh_jiwei'].pk}/2024-06/", NOBODY),
    Row(
        "opendata:league_xlsx",
        lambda w: f"/open-data/league/{w.orgs['dh_jiwei'].pk}/2024-06.xlsx",
        NOBODY,
    ),
    Row("themes:index", lambda w: "/themes/", EVERYONE),
    Row("themes:detail", lambda w: "/themes/anti_fraud/", EVERYONE),
    Row(
        "api:insights_totals",
        lambda w: f"/api/v1/insights/totals?organization={w.orgs['zhoushan'].pk}&year=2024",
        EVERYONE,
    ),
]

__all__ = ["ANONYMOUS", "ROWS"]
