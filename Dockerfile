# Image for web, worker, beat and backup (docker-compose.yml). Debian 12 with its Python 3.11, like the
# development machines; postgresql-client-15 (the server's major version) for `manage.py backup`.
FROM debian:bookworm-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/opt/venv/bin:$PATH

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3 python3-venv ca-certificates gettext postgresql-client-15 \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-symbola \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir "uv==0.13.9" \
 && UV_PYTHON=/opt/venv/bin/python /opt/venv/bin/uv sync --frozen --no-dev --inexact

COPY . .
RUN DJANGO_SETTINGS_MODULE=council.settings SECRET_KEY=build-only \
    python manage.py compilemessages --ignore=.venv -v0 \
 && DJANGO_SETTINGS_MODULE=council.settings SECRET_KEY=build-only \
    python manage.py collectstatic --noinput -v0 \
 && useradd --system --home /app council && mkdir -p /app/var/media /app/var/backups /srv/static \
 && chown -R council /app/var /srv/static

USER council
EXPOSE 8000
# gthread workers (gunicorn.conf.py): GUNICORN_WORKERS, GUNICORN_THREADS and the rest from the environment.
CMD ["gunicorn", "council.wsgi:application", "--config", "gunicorn.conf.py"]
