#!/usr/bin/env python3
"""Turns a JMH JSON result of HotPath, HotPathParts or StoreHotPath into Markdown tables: ns/op with its 99.9 %
error, B/op from gc.alloc.rate.norm, for HotPath the Tripswitch ratios against the other two libraries, and for
StoreHotPath each store's ratio to the in-memory circuit of the same run."""
import json
import re
import sys

LIBS = ["Tripswitch", "Resilience4j", "Failsafe"]
THREADS = {"OneThread": 1, "TwoThreads": 2}


STORES = ["memory", "file", "redis"]


def load(path):
    rows = {}
    for run in json.load(open(path)):
        s = re.search(r"\.StoreHotPath\.(closed|open)$", run["benchmark"])
        if s:
            pm = run["primaryMetric"]
            alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {})
            rows[("StoreHotPath", s.group(1), run["params"]["store"])] = {
                "score": pm["score"], "error": pm["scoreError"],
                "alloc": alloc.get("score"), "alloc_error": alloc.get("scoreError"),
            }
            continue
        m = re.search(r"\.(\w+)\.(OneThread|TwoThreads)\.(\w+)$", run["benchmark"])
        if not m:
            continue
        cls, threads, method = m.group(1), THREADS[m.group(2)], m.group(3)
        pm = run["primaryMetric"]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {})
        rows[(cls, method, threads)] = {
            "score": pm["score"], "error": pm["scoreError"],
            "alloc": alloc.get("score"), "alloc_error": alloc.get("scoreError"),
        }
    return rows


def num(x):
    if x is None or x != x:  # missing or NaN
        return "n/a"
    return f"{x:.1f}" if abs(x) < 100 else f"{x:.0f}"


def bytes_op(r):
    a = r["alloc"]
    if a is None:
        return "n/a"
    return "0" if abs(a) < 0.5 else f"{a:.0f}"


def main(path):
    rows = load(path)
    hot = {k: v for k, v in rows.items() if k[0] == "HotPath"}
    parts = {k: v for k, v in rows.items() if k[0] == "HotPathParts"}
    if hot:
        print("| path | library | threads | ns/op | ± error (99.9 %) | B/op |")
        print("|---|---|---:|---:|---:|---:|")
        for path_name in ["closed", "open"]:
            for threads in [1, 2]:
                for lib in LIBS:
                    r = hot.get(("HotPath", path_name + lib, threads))
                    if r:
                        print(f"| {path_name.upper()} | {lib} | {threads} | {num(r['score'])} | "
                              f"{num(r['error'])} | {bytes_op(r)} |")
        print()
        print("| path | threads | Tripswitch / Resilience4j | Tripswitch / Failsafe |")
        print("|---|---:|---:|---:|")
        for path_name in ["closed", "open"]:
            for threads in [1, 2]:
                t = hot.get(("HotPath", path_name + "Tripswitch", threads))
                r4 = hot.get(("HotPath", path_name + "Resilience4j", threads))
                fs = hot.get(("HotPath", path_name + "Failsafe", threads))
                if t and r4 and fs:
                    print(f"| {path_name.upper()} | {threads} | {t['score'] / r4['score']:.2f} | "
                          f"{t['score'] / fs['score']:.2f} |")
    if parts:
        if hot:
            print()
        print("| part | threads | ns/op | ± error (99.9 %) | B/op |")
        print("|---|---:|---:|---:|---:|")
        for (cls, method, threads), r in sorted(parts.items(), key=lambda kv: (kv[0][1], kv[0][2])):
            print(f"| {method} | {threads} | {num(r['score'])} | {num(r['error'])} | {bytes_op(r)} |")

    stores = {k: v for k, v in rows.items() if k[0] == "StoreHotPath"}
    if stores:
        if hot or parts:
            print()
        print("| path | store | ns/op | ± error (99.9 %) | B/op | ÷ memory |")
        print("|---|---|---:|---:|---:|---:|")
        for path_name in ["closed", "open"]:
            memory = stores.get(("StoreHotPath", path_name, "memory"))
            for store in STORES:
                r = stores.get(("StoreHotPath", path_name, store))
                if r:
                    ratio = f"{r['score'] / memory['score']:.2f}" if memory else "n/a"
                    print(f"| {path_name.upper()} | {store} | {num(r['score'])} | {num(r['error'])} | "
                          f"{bytes_op(r)} | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])
