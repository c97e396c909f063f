#!/usr/bin/env python3
"""Runs a command RUNS times and prints one JSON line: median wall seconds, the CPU seconds
(user + system) and peak resident memory (MB) of that run, from wait4's rusage of the child.

    python3 bench/measure.py RUNS -- COMMAND [ARG ...]
"""

import json
import os
import subprocess
import sys
import tempfile
import time


def once(command):
    started = time.perf_counter()
    # Standard error goes to a file, not a pipe: a chatty command would fill a pipe nobody
    # reads until it exits, and block forever.
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, stdout=null, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    wall = time.perf_counter() - started
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "exit": child.returncode,
        "stderr": stderr[-400:],
    }


def main():
    runs = int(sys.argv[1])
    command = sys.argv[sys.argv.index("--") + 1 :]
    results = sorted((once(command) for _ in range(runs)), key=lambda r: r["wall"])
    median = results[len(results) // 2]
    median["best_wall"] = results[0]["wall"]
    median["max_rss_mb"] = max(r["rss_mb"] for r in results)
    print(json.dumps(median))


if __name__ == "__main__":
    main()
