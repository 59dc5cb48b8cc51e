"""gunicorn's configuration for every deployment of the site: the Dockerfile, docker-compose.yml and the
benchmark (bench/pages.py) all start gunicorn with ``-c gunicorn.conf.py``.

The worker class is ``gthread``: each worker process keeps idle keep-alive connections in a poller and gives a
thread only to a connection that has sent a request. With the default ``sync`` class a browser's pre-opened,
idle connections each hold a whole worker until its timeout, and the site stalls for everyone.

Environment (defaults in brackets):
  GUNICORN_BIND [0.0.0.0:8000]          address to listen on
  GUNICORN_WORKERS [2 x cores + 1]      worker processes
  GUNICORN_THREADS [4]                  threads per worker: requests served at once = workers x threads
  GUNICORN_TIMEOUT [60]                 seconds a request may run before its worker is restarted
  GUNICORN_KEEPALIVE [75]               seconds an idle keep-alive connection is kept (above the proxy's 60)
  GUNICORN_MAX_REQUESTS [2000]          a worker is replaced after this many requests (with jitter)
  FORWARDED_ALLOW_IPS [127.0.0.1,::1]   addresses whose X-Forwarded-* headers gunicorn trusts (the proxy's)
"""

import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = _int("GUNICORN_KEEPALIVE", 75)
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
# Request ids from the proxy in the access log (nginx sets X-Request-ID).
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}i)s'
