"""Side-by-side latency of the Mallard kernel and Debian's ipykernel, driven by the same jupyter_client code.

Measures, for each kernel, in one run:
  * start-up: from KernelManager.start_kernel() to the first kernel_info reply (several fresh kernels);
  * round trip of a trivial cell: execute_request sent -> execute_reply and IOPub idle both received
    (what a front end waits for), p50 and p95 over many executions after a warm-up, each kernel's series with the other
    kernel stopped;
  * the first cell of a fresh kernel (C# `1` on Mallard, `1` on ipykernel): start-up to kernel_info plus the first cell
    sent once jupyter_client's wait_for_ready returns; the same in wall clock, wait_for_ready included (what a user waits
    for: the kernel warms up while the client waits, so leaving that wait out counts against a kernel that warms up); and
    the first cell alone when sent after a pause (a user reading the notebook), medians.

Usage:
  kernel_bench.py --mallard "ABSOLUTE COMMAND TO RUN mallard" [--runs 300] [--warmup 30] [--starts 5] [--read S] [--json OUT]

Serve mode, for the BenchmarkDotNet scenario: `kernel_bench.py --serve ...` starts both kernels, then reads
one cell name per line on stdin (python, sql, csharp), runs it, and answers "ok" on stdout.
"""
import argparse
import json
import os
import shlex
import statistics
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

CELLS = {
    "python": ("ipykernel", "1"),
    "sql": ("mallard", "#!sql\nSELECT 1;"),
    # The same C# cell run again (Mallard reuses its compiled code), and a C# cell whose text is new each time (compiled).
    "csharp": ("mallard", "1"),
    "csharp_new": ("mallard", "1 + {n}"),
}

_distinct = iter(range(1, 10**9))


def cell_text(code):
    """The cell's text; a {n} in it becomes a number never used before, so that each run is a new cell."""
    return code.format(n=next(_distinct)) if "{n}" in code else code


def write_specs(root, mallard_command):
    kernels = os.path.join(root, "kernels")
    specs = {
        "mallard": {
            "argv": [*mallard_command, "kernel", "start", "--connection-file", "{connection_file}"],
            "display_name": "Mallard (bench)", "language": "csharp", "interrupt_mode": "message",
        },
        "ipykernel": {
            "argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (bench)", "language": "python",
            "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
        },
    }
    for name, spec in specs.items():
        os.makedirs(os.path.join(kernels, name), exist_ok=True)
        with open(os.path.join(kernels, name, "kernel.json"), "w", encoding="utf-8") as f:
            json.dump(spec, f)


def start(name):
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - t0
    # Drain the IOPub traffic of the handshake before measuring anything else.
    kc.wait_for_ready(timeout=60)
    kc.ready_s = time.perf_counter() - t0
    return km, kc, elapsed


def round_trip(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    replied = idle = False
    while not (replied and idle):
        if not replied:
            reply = kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                replied = True
                if reply["content"]["status"] != "ok":
                    raise RuntimeError(f"cell {code!r} failed: {reply['content']}")
            continue
        msg = kc.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
    return time.perf_counter() - t0


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


FIRST_CELL = {"ipykernel": "1", "mallard": "1"}


def measure(args):
    results = {"startup": {}, "cells": {}, "first": {}}
    for name in ("ipykernel", "mallard"):
        times, ready_first, wall_first, after_pause = [], [], [], []
        for _ in range(args.starts):
            km, kc, elapsed = start(name)
            times.append(elapsed)
            first = round_trip(kc, FIRST_CELL[name])
            ready_first.append(elapsed + first)
            wall_first.append(kc.ready_s + first)
            stop(km, kc)
            km, kc, _ = start(name)
            time.sleep(args.pause)
            after_pause.append(round_trip(kc, FIRST_CELL[name]))
            stop(km, kc)
        results["startup"][name] = {"p50_ms": statistics.median(times) * 1000, "min_ms": min(times) * 1000, "runs": len(times)}
        results["first"][name] = {
            "ready_plus_first_ms": statistics.median(ready_first) * 1000,
            "wall_first_ms": statistics.median(wall_first) * 1000,
            "first_after_pause_ms": statistics.median(after_pause) * 1000,
            "pause_s": args.pause, "runs": len(times),
        }
    # Each kernel's series runs with the other kernel stopped: a kernel still warming up in the background must not slow the
    # other's cells (it did when both ran side by side, in Mallard's favour).
    results["read_s"] = args.read
    for name in ("ipykernel", "mallard"):
        km, kc, _ = start(name)
        # A user who reads before running cells: the kernel idles this long before the series (0: cells from the first moment).
        time.sleep(args.read)
        for cell, (kernel, code) in CELLS.items():
            if kernel != name:
                continue
            for _ in range(args.warmup):
                round_trip(kc, cell_text(code))
            times = [round_trip(kc, cell_text(code)) for _ in range(args.runs)]
            results["cells"][cell] = {
                "kernel": kernel, "code": code, "runs": len(times),
                "p50_ms": percentile(times, 0.5) * 1000, "p95_ms": percentile(times, 0.95) * 1000,
            }
        stop(km, kc)
    return results


def report(results):
    s, c = results["startup"], results["cells"]
    lines = [
        "| measure | ipykernel | Mallard | ratio (Mallard / ipykernel) | goal |",
        "|---|---|---|---|---|",
        f"| start-up to first kernel_info reply (median of {s['mallard']['runs']}) | {s['ipykernel']['p50_ms']:.0f} ms | {s['mallard']['p50_ms']:.0f} ms | {s['mallard']['p50_ms'] / s['ipykernel']['p50_ms']:.2f} | <= 0.5 |",
    ]
    f = results["first"]
    lines.append(f"| kernel_info reply plus a first cell sent at once (median of {f['mallard']['runs']}) | {f['ipykernel']['ready_plus_first_ms']:.0f} ms | {f['mallard']['ready_plus_first_ms']:.0f} ms | {f['mallard']['ready_plus_first_ms'] / f['ipykernel']['ready_plus_first_ms']:.2f} | <= 1 |")
    lines.append(f"| start-up, wait_for_ready and a first cell, wall clock (median of {f['mallard']['runs']}) | {f['ipykernel']['wall_first_ms']:.0f} ms | {f['mallard']['wall_first_ms']:.0f} ms | {f['mallard']['wall_first_ms'] / f['ipykernel']['wall_first_ms']:.2f} | <= 1 |")
    lines.append(f"| a first cell sent {f['mallard']['pause_s']:g} s after start-up | {f['ipykernel']['first_after_pause_ms']:.1f} ms | {f['mallard']['first_after_pause_ms']:.1f} ms | {f['mallard']['first_after_pause_ms'] / f['ipykernel']['first_after_pause_ms']:.2f} | <= 1 |")
    py = c["python"]
    names = {"sql": "trivial SQL cell", "csharp": "trivial C# cell run again", "csharp_new": "trivial C# cell, new text each run"}
    idle = f", after {results['read_s']:g} s idle" if results.get("read_s") else ""
    for cell, goal in (("sql", "p50 <= 0.5"), ("csharp", "<= 1"), ("csharp_new", "<= 1")):
        m = c[cell]
        lines.append(f"| {names[cell]} vs trivial Python cell, p50 ({m['runs']} runs{idle}) | {py['p50_ms']:.2f} ms | {m['p50_ms']:.2f} ms | {m['p50_ms'] / py['p50_ms']:.2f} | {goal} |")
        lines.append(f"| {names[cell]} vs trivial Python cell, p95 | {py['p95_ms']:.2f} ms | {m['p95_ms']:.2f} ms | {m['p95_ms'] / py['p95_ms']:.2f} | |")
    return "\n".join(lines)


def serve(args):
    clients = {name: start(name) for name in ("ipykernel", "mallard")}
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    try:
        for line in sys.stdin:
            cell = line.strip()
            if cell == "quit":
                break
            if not cell:
                continue
            kernel, code = CELLS[cell]
            round_trip(clients[kernel][1], cell_text(code))
            sys.stdout.write("ok\n")
            sys.stdout.flush()
    finally:
        for km, kc, _ in clients.values():
            stop(km, kc)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mallard", required=True, help="the command that runs mallard, e.g. '/usr/bin/dotnet /path/mallard.dll'")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--read", type=float, default=0.0, help="seconds both kernels idle after start-up before the cell series (a user reading first)")
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between start-up and the first cell, for the first-cell-after-a-pause measure")
    parser.add_argument("--json")
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="mallard-kernel-bench-")
    write_specs(root, shlex.split(args.mallard))
    os.environ["JUPYTER_PATH"] = root
    os.environ.setdefault("MALLARD_KERNEL_LOG", os.path.join(root, "kernel.log"))
    os.environ.setdefault("MALLARD_WAREHOUSE", os.path.join(root, "no-warehouse.duckdb"))
    if args.serve:
        serve(args)
        return
    results = measure(args)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
    print(report(results))


if __name__ == "__main__":
    main()
