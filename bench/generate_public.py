"""Data for the public-writes benchmark, on top of `bench.generate`'s province: citizens with API
tokens, an open topic call of the first commission with published topics, and the floor table.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.generate_public --citizens 2000 --topics 40

Prints JSON: the citizens' bearer tokens, the topic ids, a report category code.
"""

import argparse
import json
import os
import sys
import time
from datetime import timedelta


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=2000)
    parser.add_argument("--topics", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django  # noqa: PLC0415

    django.setup()
    from django.db import connection, transaction  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from kaimen.accounts.models import ApiToken, User, UserKind, token_digest  # noqa: PLC0415
    from kaimen.orgs.models import Organization, OrganizationKind  # noqa: PLC0415
    from kaimen.participation.models import Topic, TopicCall, TopicState  # noqa: PLC0415
    from kaimen.reports.categories import category_sync  # noqa: PLC0415

    started = time.monotonic()
    now = timezone.now()
    with transaction.atomic():
        commission = (
            Organization.objects.filter(kind=OrganizationKind.COMMISSION)
            .select_related("parent")
            .order_by("path")
            .first()
        )
        if commission is None or commission.parent is None:
            raise SystemExit("bench.generate must run first (no commission)")
        call = TopicCall.objects.create(
            commission=commission,
            title="基准测试点题征集",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=10),
        )
        topics = Topic.objects.bulk_create(
            Topic(
                call=call,
                title=f"基准测试问题{n}",
                description="基准测试用的候选问题。",
                region=commission.parent,
                is_candidate=True,
                state=TopicState.PUBLISHED,
            )
            for n in range(args.topics)
        )
        users = User.objects.bulk_create(
            User(username=f"bench-citizen-{n}", kind=UserKind.CITIZEN, password="!")  # noqa: S106  (unusable password)
            for n in range(args.citizens)
        )
        tokens = [ApiToken.new_secret() for _user in users]
        ApiToken.objects.bulk_create(
            ApiToken(user=user, digest=token_digest(token), expires_at=now + timedelta(days=1))
            for user, token in zip(users, tokens, strict=True)
        )
        category_sync()
        with connection.cursor() as cursor:
            # The floor's table: one bare INSERT per request, nothing else.
            cursor.execute(
                "CREATE TABLE bench_floor (id bigserial PRIMARY KEY, n bigint NOT NULL UNIQUE, "
                "body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
            )
    json.dump(
        {
            "tokens": tokens,
            "topic_ids": [topic.pk for topic in topics],
            "category": "001",
            "seconds": round(time.monotonic() - started, 1),
        },
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
