import logging
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from conftest import World
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.reports import selectors, services
from kaimen.reports.identity import identity_decrypt
from kaimen.reports.models import Rating, Report, ReportState, RoutingRule
from kaimen.reports.receipts import keyed_digest
from kaimen.reports.tests import factories
from kaimen.timeline.models import Event


def test_submit_stores_identity_encrypted_and_receipt_as_hmac(world: World) -> None:
    submission = factories.submit(world)
    report = Report.objects.get()

    assert len(submission.receipt) == 16
    assert submission.receipt.isdigit()
    assert report.receipt_digest == keyed_digest(submission.receipt)
    assert submission.receipt not in str(Report.objects.values().get())
    assert factories.SECRET_NAME not in report.identity_token
    assert identity_decrypt(report.identity_token).phone == factories.SECRET_PHONE
    assert report.state == ReportState.RECEIVED
    assert report.commission == world.orgs["dh_jiwei"]
    assert report.accept_due > report.received_on


def test_same_content_from_same_client_within_minutes_is_one_report(world: World) -> None:
    first = factories.submit(world)
    second = factories.submit(world)

    assert Report.objects.count() == 1
    assert second.duplicate is True
    assert second.report.pk == first.report.pk
    # Without an idempotency key nothing only the reporter holds can lock the receipt in the
    # cache, so it is not kept: the repeat says the report was filed already.
    assert first.receipt != ""
    assert second.receipt == ""


def test_same_idempotency_key_is_one_report(world: World) -> None:
    data = services.ReportInput(category=factories.category(), content="一")
    first = services.report_submit(
        actor=AnonymousUser(), data=data, idempotency_key="k", client="a"
    )
    other = services.ReportInput(category=factories.category(), content="二")
    second = services.report_submit(
        actor=AnonymousUser(), data=other, idempotency_key="k", client="b"
    )

    assert Report.objects.count() == 1
    assert second.report.pk == first.report.pk


def test_other_client_with_same_content_files_its_own(world: World) -> None:
    factories.submit(world, client="a")
    factories.submit(world, client="b")

    assert Report.objects.count() == 2


def test_empty_content_is_refused_naming_the_field(world: World) -> None:
    with pytest.raises(ApplicationError) as error:
        factories.submit(world, content="   ")

    assert error.value.field == "content"
    assert Report.objects.count() == 0


def test_full_cycle_with_dissatisfied_rating_reopens_once(world: World) -> None:
    report = factories.replied(world)

    report = services.report_rate(report=report, rating=Rating.DISSATISFIED)
    assert (report.state, report.reopen_count) == (ReportState.REOPENED, 1)

    report = services.report_assign(
        actor=world.users["supervisor"], report=report, unit=world.orgs["dh_jiaoyu"]
    )
    services.report_reply(actor=world.users["unit_staff_lead"], report=report, body="已重新核查。")
    report = services.report_rate(report=report, rating=Rating.DISSATISFIED)
    assert report.state == ReportState.RATED  # only once

    report = services.report_close(actor=world.users["supervisor"], report=report)
    assert report.state == ReportState.CLOSED
    actions = list(
        Event.objects.filter(target_id=str(report.pk), action__startswith="report.").values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "report.received",
        "report.accepted",
        "report.assigned",
        "report.replied",
        "report.rated",
        "report.reopened",
        "report.assigned",
        "report.replied",
        "report.rated",
        "report.closed",
    ]


def test_satisfied_rating_stays_rated(world: World) -> None:
    report = services.report_rate(report=factories.replied(world), rating=Rating.SATISFIED)

    assert (report.state, report.reopen_count) == (ReportState.RATED, 0)


def test_decline_needs_a_reason_and_ends_the_report(world: World) -> None:
    report = factories.submit(world).report
    with pytest.raises(ApplicationError):
        services.report_decline(actor=world.users["supervisor"], report=report, reason=" ")

    report = services.report_decline(
        actor=world.users["supervisor"], report=report, reason="不属于受理范围"
    )

    assert report.state == ReportState.DECLINED
    with pytest.raises(ConflictError):
        services.report_accept(actor=world.users["supervisor"], report=report)


def test_unit_cannot_accept_and_nothing_changes(world: World) -> None:
    report = factories.submit(world).report

    with pytest.raises(PermissionDenied):
        services.report_accept(actor=world.users["unit_staff_lead"], report=report)

    report.refresh_from_db()
    assert report.state == ReportState.RECEIVED


def test_other_unit_cannot_reply(world: World) -> None:
    report = factories.assigned(world)

    with pytest.raises(PermissionDenied):
        services.report_reply(actor=world.users["unit_staff_other"], report=report, body="x")

    report.refresh_from_db()
    assert report.state == ReportState.ASSIGNED


def test_stale_version_is_a_conflict(world: World) -> None:
    report = factories.submit(world).report

    with pytest.raises(ConflictError):
        services.report_accept(actor=world.users["supervisor"], report=report, version=99)


def test_assign_outside_the_jurisdiction_is_refused(world: World) -> None:
    report = factories.submit(world).report
    services.report_accept(actor=world.users["supervisor"], report=report)

    with pytest.raises(ApplicationError) as error:
        services.report_assign(
            actor=world.users["supervisor"], report=report, unit=world.orgs["pt_minzheng"]
        )

    assert error.value.field == "unit"


def test_identity_read_is_for_handlers_and_logged(world: World) -> None:
    report = factories.assigned(world)

    with pytest.raises(PermissionDenied):
        services.report_identity_read(actor=world.users["unit_staff_lead"], report=report)
    with pytest.raises(PermissionDenied):
        services.report_identity_read(actor=world.users["viewer"], report=report)
    identity = services.report_identity_read(actor=world.users["supervisor"], report=report)

    assert identity.name == factories.SECRET_NAME
    event = Event.objects.get(action="report.identity_read")
    assert event.actor == world.users["supervisor"]
    assert factories.SECRET_NAME not in str(event.after)


def test_report_becomes_a_problem_linked_both_ways(world: World) -> None:
    report = factories.assigned(world)

    problem = services.report_problem_create(
        actor=world.users["supervisor"],
        report=report,
        responsible_unit=world.orgs["dh_jiaoyu"],
        deadline=date(2030, 1, 31),
    )

    report.refresh_from_db()
    assert report.problem == problem
    assert list(problem.reports.all()) == [report]
    assert problem.source == "hotline"


def test_identity_never_in_logs_events_or_export(world: World, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    report = factories.replied(world)
    services.report_rate(report=report, rating=Rating.DISSATISFIED)
    csv_text = services.report_export_csv(
        actor=world.users["supervisor"],
        commission=world.orgs["dh_jiwei"],
        reports=Report.objects.all(),
    )

    everything = (
        caplog.text
        + csv_text
        + str(list(Event.objects.values("after", "before", "reason", "target_repr")))
    )
    assert factories.SECRET_NAME not in everything
    assert factories.SECRET_PHONE not in everything
    assert report.reference in csv_text


# ---------------------------------------------------------------- routing rules


def test_commission_admin_creates_a_routing_rule_and_it_is_suggested(world: World) -> None:
    # given a report about 定海区教育局 and no rule yet
    report = factories.submit(world).report
    assert selectors.routing_suggestion(report=report) is None

    # when the 定海 admin routes category 001 in 定海区 to 教育局
    rule = services.routing_rule_create(
        actor=world.users["commission_admin"],
        category=factories.category(),
        place=world.orgs["dinghai"],
        unit=world.orgs["dh_jiaoyu"],
    )

    # then the rule suggests that unit and the change is an Event
    assert selectors.routing_suggestion(report=report) == world.orgs["dh_jiaoyu"]
    event = Event.objects.get(action="routing_rule.created")
    assert event.after == {
        "category": "001",
        "place": world.orgs["dinghai"].pk,
        "unit": world.orgs["dh_jiaoyu"].pk,
    }
    assert rule.pk is not None


def test_routing_rule_for_another_jurisdiction_is_refused(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.routing_rule_create(
            actor=world.users["commission_admin_other"],
            category=factories.category(),
            place=world.orgs["dinghai"],
            unit=world.orgs["dh_jiaoyu"],
        )

    assert RoutingRule.objects.count() == 0


def test_routing_rule_to_a_unit_outside_the_jurisdiction_names_the_unit(world: World) -> None:
    with pytest.raises(ApplicationError) as error:
        services.routing_rule_create(
            actor=world.users["commission_admin"],
            category=factories.category(),
            place=world.orgs["dinghai"],
            unit=world.orgs["pt_minzheng"],
        )

    assert error.value.field == "unit"
    assert RoutingRule.objects.count() == 0


def test_second_rule_for_the_same_category_and_place_names_the_place(world: World) -> None:
    admin = world.users["commission_admin"]
    category = factories.category()
    services.routing_rule_create(
        actor=admin, category=category, place=world.orgs["dinghai"], unit=world.orgs["dh_jiaoyu"]
    )

    with pytest.raises(ApplicationError) as error:
        services.routing_rule_create(
            actor=admin,
            category=category,
            place=world.orgs["dinghai"],
            unit=world.orgs["dh_gongan"],
        )

    assert (error.value.field, error.value.code) == ("place", "duplicate")
    assert RoutingRule.objects.get().unit == world.orgs["dh_jiaoyu"]


def test_supervisor_may_not_delete_a_routing_rule(world: World) -> None:
    rule = services.routing_rule_create(
        actor=world.users["commission_admin"],
        category=factories.category(),
        place=world.orgs["dinghai"],
        unit=world.orgs["dh_jiaoyu"],
    )

    with pytest.raises(PermissionDenied):
        services.routing_rule_delete(actor=world.users["supervisor"], rule=rule)

    assert RoutingRule.objects.count() == 1


def test_admin_deletes_a_routing_rule_with_an_event(world: World) -> None:
    rule = services.routing_rule_create(
        actor=world.users["commission_admin"],
        category=factories.category(),
        place=world.orgs["dinghai"],
        unit=world.orgs["dh_jiaoyu"],
    )

    services.routing_rule_delete(actor=world.users["commission_admin"], rule=rule)

    assert RoutingRule.objects.count() == 0
    assert Event.objects.get(action="routing_rule.deleted").before["unit"] == (
        world.orgs["dh_jiaoyu"].pk
    )


# ---------------------------------------------------------------- 12345 work orders


def test_import_files_every_work_order_and_binds_the_named_project(world: World) -> None:
    # given a sheet of two work orders, one naming a published project of 定海
    project = world.projects["published"]
    content = factories.workbook(
        [
            factories.workorder_row(world, "ZS001", project=project.title),
            factories.workorder_row(world, "ZS002", content="路灯坏了一个月。", received_on=None),
        ]
    )

    # when a supervisor imports it
    result = services.report_import_workorders(
        actor=world.users["supervisor"], commission=world.orgs["dh_jiwei"], content=content
    )

    # then both are service requests by hotline, entered by staff, with their numbers
    assert result.ok
    reports = Report.objects.order_by("external_number")
    assert [(r.external_number, r.channel, r.kind, r.intake) for r in reports] == [
        ("ZS001", "hotline", "service_request", "staff"),
        ("ZS002", "hotline", "service_request", "staff"),
    ]
    assert reports[0].project == project
    assert reports[0].received_on == date(2024, 5, 6)
    assert reports[1].project is None
    assert identity_decrypt(reports[0].identity_token).phone == factories.SECRET_PHONE
    assert Event.objects.get(action="report.imported").after == {"rows": 2, "channel": "hotline"}


def test_import_with_one_bad_row_files_nothing(world: World) -> None:
    content = factories.workbook(
        [
            factories.workorder_row(world, "ZS001"),
            factories.workorder_row(world, "ZS002", category="999999"),
        ]
    )

    result = services.report_import_workorders(
        actor=world.users["supervisor"], commission=world.orgs["dh_jiwei"], content=content
    )

    assert [str(error) for error in result.errors] == [
        "第 4 行「事项分类」：没有这个事项分类（填编码或名称，如“001”）。"
    ]
    assert result.created == []
    assert Report.objects.count() == 0


def test_importing_the_same_sheet_twice_names_the_numbers_already_imported(world: World) -> None:
    content = factories.workbook([factories.workorder_row(world, "ZS001")])
    actor, commission = world.users["supervisor"], world.orgs["dh_jiwei"]
    services.report_import_workorders(actor=actor, commission=commission, content=content)

    again = services.report_import_workorders(actor=actor, commission=commission, content=content)

    assert [str(error) for error in again.errors] == ["第 3 行「工单编号」：该工单已导入过。"]
    assert Report.objects.count() == 1


def test_unit_staff_may_not_import_work_orders(world: World) -> None:
    content = factories.workbook([factories.workorder_row(world)])

    with pytest.raises(PermissionDenied):
        services.report_import_workorders(
            actor=world.users["unit_staff_lead"], commission=world.orgs["dh_jiwei"], content=content
        )

    assert Report.objects.count() == 0
