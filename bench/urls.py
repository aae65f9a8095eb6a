"""The project's URLs plus `bench/bare/`, the floor every page is measured against.

The bare view lives only here (bench.settings), never in config.urls: the product's URLconf and
its access matrix stay as they are.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


@login_not_required
def bare(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do: the same middleware stack, no query, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *project_urlpatterns]
