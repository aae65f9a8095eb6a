"""Background work of notifications (django.tasks): thin and idempotent, by id."""

from django.tasks import task

from kaimen.notifications.services import delivery_send


@task()
def delivery_send_task(delivery_id: int) -> str:
    """Send one e-mail/SMS delivery; a delivery already sent is not sent again."""
    delivery = delivery_send(delivery_id=delivery_id)
    return delivery.state if delivery is not None else "missing"
