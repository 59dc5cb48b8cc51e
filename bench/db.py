"""A PostgreSQL database of its own for benchmarks (never the test or development one)."""

import os

BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/council_bench")
# One key for the benchmark process (which makes the sessions) and the gunicorn it measures.
BENCH_SECRET_KEY = "bench-only-not-a-secret-" + "x" * 40


def setup_django(migrate=True, database_url=None):
    os.environ["DATABASE_URL"] = database_url or BENCH_DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
    os.environ["SECRET_KEY"] = BENCH_SECRET_KEY
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/1")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("EMAIL_URL", "memorymail://")  # mail is built and handed over, not printed
    if migrate:
        _create_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def _create_database(url):
    import psycopg

    dbname = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone():
            conn.execute(f'CREATE DATABASE "{dbname}"')
