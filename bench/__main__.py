"""`python -m bench --quick` or `--full`: prints a table with a ratio column and writes JSON to bench/results/."""

import argparse
import json
import platform
import time
from pathlib import Path

from bench.db import setup_django

RESULTS = Path(__file__).resolve().parent / "results"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="reduced sizes, a few minutes")
    mode.add_argument("--full", action="store_true", help="national scale")
    args = parser.parse_args()
    quick = not args.full
    setup_django()
    from bench import sweep

    started = time.time()
    rows = sweep.run(quick=quick)
    width = max(len(r["name"]) for r in rows)
    print(f"{'benchmark':<{width}}  {'median s':>9}  {'ratio':>6}  target")
    for r in rows:
        mark = "" if "met" not in r else ("  ok" if r["met"] else "  MISSED")
        print(f"{r['name']:<{width}}  {r['median_s']:>9.3f}  {r['ratio']:>6.2f}  {r['target']}{mark}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"bench-{'quick' if quick else 'full'}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(
        json.dumps(
            {
                "mode": "quick" if quick else "full",
                "machine": platform.node(),
                "seconds": round(time.time() - started, 1),
                "results": rows,
            },
            indent=2,
        )
    )
    print(f"written {out.relative_to(RESULTS.parent.parent)}")


if __name__ == "__main__":
    main()
