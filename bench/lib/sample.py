#!/usr/bin/env python3
"""Samples processes while a load runs, until SIGTERM; then writes one JSON object to OUT.

Usage: sample.py OUT INTERVAL_S name=pid [name=pid ...]

Per process: peak and mean resident memory (VmRSS from /proc/PID/status, KiB) and CPU seconds used in the
window (utime+stime from /proc/PID/stat; a process that exits keeps its last sample). For the machine: CPU
seconds busy over all cores (/proc/stat), so that "other" = busy - ours is the CPU taken by processes this
benchmark did not start (a concurrent build, say), and the load average at both ends.
"""
import json
import os
import signal
import sys
import time

out, interval = sys.argv[1], float(sys.argv[2])
procs = dict(arg.split("=", 1) for arg in sys.argv[3:])
tick = os.sysconf("SC_CLK_TCK")
stop = False


def on_term(signum, frame):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_ticks(pid):
    """(user, system) CPU ticks of a process: utime and stime, fields 14 and 15 of /proc/PID/stat."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]), int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def machine():
    """CPU ticks spent in processes over all cores: user + nice + system. Interrupt and softirq time (loopback
    networking, much of it on behalf of the load) and steal are left out, so "other" is other processes' CPU."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    return values[0] + values[1] + values[2]


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(v) for v in f.read().split()[:3]]


start_wall, start_busy, start_load = time.monotonic(), machine(), loadavg()
first = {name: cpu_ticks(pid) for name, pid in procs.items()}
last = dict(first)
peak = {name: 0 for name in procs}
total = {name: 0 for name in procs}
count = {name: 0 for name in procs}
while True:
    for name, pid in procs.items():
        r = rss_kib(pid)
        if r is not None:
            peak[name] = max(peak[name], r)
            total[name] += r
            count[name] += 1
        t = cpu_ticks(pid)
        if t is not None:
            last[name] = t
    if stop:
        break
    time.sleep(interval)
wall, busy = time.monotonic() - start_wall, (machine() - start_busy) / tick
result = {
    "wall_s": round(wall, 3),
    "machine_busy_cpu_s": round(busy, 3),
    "loadavg_start": start_load,
    "loadavg_end": loadavg(),
    "processes": {},
}
ours = 0.0
for name in procs:
    cpu = user = system = None
    if first[name] is not None and last[name] is not None:
        user = (last[name][0] - first[name][0]) / tick
        system = (last[name][1] - first[name][1]) / tick
        cpu = user + system
        ours += cpu
    result["processes"][name] = {
        "rss_peak_kib": peak[name] or None,
        "rss_mean_kib": round(total[name] / count[name]) if count[name] else None,
        "cpu_s": cpu,
        "cpu_user_s": user,
        "cpu_system_s": system,
    }
result["other_cpu_s"] = round(max(0.0, busy - ours), 3)
with open(out, "w") as f:
    json.dump(result, f)
