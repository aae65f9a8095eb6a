from typing import Any

from django.test import RequestFactory

from conftest import World
from kaimen.notifications.context_processors import unread_notifications
from kaimen.notifications.models import Notification


def _notify(user: Any, count: int) -> None:
    for index in range(count):
        Notification.objects.create(user=user, verb="report.updated", message=f"第{index}条")


def test_unread_count_is_one_query_per_request_and_none_until_asked(
    world: World, django_assert_num_queries: Any
) -> None:
    # given a citizen with two unread notifications and one read
    citizen = world.users["citizen"]
    _notify(citizen, 3)
    Notification.objects.filter(pk=Notification.objects.first().pk).update(  # type: ignore[union-attr]
        read_at="2024-05-01T08:00:00+08:00"
    )
    request = RequestFactory().get("/")
    request.user = citizen

    # when the processor runs, nothing is counted yet; asked twice, counted once
    with django_assert_num_queries(0):
        context = unread_notifications(request)
    with django_assert_num_queries(1):
        counts = [context["unread_notifications"](), context["unread_notifications"]()]

    assert counts == [2, 2]


def test_portal_navbar_links_and_badge_for_a_signed_in_citizen(world: World) -> None:
    _notify(world.users["citizen"], 2)

    page = world.client_for("citizen").get("/").content.decode()

    assert 'href="/reports/"' in page
    assert 'href="/reports/track/"' in page
    assert 'href="/topics/"' in page
    assert 'href="/notifications/"' in page
    assert '<span class="badge rounded-pill text-bg-danger">2<' in page


def test_portal_navbar_for_anonymous_has_no_notifications(world: World) -> None:
    page = world.client_for("anonymous").get("/").content.decode()

    assert "我要举报" in page
    assert "查询进度" in page
    assert "群众点题" in page
    assert 'href="/notifications/"' not in page


def test_staff_navbar_groups_public_work_in_one_menu(world: World) -> None:
    page = world.client_for("commission_admin").get("/staff/").content.decode()

    assert "群众工作" in page
    assert 'href="/staff/reports/"' in page
    assert 'href="/staff/topics/"' in page
    assert 'href="/notifications/"' in page
