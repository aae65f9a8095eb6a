"""bench.settings plus `bench/insert/`, the floor of the public-writes benchmark."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_writes"
