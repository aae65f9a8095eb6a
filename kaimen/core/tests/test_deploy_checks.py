"""Deploy refusals that depend on the URLs and the database, checked in-process."""

from typing import Any

from django.urls import path
from django.views.static import serve

from conftest import World, make_user
from kaimen.core.checks import no_media_from_django
from kaimen.demo.checks import no_demo_logins
from kaimen.demo.world import DEMO_PASSWORD

urlpatterns = [path("media/<path:path>", serve, {"document_root": "media"})]


def test_media_served_by_django_is_refused(settings: Any) -> None:
    assert no_media_from_django() == []

    settings.ROOT_URLCONF = __name__

    assert [error.id for error in no_media_from_django()] == ["kaimen.E006"]


def test_demo_logins_with_the_published_password_are_refused(world: World) -> None:
    assert no_demo_logins() == []

    admin = make_user("dh-jiwei")
    admin.set_password(DEMO_PASSWORD)
    admin.save()

    assert [error.id for error in no_demo_logins()] == ["kaimen.E103"]
    admin.set_password("a changed password 2024")
    admin.save()
    assert no_demo_logins() == []
