from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from kaimen.reports.models import Report, RoutingRule
from kaimen.reports.tests import factories


def test_admin_lists_and_adds_routing_rules(world: World) -> None:
    client = world.client_for("commission_admin")
    data = {
        "category": factories.category().pk,
        "place": world.orgs["dinghai"].pk,
        "unit": world.orgs["dh_jiaoyu"].pk,
    }

    response = client.post("/staff/reports/routing/", data, follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "已添加分办规则" in page
    assert "定海区教育局" in page
    assert RoutingRule.objects.get().unit == world.orgs["dh_jiaoyu"]


def test_duplicate_rule_shows_the_error_next_to_the_place(world: World) -> None:
    client = world.client_for("commission_admin")
    data = {
        "category": factories.category().pk,
        "place": world.orgs["dinghai"].pk,
        "unit": world.orgs["dh_jiaoyu"].pk,
    }
    client.post("/staff/reports/routing/", data)

    response = client.post("/staff/reports/routing/", {**data, "unit": world.orgs["dh_gongan"].pk})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_place_error"' in page
    assert "已有分办规则" in page
    assert RoutingRule.objects.count() == 1


def test_other_jurisdictions_rules_are_not_listed(world: World) -> None:
    RoutingRule.objects.create(
        category=factories.category(), place=world.orgs["dinghai"], unit=world.orgs["dh_jiaoyu"]
    )

    page = world.client_for("commission_admin_other").get("/staff/reports/routing/")

    assert page.status_code == 200
    assert "定海区教育局" not in page.content.decode()


def test_import_page_uploads_a_sheet_and_lists_row_errors(world: World) -> None:
    client = world.client_for("supervisor")
    bad = factories.workbook([factories.workorder_row(world, "ZS9", content="")])

    response = client.post(
        "/staff/reports/import/",
        {"commission": world.orgs["dh_jiwei"].pk, "file": SimpleUploadedFile("a.xlsx", bad)},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "发现 1 处错误，未导入任何工单" in page
    assert "第 3 行「诉求内容」：必填。" in page
    assert Report.objects.count() == 0


def test_import_page_files_the_sheet_and_goes_to_the_inbox(world: World) -> None:
    client = world.client_for("supervisor")
    good = factories.workbook([factories.workorder_row(world, "ZS10")])

    response = client.post(
        "/staff/reports/import/",
        {"commission": world.orgs["dh_jiwei"].pk, "file": SimpleUploadedFile("a.xlsx", good)},
        follow=True,
    )

    assert response.status_code == 200
    assert "已导入 1 个工单。" in response.content.decode()
    assert Report.objects.get().external_number == "ZS10"


def test_template_download_is_an_xlsx(world: World) -> None:
    response = world.client_for("supervisor").get("/staff/reports/import/template.xlsx")

    assert response.status_code == 200
    assert response.content.startswith(b"PK\x03\x04")
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''12345")
