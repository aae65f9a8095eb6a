from conftest import World
from kaimen.notifications import services
from kaimen.notifications.models import Notification


def test_list_shows_only_own_notifications_escaped(world: World) -> None:
    services.notify_user(user=world.users["citizen"], verb="x", message="<script>x</script>您好")
    services.notify_user(user=world.users["viewer"], verb="x", message="别人的通知")

    response = world.client_for("citizen").get("/notifications/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;x&lt;/script&gt;您好" in body
    assert "<script>x</script>" not in body
    assert "别人的通知" not in body
    assert "1 条未读" in body


def test_read_all_marks_everything_read(world: World) -> None:
    services.notify_user(user=world.users["citizen"], verb="x", message="一")
    services.notify_user(user=world.users["citizen"], verb="x", message="二")

    response = world.client_for("citizen").post("/notifications/read-all/")

    assert response.status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_reading_someone_elses_notification_changes_nothing(world: World) -> None:
    theirs = services.notify_user(user=world.users["viewer"], verb="x", message="一")

    world.client_for("citizen").post(f"/notifications/{theirs.pk}/read/")

    theirs.refresh_from_db()
    assert theirs.read_at is None
