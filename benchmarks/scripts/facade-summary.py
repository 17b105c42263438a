#!/usr/bin/env python3
"""Summarises FacadeBenchmark JSON results (one file per run) for docs/benchmarks.md.

For each benchmark and run: the median and the fastest of the measured 1 s iterations (wall
time, ns/op), the CPU time per op from `-prof perfnorm:events=task-clock` (the whole JVM's
task-clock over the measured iterations, divided by the operations: unlike wall time it does not
count the time the thread waited for a core), and the median B/op from `-prof gc`. Then the
ratios the issue asks for, from each of those figures.

usage: facade-summary.py RUN.json [RUN.json ...]
"""
import json
import statistics
import sys

ORDER = ["bare", "handTimerRecord", "handTimerSample", "facadeInstrument", "coreInstrument",
         "trackerRecordTrade", "facadeRecordTrade", "trackerRecordEquity", "facadeRecordEquity"]
RATIOS = [("facadeInstrument", "handTimerRecord"), ("facadeInstrument", "handTimerSample"),
          ("facadeInstrument", "coreInstrument"), ("facadeRecordTrade", "trackerRecordTrade"),
          ("facadeRecordEquity", "trackerRecordEquity")]


def load(path):
    out = {}
    for b in json.load(open(path)):
        name = b["benchmark"].rsplit(".", 1)[-1]
        wall = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
        sec = b.get("secondaryMetrics", {})
        norm = [x for fork in sec.get("gc.alloc.rate.norm", {}).get("rawData", []) for x in fork]
        clock = sec.get("task-clock")  # milliseconds per op, one value per fork
        out[name] = {
            "median": statistics.median(wall),
            "fastest": min(wall),
            "cpu": clock["score"] * 1e6 if clock else float("nan"),
            "bytes": statistics.median(norm) if norm else float("nan"),
        }
    return out


def main(paths):
    runs = [load(p) for p in paths]
    print("benchmark | " + " | ".join(f"run {i + 1}: median / fastest / CPU ns, B/op" for i in range(len(runs))))
    for name in ORDER:
        cells = [f"{r[name]['median']:.1f} / {r[name]['fastest']:.1f} / {r[name]['cpu']:.1f}, {r[name]['bytes']:.3f}"
                 for r in runs if name in r]
        print(f"{name} | " + " | ".join(cells))
    print()
    for a, b in RATIOS:
        for key in ("median", "fastest", "cpu"):
            values = [r[a][key] / r[b][key] for r in runs if a in r and b in r]
            print(f"{a} / {b} by {key}: " + " · ".join(f"{v:.2f}" for v in values)
                  + f" (median {statistics.median(values):.2f})")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
