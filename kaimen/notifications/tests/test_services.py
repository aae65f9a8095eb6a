from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from conftest import World
from kaimen.accounts.sms import OutboxSmsBackend
from kaimen.notifications import services
from kaimen.notifications.models import Delivery, DeliveryState, Follow, Notification


@pytest.fixture(autouse=True)
def _sms_outbox(settings: Any) -> None:
    settings.KAIMEN_SMS_BACKEND = "kaimen.accounts.sms.OutboxSmsBackend"
    OutboxSmsBackend.outbox.clear()


class FailingSmsBackend:
    def send(self, *, phone: str, message: str) -> None:
        raise ConnectionError("gateway down")


def test_follow_twice_keeps_one_row(world: World) -> None:
    citizen, project = world.users["citizen"], world.projects["published"]

    first = services.follow(user=citizen, target=project)
    second = services.follow(user=citizen, target=project)

    assert first.pk == second.pk
    assert Follow.objects.count() == 1
    assert services.is_following(user=citizen, target=project)


def test_unfollow_removes_the_follow(world: World) -> None:
    citizen, project = world.users["citizen"], world.projects["published"]
    services.follow(user=citizen, target=project)

    assert services.unfollow(user=citizen, target=project) is True
    assert services.unfollow(user=citizen, target=project) is False
    assert not services.is_following(user=citizen, target=project)


def test_notify_user_writes_the_row_and_sends_email_and_sms(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    citizen = world.users["citizen"]
    citizen.email, citizen.phone = "citizen@example.cn", "13800135678"
    citizen.save()

    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify_user(
            user=citizen, verb="report.replied", message="您的举报已有答复。", url="/r/"
        )

    assert notification.channels == ["email", "sms"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["citizen@example.cn"]
    assert mail.outbox[0].subject == "【开门】您的举报已有答复。"
    assert OutboxSmsBackend.outbox == [("13800135678", "【开门】您的举报已有答复。")]
    assert set(Delivery.objects.values_list("state", "attempts")) == {(DeliveryState.SENT, 1)}


def test_notify_user_with_the_same_key_sends_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    citizen = world.users["citizen"]
    citizen.email = "citizen@example.cn"
    citizen.save()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.notify_user(user=citizen, verb="x", message="一", key="k1")
        second = services.notify_user(user=citizen, verb="x", message="一", key="k1")

    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_sent_delivery_is_not_sent_again(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    citizen = world.users["citizen"]
    citizen.email = "citizen@example.cn"
    citizen.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_user(user=citizen, verb="x", message="一")
    delivery = Delivery.objects.get()

    services.delivery_send(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.SENT, 1)
    assert len(mail.outbox) == 1


def test_a_failed_delivery_is_recorded_and_retried_when_due(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    citizen = world.users["citizen"]
    citizen.phone = "13800135678"
    citizen.save()
    settings.KAIMEN_SMS_BACKEND = f"{__name__}.FailingSmsBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_user(user=citizen, verb="x", message="一")
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == (DeliveryState.FAILED, 1)
    assert delivery.last_error == "ConnectionError: gateway down"
    assert delivery.next_attempt_at is not None

    # not yet due: nothing is tried
    assert services.deliveries_retry_due(now=timezone.now()) == (0, 0)

    settings.KAIMEN_SMS_BACKEND = "kaimen.accounts.sms.OutboxSmsBackend"
    sent, failed = services.deliveries_retry_due(now=timezone.now() + timedelta(minutes=6))

    delivery.refresh_from_db()
    assert (sent, failed) == (1, 0)
    assert (delivery.state, delivery.attempts, delivery.last_error) == (DeliveryState.SENT, 2, "")
    assert OutboxSmsBackend.outbox == [("13800135678", "【开门】一")]


def test_delivery_gives_up_after_max_attempts(world: World, settings: Any) -> None:
    citizen = world.users["citizen"]
    citizen.phone = "13800135678"
    citizen.save()
    settings.KAIMEN_SMS_BACKEND = f"{__name__}.FailingSmsBackend"
    services.notify_user(user=citizen, verb="x", message="一")
    delivery = Delivery.objects.get()

    for _attempt in range(services.MAX_ATTEMPTS):
        services.delivery_send(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.GAVE_UP, services.MAX_ATTEMPTS)
    assert services.deliveries_due(now=timezone.now() + timedelta(days=1)) == []


def test_notify_followers_skips_the_actor(world: World) -> None:
    project = world.projects["published"]
    citizen, staff = world.users["citizen"], world.users["unit_staff_lead"]
    services.follow(user=citizen, target=project)
    services.follow(user=staff, target=project)

    sent = services.notify_followers(
        target=project, verb="project.updated", message="项目有新进展", actor=staff
    )

    assert [n.user_id for n in sent] == [citizen.pk]
    assert Notification.objects.get().target == project


def test_mark_read_touches_only_the_users_own(world: World) -> None:
    citizen, other = world.users["citizen"], world.users["viewer"]
    mine = services.notify_user(user=citizen, verb="x", message="一")
    theirs = services.notify_user(user=other, verb="x", message="二")

    assert services.notification_mark_read(user=citizen, notification_id=theirs.pk) == 0
    assert services.notification_mark_read(user=citizen, notification_id=mine.pk) == 1

    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.read_at is None
    assert mine.read_at is not None
