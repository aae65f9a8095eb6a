"""bench.urls plus `bench/insert/`: one bare INSERT per request, the public-writes floor.

Same server, same middleware as the measured endpoints; no ORM, no service, no event."""

import json

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from bench.urls import urlpatterns as bench_urlpatterns


@csrf_exempt
@login_not_required
def bare_insert(request: HttpRequest) -> HttpResponse:
    payload = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_floor (n, body) VALUES (%s, %s) ON CONFLICT (n) DO NOTHING",
            [int(payload["n"]), str(payload["content"])],
        )
        created = cursor.rowcount == 1
    return HttpResponse(b"{}", status=201 if created else 200, content_type="application/json")


urlpatterns = [path("bench/insert/", bare_insert, name="bench-insert"), *bench_urlpatterns]
