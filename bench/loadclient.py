"""The load client of the ``load`` part, in a process of its own: ``python -m bench.loadclient PLAN OUT``.

locust runs its users as gevent greenlets and, on import, monkey-patches the standard library (sockets,
threads, time). The rest of the benchmark uses real threads, subprocesses and the database driver, so locust is
imported only here, in a process started by bench/load.py, never in the benchmark's own process.

PLAN (JSON, written by bench/load.py): the server's address, the logged-in users of each role with their
session cookie and their pages, how many users of each role, the request and time bounds and the think time.
OUT (JSON, read back by bench/load.py): every completed request's page, time, status and query count, and
the wall time of the run. Nothing is judged here.
"""

import itertools
import json
import sys
import time

import gevent
from locust import FastHttpUser, between, task
from locust.env import Environment

NETWORK_TIMEOUT = 60  # seconds; gunicorn's own timeout


def user_classes(plan, started):
    """One locust user class per role, spawned ``counts[role]`` times; each instance takes the next login of
    its role (appended to ``started``) and walks that login's pages in order, from an offset of its own, with
    a think time between."""
    low, high = plan["wait"]
    classes = []
    for role, count in plan["counts"].items():
        logins = iter([u for u in plan["users"] if u["role"] == role])  # a list: ``role`` is bound now

        class Visitor(FastHttpUser):
            abstract = True
            host = plan["host"]
            wait_time = between(low, high)
            network_timeout = NETWORK_TIMEOUT
            connection_timeout = NETWORK_TIMEOUT
            insecure = False

            def on_start(self, logins=logins):
                self.login = next(logins)
                started.append(self.login["username"])
                offset = self.login["offset"] % len(self.login["pages"])
                pages = self.login["pages"][offset:] + self.login["pages"][:offset]
                self.walk = itertools.cycle(pages)

            @task
            def visit(self):
                name, path = next(self.walk)
                headers = {"Cookie": self.login["cookie"]}
                # Redirects are not followed: a redirect to the login page is a failure, not a 200.
                with self.client.get(
                    path, name=name, headers=headers, allow_redirects=False, catch_response=True
                ) as response:
                    if response.status_code != 200:
                        response.failure(f"{self.login['username']} {path}: {response.status_code}")

        classes.append(type(f"{role.title().replace(' ', '')}User", (Visitor,), {"fixed_count": count}))
    return classes


def drive(plan):
    started_users = []
    env = Environment(user_classes=user_classes(plan, started_users))
    records, errors = [], []
    state = {"measuring": True}

    def on_request(request_type, name, response_time, response, exception, **kwargs):
        # Requests cut off by the stop are not counted: they are the bound, not the server.
        if not state["measuring"]:
            return
        status = getattr(response, "status_code", 0) or 0
        queries = int((getattr(response, "headers", None) or {}).get("X-Queries", -1) or -1)
        records.append([name, response_time, status, queries, exception is not None])
        if exception is not None and len(errors) < 20:
            errors.append(f"{name}: {exception}")

    env.events.request.add_listener(on_request)
    runner = env.create_local_runner()
    users = sum(plan["counts"].values())
    started = time.perf_counter()
    runner.start(user_count=users, spawn_rate=plan["spawn_rate"])
    deadline = time.monotonic() + plan["seconds"]
    while time.monotonic() < deadline and len(records) < plan["requests"]:
        gevent.sleep(0.05)
    state["measuring"] = False
    wall = time.perf_counter() - started
    runner.quit()
    return {"wall_s": wall, "users": users, "started": started_users, "records": records, "errors": errors}


if __name__ == "__main__":
    plan_path, out_path = sys.argv[1], sys.argv[2]
    with open(plan_path) as f:
        result = drive(json.load(f))
    with open(out_path, "w") as f:
        json.dump(result, f)
