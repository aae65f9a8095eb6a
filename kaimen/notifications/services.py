"""Follow objects and tell people about changes: in the site, by e-mail and by SMS.

`notify_user` writes the in-site row and one `Delivery` per outside channel the user can be
reached on, then enqueues one task per delivery once the transaction commits. Sending is
idempotent (a delivery already sent is never sent again) and every attempt is recorded; failed
deliveries wait with a growing back-off and `send_due_notifications` (cron) retries them until
`MAX_ATTEMPTS`.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kaimen.accounts.sms import sms_backend
from kaimen.notifications.models import Channel, Delivery, DeliveryState, Follow, Notification

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=5)  # then 10, 20, 40 minutes
SUBJECT_PREFIX = "【开门】"


def _target_key(target: models.Model) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(target, for_concrete_model=False), str(target.pk)


# ---------------------------------------------------------------- follows


def follow(*, user: Any, target: models.Model) -> Follow:
    """Follow `target` (idempotent: following twice keeps one row)."""
    content_type, target_id = _target_key(target)
    existing = Follow.objects.filter(
        user=user, target_type=content_type, target_id=target_id
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Follow.objects.create(user=user, target_type=content_type, target_id=target_id)
    except IntegrityError:  # a concurrent request followed first
        return Follow.objects.get(user=user, target_type=content_type, target_id=target_id)


def unfollow(*, user: Any, target: models.Model) -> bool:
    """Stop following; True when a follow was removed."""
    content_type, target_id = _target_key(target)
    deleted, _rows = Follow.objects.filter(
        user=user, target_type=content_type, target_id=target_id
    ).delete()
    return deleted > 0


def is_following(*, user: Any, target: models.Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    content_type, target_id = _target_key(target)
    return Follow.objects.filter(user=user, target_type=content_type, target_id=target_id).exists()


# ---------------------------------------------------------------- notifying


def _addresses(user: Any) -> list[tuple[str, str]]:
    addresses: list[tuple[str, str]] = []
    if getattr(user, "email", ""):
        addresses.append((Channel.EMAIL, user.email))
    if getattr(user, "phone", ""):
        addresses.append((Channel.SMS, user.phone))
    return addresses


def _enqueue(delivery_ids: list[int]) -> None:
    from kaimen.notifications.tasks import delivery_send_task  # noqa: PLC0415  (tasks → services)

    for delivery_id in delivery_ids:
        delivery_send_task.enqueue(delivery_id)


@transaction.atomic
def notify_user(
    *,
    user: Any,
    verb: str,
    message: str,
    target: models.Model | None = None,
    url: str = "",
    key: str = "",
    channels: Iterable[str] | None = None,
) -> Notification:
    """Tell one user: an in-site notification plus e-mail/SMS where the user has an address.

    `key` makes the call idempotent per user (the same key returns the existing notification
    and sends nothing again); `channels` limits the outside channels (default: all reachable).
    """
    if key:
        existing = Notification.objects.filter(user=user, key=key).first()
        if existing is not None:
            return existing
    wanted = set(Channel.values if channels is None else channels)
    reachable = [(channel, address) for channel, address in _addresses(user) if channel in wanted]
    content_type, target_id = _target_key(target) if target is not None else (None, "")
    notification = Notification.objects.create(
        user=user,
        verb=verb[:60],
        message=message,
        target_type=content_type,
        target_id=target_id,
        url=url[:300],
        key=key[:120],
        channels=[channel for channel, _address in reachable],
    )
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(notification=notification, channel=channel, address=address)
            for channel, address in reachable
        ]
    )
    ids = [delivery.pk for delivery in deliveries if delivery.pk is not None]
    if not ids:  # some databases do not return bulk primary keys
        ids = list(notification.deliveries.values_list("pk", flat=True))
    if ids:
        transaction.on_commit(partial(_enqueue, ids))
    return notification


def follower_ids(*, target: models.Model) -> list[int]:
    content_type, target_id = _target_key(target)
    return list(
        Follow.objects.filter(target_type=content_type, target_id=target_id)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


@transaction.atomic
def notify_followers(
    *,
    target: models.Model,
    verb: str,
    message: str,
    actor: Any = None,
    url: str = "",
    key: str = "",
) -> list[Notification]:
    """Tell everyone who follows `target` (except the actor who made the change)."""
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    users = get_user_model().objects.filter(pk__in=follower_ids(target=target), is_active=True)
    return [
        notify_user(user=user, verb=verb, message=message, target=target, url=url, key=key)
        for user in users
        if user.pk != actor_id
    ]


# ---------------------------------------------------------------- reading


def notification_mark_read(*, user: Any, notification_id: int) -> int:
    """Mark one of the user's notifications read (others' ids change nothing)."""
    return Notification.objects.filter(user=user, pk=notification_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# ---------------------------------------------------------------- sending


def _subject(notification: Notification) -> str:
    first_line = notification.message.strip().splitlines()[0] if notification.message else ""
    return f"{SUBJECT_PREFIX}{first_line[:60]}"


def _body(notification: Notification) -> str:
    if not notification.url:
        return notification.message
    link = _("查看详情：")
    return f"{notification.message}\n\n{link}{notification.url}"


def _send(delivery: Delivery) -> None:
    notification = delivery.notification
    if delivery.channel == Channel.EMAIL:
        send_mail(
            _subject(notification),
            _body(notification),
            getattr(settings, "DEFAULT_FROM_EMAIL", None),
            [delivery.address],
        )
    elif delivery.channel == Channel.SMS:
        sms_backend().send(
            phone=delivery.address, message=f"{SUBJECT_PREFIX}{notification.message}"[:300]
        )
    else:  # pragma: no cover  (choices hold only the two)
        raise ValueError(delivery.channel)


def delivery_send(*, delivery_id: int, now: datetime | None = None) -> Delivery | None:
    """Try to send one delivery; record the attempt. Sent or abandoned ones are left alone."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update()
            .select_related("notification")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.state in (DeliveryState.SENT, DeliveryState.GAVE_UP):
            return delivery
        delivery.attempts += 1
        delivery.last_attempt_at = now
        try:
            _send(delivery)
        except Exception as exc:  # any backend failure is retried later
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:300]
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.state = DeliveryState.GAVE_UP
                delivery.next_attempt_at = None
            else:
                delivery.state = DeliveryState.FAILED
                delivery.next_attempt_at = now + FIRST_RETRY * 2 ** (delivery.attempts - 1)
            logger.warning(
                "notification delivery %s (%s) failed, attempt %s: %s",
                delivery.pk,
                delivery.channel,
                delivery.attempts,
                type(exc).__name__,
            )
        else:
            delivery.state = DeliveryState.SENT
            delivery.sent_at = now
            delivery.next_attempt_at = None
            delivery.last_error = ""
        delivery.save(
            update_fields=[
                "state",
                "attempts",
                "last_error",
                "last_attempt_at",
                "next_attempt_at",
                "sent_at",
            ]
        )
    return delivery


def deliveries_due(*, now: datetime | None = None) -> list[int]:
    """Deliveries to try now: failed ones whose back-off has passed, and pending ones older than
    a minute (their task was lost, e.g. the worker was down)."""
    now = now or timezone.now()
    due = Q(state=DeliveryState.FAILED, next_attempt_at__lte=now) | Q(
        state=DeliveryState.PENDING,
        last_attempt_at__isnull=True,
        notification__created_at__lte=now - timedelta(minutes=1),
    )
    return list(Delivery.objects.filter(due).order_by("pk").values_list("pk", flat=True))


def deliveries_retry_due(*, now: datetime | None = None) -> tuple[int, int]:
    """Retry every due delivery now; returns (sent, still failing)."""
    sent = failed = 0
    for delivery_id in deliveries_due(now=now):
        delivery = delivery_send(delivery_id=delivery_id, now=now)
        if delivery is not None and delivery.state == DeliveryState.SENT:
            sent += 1
        else:
            failed += 1
    return sent, failed
