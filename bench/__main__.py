"""`python -m bench --quick` or `--full`: pages at two data sizes against a same-run baseline, 50 users of mixed
roles at once (load), the deadline sweep and PDF rendering; prints one table with a ratio column and writes JSON
to bench/results/.

`python -m bench --smoke` runs every part once at a tiny scale (the generator, each page once with its status
and query count, 5 users for a few seconds, the PDF, the sweep) and exits non-zero when any part fails:
`make test` runs it, so a schema change that breaks the generator fails CI. Its figures are printed, never compared."""

import argparse
import json
import platform
import time
from pathlib import Path

from bench.db import BENCH_DATABASE_URL, setup_django

RESULTS = Path(__file__).resolve().parent / "results"
MODES = {
    # large and small data scale (1.0 = national, ten years), requests and seconds per page, repeats; the load
    # part: simultaneous users, its bounds in requests and seconds (on the large data), each user's think time
    "quick": {
        "large": 0.02,
        "small": 0.002,
        "requests": 60,
        "seconds": 8,
        "pdf_repeats": 2,
        "load": {"users": 50, "requests": 3000, "seconds": 60, "think": (1, 3)},
    },
    "full": {
        "large": 1.0,
        "small": 0.1,
        "requests": 300,
        "seconds": 30,
        "pdf_repeats": 5,
        "load": {"users": 50, "requests": 15000, "seconds": 180, "think": (1, 3)},
    },
    # The smoke run measures one scale (a second would be the same rows at this size: the generator's floor).
    "smoke": {
        "large": 0.002,
        "small": None,
        "requests": 1,
        "seconds": 1,
        "pdf_repeats": 1,
        "load": {"users": 5, "requests": 100, "seconds": 3, "think": (0.1, 0.3)},
    },
}


# Pages whose size grows with history: their time must not (issue of scale, not of speed).
ADMIN_LIST = "admin: members' appointments"
SCALING_TARGET = {"compliance dashboard": 1.2, "execution control list": 1.2, ADMIN_LIST: 1.2}
# The pages people work on are held within 3x of the layout; Django's admin changelist, a tool of the few who
# keep the registry, is held to its scaling and its queries, its ratio to the layout reported.
NO_LAYOUT_TARGET = {ADMIN_LIST}


def page_target(r, scaling):
    """A page's target: within 3x of the layout baseline (what every page pays for the layout), at most 15
    queries, and for the lists that grow with history at most 1.2 between 0.1x and 1x data."""
    if r["name"].startswith(("baseline", "layout baseline")):
        return {"target": "baseline"}
    limit = SCALING_TARGET.get(r["name"])
    layout = r["name"] not in NO_LAYOUT_TARGET
    met = (
        (not layout or r["ratio_layout"] <= 3)
        and r["queries"] <= 15
        and (limit is None or scaling is None or scaling <= limit)
    )
    target = ", ".join(
        [*(["<= 3x layout"] if layout else []), "<= 15 queries", *([f"large/small <= {limit}"] if limit else [])]
    )
    return {"target": target, "met": met}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="reduced sizes, under 5 minutes")
    mode.add_argument("--full", action="store_true", help="national scale")
    mode.add_argument("--smoke", action="store_true", help="every part once at a tiny scale (make test)")
    parser.add_argument("--only", choices=["pages", "load", "sweep", "pdf"], help="run one part")
    args = parser.parse_args()
    name = "full" if args.full else "smoke" if args.smoke else "quick"
    conf = MODES[name]
    setup_django()
    from bench import generate, load, pages, pdf, sweep

    started = time.time()
    rows, sizes = [], {}
    if args.only in (None, "pages", "pdf", "load"):
        by_scale = {}
        for label in ("small", "large"):
            if label == "small" and (args.only in ("pdf", "load") or conf["small"] is None):
                continue
            t0 = time.time()
            sizes[label] = {"scale": conf[label], **generate.generate(conf[label])}
            sizes[label]["load_s"] = round(time.time() - t0, 1)
            print(f"data at scale {conf[label]}: {sizes[label]}", flush=True)
            if args.only in (None, "pages"):
                by_scale[label] = pages.run(BENCH_DATABASE_URL, requests=conf["requests"], seconds=conf["seconds"])
        if by_scale:
            small = {r["name"]: r for r in by_scale.get("small", [])}  # none in the smoke run: one scale
            for r in by_scale["large"]:
                s = small.get(r["name"])
                scaling = r["median_ms"] / s["median_ms"] if s else None
                rows.append(
                    {
                        "name": f"page: {r['name']}",
                        "median_s": r["median_ms"] / 1000,
                        "p95_ms": round(r["p95_ms"], 1),
                        "max_ms": round(r["max_ms"], 1),
                        "idle_connections": r["idle_connections"],
                        "rps": round(r["rps"], 1),
                        "queries": r["queries"],
                        "queries_max": r["queries_max"],
                        "status": r["status"],
                        "ratio": r["ratio"],
                        "ratio_layout": r["ratio_layout"],
                        **(
                            {
                                "scaling": scaling,
                                "small_median_ms": round(s["median_ms"], 2),
                                "small_queries": s["queries"],
                            }
                            if s
                            else {}
                        ),
                        **page_target(r, scaling),
                    }
                )
    if args.only in (None, "load"):  # on the large data, before the sweep changes it
        rows += load.run(BENCH_DATABASE_URL, **conf["load"], strict=name == "smoke")
    if args.only in (None, "pdf"):
        rows += pdf.run(repeats=conf["pdf_repeats"])
    if args.only in (None, "sweep"):
        rows += sweep.run(quick=name != "full", smoke=name == "smoke")
    for r in rows:  # every figure: its name, value, ratio, target and whether it is met
        r["value"] = r["median_s"]
        r.setdefault("met", None)
    if name == "smoke":  # a tiny scale on a busy machine: the figures are shown, never judged
        for r in rows:
            r["met"] = None
    width = max(len(r["name"]) for r in rows)
    print(
        f"{'benchmark':<{width}}  {'median ms':>9}  {'p95 ms':>7}  {'req/s':>6}  {'queries':>7}  {'ratio':>6}"
        f"  {'/layout':>7}  {'large/small':>11}  target"
    )
    for r in rows:
        scaling = format(r["scaling"], ".2f") if "scaling" in r else ""
        layout = format(r["ratio_layout"], ".2f") if "ratio_layout" in r else ""
        mark = "" if r.get("met") is None else ("  ok" if r["met"] else "  MISSED")
        print(
            f"{r['name']:<{width}}  {1000 * r['median_s']:>9.1f}  {r.get('p95_ms', ''):>7}  {r.get('rps', ''):>6}"
            f"  {r.get('queries', ''):>7}  {r['ratio']:>6.2f}  {layout:>7}  {scaling:>11}"
            f"  {r['target']}{mark}"
        )
    paged = [r for r in rows if "idle_connections" in r]
    if paged:
        print(
            f"pages loaded beside {paged[0]['idle_connections']} idle connections (gunicorn gthread, "
            f"{pages.WORKERS} workers x {pages.THREADS} threads); slowest request "
            f"{max(r['max_ms'] for r in paged):.1f} ms"
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench-{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(
        json.dumps(
            {
                "mode": name,
                "machine": platform.node(),
                "seconds": round(time.time() - started, 1),
                "data": sizes,
                "results": rows,
            },
            indent=2,
            default=str,
        )
    )
    print(f"written {out.relative_to(RESULTS.parent.parent)} in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
