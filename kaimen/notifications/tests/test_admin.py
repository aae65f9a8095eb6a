from django.test import Client

from conftest import World, make_user
from kaimen.notifications.models import Notification


def test_notifications_are_read_only_in_the_admin(world: World) -> None:
    notification = Notification.objects.create(
        user=world.users["citizen"], verb="report.updated", message="已受理。"
    )
    client = Client()
    client.force_login(make_user("root", is_superuser=True, is_staff=True))

    listing = client.get("/django-admin/notifications/notification/")
    add = client.get("/django-admin/notifications/notification/add/")
    change = client.post(
        f"/django-admin/notifications/notification/{notification.pk}/change/",
        {"message": "改过的"},
    )

    assert listing.status_code == 200
    assert add.status_code == 403
    assert change.status_code == 403
    notification.refresh_from_db()
    assert notification.message == "已受理。"
