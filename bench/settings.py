"""Settings for benchmark runs: the project's own, plus a URLconf that adds the floor view.

The database comes from DATABASE_URL as usual (the benchmark script points it at a throwaway
PostgreSQL database it creates and drops).
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
# Fixed so that every worker of the server signs alike; never used outside a benchmark run.
SECRET_KEY = "kaimen-bench-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Django's request logging would only add noise to the measurements.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
