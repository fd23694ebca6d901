#!/usr/bin/env python3
"""Aggregates one bench/run into <date>.json, <date>.md and <date>-latency.svg (stdlib only).

Usage: report.py --work WORK_DIR --out RESULTS_DIR --date YYYY-MM-DD

Per (latency, api, connections, system) over the measurement rounds: throughput and latency percentiles are
the median of the rounds (max: the largest of the rounds); the overhead over direct is computed per round
against the direct run of the same round (paired, so that drift between rounds cancels), then the median.
"""
import argparse
import glob
import json
import math
import os
import statistics
from collections import Counter, defaultdict

SYSTEMS = ["direct", "ours_off", "ours_miss", "ours_hit", "portkey"]
LABEL = {
    "direct": "direct (upstream)",
    "ours_off": "ours, performance off",
    "ours_miss": "ours, performance on, miss",
    "ours_hit": "ours, performance on, hit",
    "portkey": "Portkey 1.15.2",
}
SHORT = {"direct": "direct", "ours_off": "ours off", "ours_miss": "ours miss", "ours_hit": "ours hit",
         "portkey": "Portkey"}
COLOR = {"direct": "#555555", "ours_off": "#1f77b4", "ours_miss": "#2ca02c", "ours_hit": "#9467bd",
         "portkey": "#d62728"}
PROCESS_LABEL = {"upstream": "upstream (voice mock-provider, JVM)", "ours_off": "ours, performance off (JVM)",
                 "ours_on": "ours, performance on (JVM)", "portkey": "Portkey (node)", "wrk": "wrk"}

TARGET_OVERHEAD_P50_MS = 0.5
TARGET_OVERHEAD_P99_MS = 3.0
TARGET_STT_FACTOR = 5.0
TARGET_HIT_FACTOR = 5.0
TARGET_RSS_MB = 300.0


def load_json(path):
    with open(path) as f:
        return json.load(f)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(a, b):
    if a is None or b is None or b <= 0:
        return None
    return a / b


def ms(us):
    return None if us is None else us / 1000.0


def load_runs(work):
    runs = []
    for meta_path in sorted(glob.glob(os.path.join(work, "runs", "*.meta.json"))):
        base = meta_path[: -len(".meta.json")]
        run = load_json(meta_path)
        wrk_path, sample_path = base + ".wrk.json", base + ".sample.json"
        run["wrk"] = load_json(wrk_path) if os.path.exists(wrk_path) else None
        run["sample"] = load_json(sample_path) if os.path.exists(sample_path) else None
        w = run["wrk"]
        if w:
            secs = w["duration_us"] / 1e6
            lat = w["latency_us"]
            run["rps"] = w["requests"] / secs if secs > 0 else None
            run["p50_ms"], run["p90_ms"], run["p99_ms"] = ms(lat["50"]), ms(lat["90"]), ms(lat["99"])
            run["max_ms"], run["mean_ms"] = ms(lat["max"]), ms(lat["mean"])
            run["non2xx"] = w["errors"]["status"]
            run["socket_errors"] = sum(w["errors"][k] for k in ("connect", "read", "write", "timeout"))
            run["requests"] = w["requests"]
        else:
            run.update(rps=None, p50_ms=None, p90_ms=None, p99_ms=None, max_ms=None, mean_ms=None,
                       non2xx=None, socket_errors=None, requests=0)
        s = run["sample"]
        if s:
            proc = s["processes"].get(run["process"], {})
            run["rss_peak_mib"] = proc.get("rss_peak_kib") and proc["rss_peak_kib"] / 1024
            run["rss_mean_mib"] = proc.get("rss_mean_kib") and proc["rss_mean_kib"] / 1024
            run["cpu_cores"] = proc.get("cpu_s") / s["wall_s"] if proc.get("cpu_s") is not None and s["wall_s"] else None
            reqs = run["requests"] or 0
            run["cpu_ms_per_request"] = 1000 * proc["cpu_s"] / reqs if proc.get("cpu_s") is not None and reqs else None
            run["cpu_system_share"] = (proc["cpu_system_s"] / proc["cpu_s"]
                                       if proc.get("cpu_system_s") is not None and proc.get("cpu_s") else None)
            wrk_cpu = s["processes"].get("wrk", {}).get("cpu_s")
            run["wrk_cpu_cores"] = wrk_cpu / s["wall_s"] if wrk_cpu is not None and s["wall_s"] else None
            run["other_cpu_cores"] = s["other_cpu_s"] / s["wall_s"] if s["wall_s"] else None
            run["loadavg_start"] = s["loadavg_start"][0]
        runs.append(run)
    return runs


def aggregate(runs):
    measured = [r for r in runs if r["kind"] == "measure"]
    by_cell = defaultdict(list)
    for r in measured:
        by_cell[(r["latency_ms"], r["api"], r["conns"], r["system"])].append(r)
    direct_by_round = {(r["latency_ms"], r["api"], r["conns"], r["round"]): r for r in measured if r["system"] == "direct"}
    cells = []
    for (lat, api, conns, system), rs in sorted(by_cell.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2],
                                                                                  SYSTEMS.index(kv[0][3]))):
        over50, over99 = [], []
        for r in rs:
            d = direct_by_round.get((lat, api, conns, r["round"]))
            if d and system != "direct" and r["p50_ms"] is not None and d["p50_ms"] is not None:
                over50.append(r["p50_ms"] - d["p50_ms"])
                over99.append(r["p99_ms"] - d["p99_ms"])
        requests = sum(r["requests"] for r in rs)
        upstream = sum(r["upstream_calls"] for r in rs)
        rps = [r["rps"] for r in rs if r["rps"] is not None]
        cells.append({
            "latency_ms": lat, "api": api, "conns": conns, "system": system, "rounds": len(rs),
            "throughput_rps": median(rps), "throughput_min_rps": min(rps) if rps else None,
            "throughput_max_rps": max(rps) if rps else None,
            "p50_ms": median(r["p50_ms"] for r in rs), "p90_ms": median(r["p90_ms"] for r in rs),
            "p99_ms": median(r["p99_ms"] for r in rs),
            "max_ms": max((r["max_ms"] for r in rs if r["max_ms"] is not None), default=None),
            "overhead_p50_ms": median(over50) if system != "direct" else None,
            "overhead_p99_ms": median(over99) if system != "direct" else None,
            "requests": requests, "non2xx": sum(r["non2xx"] or 0 for r in rs),
            "socket_errors": sum(r["socket_errors"] or 0 for r in rs),
            "wrk_failures": sum(1 for r in rs if r["wrk_exit"] != 0 or r["wrk"] is None),
            "upstream_calls_per_request": upstream / requests if requests else None,
            "rss_peak_mib": max((r.get("rss_peak_mib") or 0 for r in rs), default=None) or None,
            "cpu_cores": median(r.get("cpu_cores") for r in rs),
            "cpu_ms_per_request": median(r.get("cpu_ms_per_request") for r in rs),
            "cpu_system_share": median(r.get("cpu_system_share") for r in rs),
            "wrk_cpu_cores": median(r.get("wrk_cpu_cores") for r in rs),
            "other_cpu_cores_max": max((r.get("other_cpu_cores") or 0 for r in rs), default=None),
        })
    return cells


def cell_index(cells):
    return {(c["latency_ms"], c["api"], c["conns"], c["system"]): c for c in cells}


def compute_ratios(cells):
    idx = cell_index(cells)
    out = []
    for (lat, api, conns) in sorted({(c["latency_ms"], c["api"], c["conns"]) for c in cells}):
        get = lambda s: idx.get((lat, api, conns, s))
        pk, direct, hit = get("portkey"), get("direct"), get("ours_hit")
        row = {"latency_ms": lat, "api": api, "conns": conns}
        for s in ("ours_off", "ours_miss"):
            c = get(s)
            if not c:
                continue
            row[s] = {
                "overhead_p50_vs_portkey": ratio(c["overhead_p50_ms"], pk and pk["overhead_p50_ms"]),
                "overhead_p99_vs_portkey": ratio(c["overhead_p99_ms"], pk and pk["overhead_p99_ms"]),
                "throughput_vs_portkey": ratio(c["throughput_rps"], pk and pk["throughput_rps"]),
                "p99_vs_portkey": ratio(c["p99_ms"], pk and pk["p99_ms"]),
            }
        row["hit_throughput_vs_direct"] = ratio(hit and hit["throughput_rps"], direct and direct["throughput_rps"])
        row["hit_throughput_vs_portkey"] = ratio(hit and hit["throughput_rps"], pk and pk["throughput_rps"])
        out.append(row)
    return out


def heap_info(work, name):
    """Committed heap (young + old) and metaspace of a JVM at the end of the run, from jcmd GC.heap_info."""
    import re
    path = os.path.join(work, "heap-%s.txt" % name)
    if not os.path.exists(path):
        return None
    text = open(path).read()
    gens = re.findall(r"generation\s+total (\d+)K, used (\d+)K", text)
    meta = re.search(r"Metaspace\s+used (\d+)K, committed (\d+)K", text)
    if not gens:
        return None
    return {"heap_committed_mib": sum(int(t) for t, _ in gens) / 1024, "heap_used_mib": sum(int(u) for _, u in gens) / 1024,
            "metaspace_committed_mib": int(meta.group(2)) / 1024 if meta else None}


def process_table(runs, startup, work):
    procs = {}
    measured = [r for r in runs if r["kind"] == "measure"]
    for name in ("upstream", "ours_off", "ours_on", "portkey"):
        # Under load: the runs that drove this process (the upstream is under load in every run).
        mine = [r for r in measured if r["process"] == name or name == "upstream"]
        peaks, means = [], []
        for r in mine:
            p = (r["sample"] or {}).get("processes", {}).get(name, {})
            if p.get("rss_peak_kib"):
                peaks.append(p["rss_peak_kib"] / 1024)
                means.append(p["rss_mean_kib"] / 1024)
        times = startup.get(name, [])
        procs[name] = {
            "startup_ms_median": median(times), "startup_ms_samples": times, "heap_at_end": heap_info(work, name),
            "rss_peak_under_load_mib": max(peaks) if peaks else None,
            "rss_mean_under_load_mib": statistics.mean(means) if means else None,
        }
    return procs


def compute_targets(cells, ratios, procs, config):
    idx = cell_index(cells)
    targets = []
    lats = config["latencies_ms"]
    for s in ("ours_off", "ours_miss"):
        for api in config["apis"]:
            c = idx.get((50, api, 32, s))
            if c is None:
                continue
            o50, o99 = c["overhead_p50_ms"], c["overhead_p99_ms"]
            met = o50 is not None and o99 is not None and o50 <= TARGET_OVERHEAD_P50_MS and o99 <= TARGET_OVERHEAD_P99_MS
            targets.append({"target": "overhead p50 <= 0.5 ms and p99 <= 3 ms, 32 connections, L = 50 ms",
                            "system": s, "api": api, "conns": 32, "latency_ms": 50,
                            "measured": "p50 %s ms, p99 %s ms" % (fmt(o50, 2), fmt(o99, 2)), "met": met})
    if 0 in lats and "stt" in config["apis"]:
        for r in ratios:
            if r["latency_ms"] != 0 or r["api"] != "stt":
                continue
            for s in ("ours_off", "ours_miss"):
                x = r.get(s)
                if not x:
                    continue
                t, p = x["throughput_vs_portkey"], x["p99_vs_portkey"]
                met = t is not None and p is not None and t >= TARGET_STT_FACTOR and p <= 1 / TARGET_STT_FACTOR
                targets.append({"target": "L = 0, STT: throughput >= 5x Portkey's and p99 <= 1/5 of Portkey's",
                                "system": s, "api": "stt", "conns": r["conns"], "latency_ms": 0,
                                "measured": "throughput %sx, p99 %sx Portkey's" % (fmt(t, 2), fmt(p, 3)), "met": met})
    if 50 in lats:
        for r in ratios:
            if r["latency_ms"] != 50:
                continue
            h = r["hit_throughput_vs_direct"]
            targets.append({"target": "hit-path throughput >= 5x direct, L = 50 ms", "system": "ours_hit",
                            "api": r["api"], "conns": r["conns"], "latency_ms": 50,
                            "measured": "%sx direct" % fmt(h, 1), "met": h is not None and h >= TARGET_HIT_FACTOR})
    for name in ("ours_off", "ours_on"):
        rss = procs[name]["rss_peak_under_load_mib"]
        targets.append({"target": "resident memory under load <= 300 MB", "system": name, "api": "all", "conns": None,
                        "latency_ms": None, "measured": "peak %s MiB (%s MB)" % (fmt(rss, 0), fmt(rss and rss * 1.048576, 0)),
                        "met": rss is not None and rss * 1.048576 <= TARGET_RSS_MB})
    return targets


# ----------------------------------------------------------------------------------------------------------
# JFR profiles

def frame_name(frame):
    m = frame["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]


def package_of(name, depth=3):
    parts = name.split(".")
    cls_idx = next((i for i, p in enumerate(parts) if p[:1].isupper()), len(parts) - 1)
    return ".".join(parts[:min(cls_idx, depth)])


AREAS = [
    ("logging (Logback, SLF4J)", ("ch.qos.logback", "org.slf4j")),
    ("SHA-256 of the audio (cache key)", ("sun.security.provider.SHA", "sun.security.provider.DigestBase",
                                          "io.voiceplatform.performance.cache.AudioDigest")),
    ("multipart parsing (Jetty/servlet)", ("org.eclipse.jetty.server.MultiPart", "org.eclipse.jetty.http.MultiPart",
                                           "io.javalin.http.servlet.JavalinServletContext.uploadedFiles",
                                           "io.javalin.util.MultipartUtil")),
    ("HTTP client to the upstream (OkHttp, Okio)", ("okhttp3.", "okio.")),
    ("JSON (Jackson)", ("com.fasterxml.jackson",)),
    ("metrics (Micrometer)", ("io.micrometer",)),
    ("resilience (Resilience4j)", ("io.github.resilience4j",)),
    ("caches (Caffeine)", ("com.github.benmanes.caffeine",)),
    ("Jetty I/O and HTTP", ("org.eclipse.jetty.io", "org.eclipse.jetty.http.HttpParser", "org.eclipse.jetty.http.HttpGenerator",
                            "org.eclipse.jetty.server.HttpOutput", "org.eclipse.jetty.server.HttpInput")),
    ("io.voiceplatform (own code, inclusive)", ("io.voiceplatform",)),
]


def summarize_profile(prefix, run=None):
    cpu_path, alloc_path, gc_path = prefix + ".cpu.json", prefix + ".alloc.json", prefix + ".gc.json"
    if not os.path.exists(cpu_path):
        return None
    events = load_json(cpu_path)["recording"]["events"]
    samples = [e["values"]["stackTrace"]["frames"] for e in events
               if e["type"] == "jdk.ExecutionSample" and e["values"].get("stackTrace")]
    n = len(samples) or 1
    self_count, own_incl, pkg_incl, areas = Counter(), Counter(), Counter(), Counter()
    for frames in samples:
        names = [frame_name(f) for f in frames]
        if names:
            self_count[names[0]] += 1
        for nm in set(names):
            if nm.startswith("io.voiceplatform."):
                own_incl[nm] += 1
        for pkg in {package_of(nm) for nm in names}:
            pkg_incl[pkg] += 1
        for area, prefixes in AREAS:
            if any(nm.startswith(prefixes) for nm in names):
                areas[area] += 1
    result = {
        "cpu_samples": len(samples),
        "top_self": [(k, v / n) for k, v in self_count.most_common(15)],
        "top_own_inclusive": [(k, v / n) for k, v in own_incl.most_common(12)],
        "top_packages_inclusive": [(k, v / n) for k, v in pkg_incl.most_common(12)],
        "areas_inclusive": [(a, areas[a] / n) for a, _ in AREAS],
    }
    if os.path.exists(alloc_path):
        weights, total = Counter(), 0
        for e in load_json(alloc_path)["recording"]["events"]:
            v = e["values"]
            w = v.get("weight") or 0
            total += w
            frames = (v.get("stackTrace") or {}).get("frames") or []
            site = frame_name(frames[0]) if frames else "?"
            own = next((frame_name(f) for f in frames if frame_name(f).startswith("io.voiceplatform.")), None)
            cls = ((v.get("objectClass") or {}).get("name") or "?").replace("/", ".")
            weights[(cls, site, own or "-")] += w
        result["top_alloc"] = [({"class": k[0], "site": k[1], "own_frame": k[2]}, w / total if total else 0)
                               for k, w in weights.most_common(10)]
    threads_path = prefix + ".threads.json"
    if os.path.exists(threads_path):
        starts = [e["values"] for e in load_json(threads_path)["recording"]["events"] if e["type"] == "jdk.ThreadStart"]
        creators = Counter()
        for v in starts:
            frames = [frame_name(f) for f in ((v.get("stackTrace") or {}).get("frames") or [])]
            frames = [f for f in frames if not f.startswith(("java.lang.Thread.", "java.lang.ThreadGroup."))]
            creators[" < ".join(frames[:2]) or "?"] += 1
        result["threads_started"] = len(starts)
        result["thread_creators"] = creators.most_common(3)
    if run:
        result["requests"] = run.get("requests")
        result["throughput_rps"] = run.get("rps")
        result["cpu_ms_per_request"] = run.get("cpu_ms_per_request")
        result["cpu_system_share"] = run.get("cpu_system_share")
        if result.get("threads_started") is not None and run.get("requests"):
            result["threads_per_request"] = result["threads_started"] / run["requests"]
    if os.path.exists(gc_path):
        gcs = [e["values"] for e in load_json(gc_path)["recording"]["events"] if e["type"] == "jdk.GarbageCollection"]
        pauses = [iso_seconds(g.get("sumOfPauses")) for g in gcs]
        result["gc"] = {"count": len(gcs), "pause_total_ms": sum(pauses) * 1000,
                        "pause_max_ms": max(pauses) * 1000 if pauses else 0,
                        "collectors": dict(Counter(g.get("name") for g in gcs))}
    return result


def iso_seconds(text):
    if not text or not text.startswith("PT"):
        return 0.0
    total, num = 0.0, ""
    for ch in text[2:]:
        if ch.isdigit() or ch == ".":
            num += ch
        else:
            total += float(num or 0) * {"H": 3600, "M": 60, "S": 1}.get(ch, 0)
            num = ""
    return total


# ----------------------------------------------------------------------------------------------------------
# Formatting

def fmt(v, digits=1):
    if v is None:
        return "n/a"
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return "n/a"
    return ("%." + str(digits) + "f") % v


def fmt_lat(v):
    if v is None:
        return "n/a"
    return "%.2f" % v if abs(v) < 10 else "%.1f" % v


def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(lines)


def write_markdown(path, date, config, machine, checks, procs, cells, ratios, targets, profiles, svg_name, runs):
    L = []
    add = L.append
    add("# Benchmark %s%s" % (date, " (quick smoke run, not a result)" if config.get("quick") else ""))
    add("")
    add("Generated by `bench/run` (see [bench/README.md](../README.md)). Closed-loop load from wrk against five "
        "systems in front of the same upstream (`voice mock-provider`, fixed answers, fixed latency L, no faults): "
        "direct calls to the upstream (the floor); this service with the performance module off; on, every request "
        "distinct (miss path); on, a repeated working set (hit path); and the Portkey AI Gateway 1.15.2 "
        "(**run with the `bench/peer/preload.mjs` fetch wrapper**: without it, Portkey answers `/v1/audio/speech` "
        "with 500, `TypeError: immutable`, Portkey issues #1389 and #1550).")
    add("")
    add("Per measurement: %d s, %d round(s) with the systems' order rotating each round, after a %d s warm-up per "
        "system and cell (and %d s per system and api after start-up). Latencies and throughput are the median over the "
        "rounds, max the largest; **overhead** = the system's percentile minus direct's in the same round, median "
        "over the rounds. TTS: `POST /v1/audio/speech`, JSON, ~20 KB of audio back. STT: `POST /v1/audio/transcriptions`, "
        "multipart with a 100 KB WAV." % (config["duration_s"], config["rounds"], config["warmup_s"], config["first_warmup_s"]))
    add("")

    # Headline
    idx = cell_index(cells)
    ridx = {(r["latency_ms"], r["api"], r["conns"]): r for r in ratios}
    add("## Headline")
    add("")
    heads = []
    for s in ("ours_off", "ours_miss"):
        for api in config["apis"]:
            c = idx.get((50, api, 32, s))
            if c:
                heads.append("- %s, %s, 32 connections, L = 50 ms: overhead over direct p50 **%s ms**, p99 **%s ms** "
                             "(Portkey: p50 %s ms, p99 %s ms)" % (
                                 LABEL[s], api.upper(), fmt(c["overhead_p50_ms"], 2), fmt(c["overhead_p99_ms"], 2),
                                 fmt((idx.get((50, api, 32, "portkey")) or {}).get("overhead_p50_ms"), 2),
                                 fmt((idx.get((50, api, 32, "portkey")) or {}).get("overhead_p99_ms"), 2)))
    for conns in config["concurrency"]:
        r = ridx.get((0, "stt", conns))
        if r:
            heads.append("- L = 0, STT, %d connections: throughput ours/Portkey **%sx** (performance off), **%sx** "
                         "(on, miss); p99 ours/Portkey %sx, %sx" % (
                             conns, fmt(r.get("ours_off", {}).get("throughput_vs_portkey"), 2),
                             fmt(r.get("ours_miss", {}).get("throughput_vs_portkey"), 2),
                             fmt(r.get("ours_off", {}).get("p99_vs_portkey"), 3),
                             fmt(r.get("ours_miss", {}).get("p99_vs_portkey"), 3)))
    for api in config["apis"]:
        for conns in config["concurrency"]:
            r = ridx.get((50, api, conns))
            if r:
                heads.append("- L = 50 ms, %s, %d connections: hit-path throughput / direct **%sx**" % (
                    api.upper(), conns, fmt(r["hit_throughput_vs_direct"], 1)))
    for name in ("ours_off", "ours_on", "portkey"):
        p = procs[name]
        heads.append("- %s: resident memory under load, peak **%s MiB**; start-up to ready %s ms" % (
            PROCESS_LABEL[name], fmt(p["rss_peak_under_load_mib"], 0), fmt(p["startup_ms_median"], 0)))
    L.extend(heads)
    add("")

    notes = os.path.join(os.path.dirname(path), "%s-notes.md" % date)
    if os.path.exists(notes):
        add("Analysis of this run (hand-written, from `%s-notes.md`): see [Analysis](#analysis) at the end." % date)
        add("")
    add("## Targets (reported, not asserted)")
    add("")
    add(md_table(["target", "system", "api", "conns", "measured", "result"],
                 [[t["target"], LABEL.get(t["system"], PROCESS_LABEL.get(t["system"], t["system"])), t["api"],
                   t["conns"] if t["conns"] is not None else "all", t["measured"], "met" if t["met"] else "**MISSED**"]
                  for t in targets]))
    add("")
    missed = [t for t in targets if not t["met"]]
    if missed:
        add("%d of %d target rows missed; see the profiles below for where the service spends its time." % (
            len(missed), len(targets)))
        add("")

    add("## Pre-flight checks")
    add("")
    add("Every system was asked once for speech and a transcript before the load, and each answer checked: status 200, "
        "the upstream's exact audio bytes (TTS), the upstream's transcript (STT); the performance module's cache "
        "answered `X-Voice-Cache: HIT` on a repeated request.")
    add("")
    add(md_table(["system", "check", "result", "detail"],
                 [[LABEL.get(c[0], c[0]), c[1], "ok" if c[2] == "ok" else "**FAIL**", c[3].replace("|", "/")] for c in checks]))
    add("")
    bad = [c for c in cells if c["non2xx"] or c["socket_errors"] or c["wrk_failures"]]
    if bad:
        add("**Errors under load** (wrk: responses with a status >= 400, socket errors and timeouts > 10 s):")
        add("")
        add(md_table(["L", "api", "conns", "system", "requests", "non-2xx", "socket errors/timeouts"],
                     [[c["latency_ms"], c["api"], c["conns"], LABEL[c["system"]], c["requests"], c["non2xx"],
                       c["socket_errors"]] for c in bad]))
    else:
        add("Under load, no system answered a status >= 400 and there were no socket errors or timeouts "
            "(wrk's counts, every measured run).")
    add("")

    add("## Results")
    add("")
    add("![latency against concurrency](%s)" % svg_name)
    add("")
    add("Latency in ms. `errors`: non-2xx answers plus socket errors, all rounds. `upstream/req`: requests the upstream "
        "received per request answered: 1 when every request goes through once (a little more, since wrk stops with up "
        "to `conns` requests in flight that reached the upstream but are not counted as answered), about 0 on the hit "
        "path. `CPU ms/req`: CPU time (user + system) of the system's own process per answered request, the upstream's for direct (the gateways' numbers leave out the upstream's share); `cores`: the same process's CPU use. `other`: the largest CPU use, in "
        "cores, of processes this benchmark did not start, over the cell's rounds (noise from the machine; a run above "
        "%s cores was repeated up to %s times)." % (config.get("noise_cores", 0.3), config.get("max_repeats", 2)))
    add("")
    for lat in config["latencies_ms"]:
        for api in config["apis"]:
            add("### L = %d ms, %s" % (lat, "TTS (/v1/audio/speech)" if api == "tts" else "STT (/v1/audio/transcriptions)"))
            add("")
            rows = []
            for conns in config["concurrency"]:
                for s in SYSTEMS:
                    c = idx.get((lat, api, conns, s))
                    if not c:
                        continue
                    rows.append([conns, LABEL[s], fmt(c["throughput_rps"], 0), fmt_lat(c["p50_ms"]), fmt_lat(c["p90_ms"]),
                                 fmt_lat(c["p99_ms"]), fmt_lat(c["max_ms"]),
                                 fmt(c["overhead_p50_ms"], 2) if s != "direct" else "-",
                                 fmt(c["overhead_p99_ms"], 2) if s != "direct" else "-",
                                 c["non2xx"] + c["socket_errors"], fmt(c["upstream_calls_per_request"], 2),
                                 fmt(c["cpu_ms_per_request"], 3), fmt(c["cpu_cores"], 2),
                                 fmt(c["other_cpu_cores_max"], 2)])
            add(md_table(["conns", "system", "req/s", "p50", "p90", "p99", "max", "overhead p50", "overhead p99",
                          "errors", "upstream/req", "CPU ms/req", "cores", "other"], rows))
            add("")

    add("## Ratios")
    add("")
    add("Overhead ratios are ours / Portkey's overhead over direct (below 1: ours adds less); n/a when Portkey's "
        "overhead is not positive.")
    add("")
    rows = []
    for r in ratios:
        for s in ("ours_off", "ours_miss"):
            x = r.get(s)
            if not x:
                continue
            rows.append([r["latency_ms"], r["api"], r["conns"], LABEL[s], fmt(x["overhead_p50_vs_portkey"], 3),
                         fmt(x["overhead_p99_vs_portkey"], 3), fmt(x["throughput_vs_portkey"], 2),
                         fmt(x["p99_vs_portkey"], 3)])
    add(md_table(["L", "api", "conns", "ours", "overhead p50 ours/Portkey", "overhead p99 ours/Portkey",
                  "throughput ours/Portkey", "p99 ours/Portkey"], rows))
    add("")
    add(md_table(["L", "api", "conns", "hit-path throughput / direct", "hit-path throughput / Portkey"],
                 [[r["latency_ms"], r["api"], r["conns"], fmt(r["hit_throughput_vs_direct"], 2),
                   fmt(r["hit_throughput_vs_portkey"], 2)] for r in ratios]))
    add("")

    add("## Processes: start-up and memory")
    add("")
    add("Start-up: from launching the process to the first 200 of its readiness URL (ours: `/health/ready`; upstream: "
        "`/v1/models`; Portkey: `/`), median of %d start(s). Memory: VmRSS sampled every 100 ms while the process "
        "was under load (peak over every measured run, and the mean of the samples)." % config["startup_samples"])
    add("")
    add(md_table(["process", "start-up to ready (ms)", "samples (ms)", "RSS peak under load (MiB)",
                  "RSS mean under load (MiB)", "JVM heap committed / used at the end (MiB)", "metaspace (MiB)"],
                 [[PROCESS_LABEL[n], fmt(p["startup_ms_median"], 0), ", ".join(str(t) for t in p["startup_ms_samples"]),
                   fmt(p["rss_peak_under_load_mib"], 0), fmt(p["rss_mean_under_load_mib"], 0),
                   "%s / %s" % (fmt(p["heap_at_end"]["heap_committed_mib"], 0), fmt(p["heap_at_end"]["heap_used_mib"], 0))
                   if p.get("heap_at_end") else "-",
                   fmt(p["heap_at_end"]["metaspace_committed_mib"], 0) if p.get("heap_at_end") else "-"]
                  for n, p in procs.items()]))
    add("")

    if profiles:
        add("## Profiles (JFR)")
        add("")
        add("A separate pass after the measurements: `jcmd <pid> JFR.start settings=profile` (Java stacks sampled every "
            "1 ms) on the service, %s s of "
            "load at L = 0 and 32 connections, then the recording summarized: share of CPU samples whose stack contains "
            "each area (inclusive; areas overlap), the hottest frames, and the allocation sites by sampled weight." %
            config.get("profile_seconds", 10))
        add("")
        for name, p in profiles.items():
            if not p:
                continue
            add("### %s" % name)
            add("")
            gc = p.get("gc") or {}
            add("%s requests at %s req/s; the process's CPU: %s ms per request, %s%% of it in the kernel (system time). "
                "Threads started: %s (%s per request)%s. GC: %s collections, %s ms paused in total, longest %s ms. "
                "%d Java CPU samples (JFR samples only threads running Java code, so time in the kernel, in GC and in "
                "the JIT is not in the tables below)." % (
                    p.get("requests", "n/a"), fmt(p.get("throughput_rps"), 0), fmt(p.get("cpu_ms_per_request"), 3),
                    fmt(100 * p["cpu_system_share"] if p.get("cpu_system_share") is not None else None, 0),
                    p.get("threads_started", "n/a"), fmt(p.get("threads_per_request"), 2),
                    (", mostly from `%s`" % p["thread_creators"][0][0]) if p.get("thread_creators") else "",
                    gc.get("count", "n/a"), fmt(gc.get("pause_total_ms"), 1), fmt(gc.get("pause_max_ms"), 1),
                    p["cpu_samples"]))
            add("")
            add(md_table(["area (inclusive)", "share of CPU samples"],
                         [[a, "%.1f%%" % (100 * v)] for a, v in p["areas_inclusive"] if v > 0]))
            add("")
            add(md_table(["hottest frames (self)", "share"], [["`%s`" % k, "%.1f%%" % (100 * v)] for k, v in p["top_self"][:10]]))
            add("")
            add(md_table(["own methods (inclusive)", "share"],
                         [["`%s`" % k, "%.1f%%" % (100 * v)] for k, v in p["top_own_inclusive"][:10]]))
            add("")
            if p.get("top_alloc"):
                add(md_table(["allocated class", "allocation site", "nearest own frame", "share of bytes"],
                             [["`%s`" % k["class"], "`%s`" % k["site"], "`%s`" % k["own_frame"], "%.1f%%" % (100 * v)]
                              for k, v in p["top_alloc"][:8]]))
                add("")

    add("## Machine and settings")
    add("")
    add("- machine: %s cores (`nproc`), %s, %s MiB RAM, %s, kernel %s" % (
        machine.get("nproc"), machine.get("cpu_model"), machine.get("mem_mib"), machine.get("os"), machine.get("kernel")))
    add("- %s; node %s; npm %s; %s; python %s" % ("; ".join(machine.get("java", [])[:2]), machine.get("node"),
                                                  machine.get("npm"), machine.get("wrk"), machine.get("python")))
    add("- service: the distribution in `%s` (its jars built %s; the repository at commit %s%s): %s" % (
        machine.get("dist"), machine.get("dist_built"), machine.get("commit"),
        ", work tree modified" if machine.get("worktree_modified") else "", ", ".join(machine.get("service_jars", []))))
    add("- load: `%s`; the load generator, the upstream and the system under test share the machine's cores" % config["wrk"])
    add("- service JVMs: `bin/voice serve` (%s) with `JAVA_OPTS=%s`; performance off: `%s`; on: `%s`" % (
        config["bin_voice_jvm_flags"], config["service_java_opts"], config["service_env_off"], config["service_env_on"]))
    add("- upstream JVM: `bin/voice mock-provider` with `JAVA_OPTS=%s`" % config["upstream_java_opts"])
    for s, d in config["systems"].items():
        add("- %s: %s" % (LABEL[s], d))
    loads = [r["loadavg_start"] for r in runs if r["kind"] == "measure" and r.get("loadavg_start") is not None]
    others = [r["other_cpu_cores"] for r in runs if r["kind"] == "measure" and r.get("other_cpu_cores") is not None]
    noisy = [r for r in runs if r["kind"] == "noisy"]
    add("- measurements repeated because other processes took CPU during them: %d of %d" % (
        len(noisy), len([r for r in runs if r["kind"] in ("measure", "noisy")])))
    if others:
        add("- machine noise (kept measurements): CPU used by processes the benchmark did not start, per run: median %s cores, max %s; "
            "1-minute load average at the start of runs: median %s, max %s" % (
                fmt(median(others), 2), fmt(max(others), 2), fmt(median(loads), 1), fmt(max(loads), 1)))
    add("")
    if os.path.exists(notes):
        add("## Analysis")
        add("")
        with open(notes) as f:
            L.append(f.read().strip())
        add("")
    with open(path, "w") as f:
        f.write("\n".join(L))


# ----------------------------------------------------------------------------------------------------------
# SVG: p50 (solid) and p99 (dashed) latency against concurrency, one panel per (L, api), log-log

def write_svg(path, cells, config, title):
    idx = cell_index(cells)
    lats, apis, conns = config["latencies_ms"], config["apis"], sorted(config["concurrency"])
    pw, ph, ml, mr, mt, mb = 430, 300, 62, 18, 34, 46
    cols, rows = len(apis), len(lats)
    legend_h = 56
    W, H = cols * (pw + ml + mr) + 10, rows * (ph + mt + mb) + legend_h + 30
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="Helvetica, Arial, sans-serif" font-size="11">' % (W, H, W, H),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="20" font-size="15" font-weight="bold">%s</text>' % (10, esc(title))]
    # legend
    lx, ly = 12, 38
    x = lx
    for s in SYSTEMS:
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2.5"/>' % (x, ly, x + 24, ly, COLOR[s]))
        out.append('<circle cx="%d" cy="%d" r="3.5" fill="%s"/>' % (x + 12, ly, COLOR[s]))
        out.append('<text x="%d" y="%d">%s</text>' % (x + 30, ly + 4, esc(LABEL[s])))
        x += 30 + int(6.3 * len(LABEL[s])) + 22
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333" stroke-width="2"/>' % (lx, ly + 18, lx + 24, ly + 18))
    out.append('<text x="%d" y="%d">p50</text>' % (lx + 30, ly + 22))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333" stroke-width="2" stroke-dasharray="5,3"/>' % (
        lx + 80, ly + 18, lx + 104, ly + 18))
    out.append('<text x="%d" y="%d">p99 (latency in ms, log scale; connections, log scale)</text>' % (lx + 110, ly + 22))
    for ri, lat in enumerate(lats):
        for ci, api in enumerate(apis):
            x0 = ci * (pw + ml + mr) + ml
            y0 = legend_h + 30 + ri * (ph + mt + mb) + mt
            vals = [idx[(lat, api, c, s)][k] for c in conns for s in SYSTEMS for k in ("p50_ms", "p99_ms")
                    if (lat, api, c, s) in idx and idx[(lat, api, c, s)][k]]
            if not vals:
                continue
            lo = 10 ** math.floor(math.log10(max(min(vals), 0.01)))
            hi = 10 ** math.ceil(math.log10(max(vals)))
            if hi <= lo:
                hi = lo * 10
            if len(conns) > 1:
                span = math.log(conns[-1]) - math.log(conns[0])
                xs = {c: x0 + pw * (0.06 + 0.88 * (math.log(c) - math.log(conns[0])) / span) for c in conns}
            else:
                xs = {conns[0]: x0 + pw / 2}

            def y(v):
                return y0 + ph - ph * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
            out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>' % (x0, y0, pw, ph))
            out.append('<text x="%d" y="%d" font-size="13" font-weight="bold">L = %d ms, %s</text>' % (
                x0, y0 - 10, lat, "TTS /v1/audio/speech" if api == "tts" else "STT /v1/audio/transcriptions"))
            decade = lo
            while decade <= hi * 1.0001:
                for m in (1, 2, 5):
                    v = decade * m
                    if lo <= v <= hi * 1.0001:
                        yy = y(v)
                        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s"/>' % (
                            x0, yy, x0 + pw, yy, "#ddd" if m == 1 else "#f0f0f0"))
                        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (x0 - 5, yy + 4, tick(v)))
                decade *= 10
            for c in conns:
                out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eee"/>' % (xs[c], y0, xs[c], y0 + ph))
                out.append('<text x="%.1f" y="%d" text-anchor="middle">%d</text>' % (xs[c], y0 + ph + 15, c))
            out.append('<text x="%d" y="%d" text-anchor="middle">connections</text>' % (x0 + pw / 2, y0 + ph + 32))
            out.append('<text x="%d" y="%d" text-anchor="middle" transform="rotate(-90 %d %d)">latency (ms)</text>' % (
                x0 - 44, y0 + ph / 2, x0 - 44, y0 + ph / 2))
            for s in SYSTEMS:
                for k, dash in (("p50_ms", ""), ("p99_ms", ' stroke-dasharray="5,3"')):
                    pts = [(xs[c], y(idx[(lat, api, c, s)][k])) for c in conns
                           if (lat, api, c, s) in idx and idx[(lat, api, c, s)][k]]
                    if len(pts) > 1:
                        out.append('<polyline fill="none" stroke="%s" stroke-width="%s" points="%s"%s/>' % (
                            COLOR[s], "2.2" if k == "p50_ms" else "1.4",
                            " ".join("%.1f,%.1f" % p for p in pts), dash))
                    if k == "p50_ms":
                        for p in pts:
                            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (p[0], p[1], COLOR[s]))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def tick(v):
    if v >= 1:
        return "%g" % v
    return ("%.3f" % v).rstrip("0")


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ----------------------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--date", required=True)
    args = ap.parse_args()
    work = args.work
    config = load_json(os.path.join(work, "config.json"))
    config.setdefault("profile_seconds", 10)
    machine = load_json(os.path.join(work, "machine.json"))
    checks = []
    with open(os.path.join(work, "checks.tsv")) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4:
                checks.append(parts)
    startup = defaultdict(list)
    with open(os.path.join(work, "startup.tsv")) as f:
        for line in f:
            name, value = line.split()
            startup[name].append(int(value))
    runs = load_runs(work)
    cells = aggregate(runs)
    ratios = compute_ratios(cells)
    procs = process_table(runs, startup, work)
    targets = compute_targets(cells, ratios, procs, config)
    profiles = {}
    by_id = {r["id"]: r for r in runs}
    for prefix in sorted(glob.glob(os.path.join(work, "profiles", "*.cpu.json"))):
        base = prefix[: -len(".cpu.json")]
        name = os.path.basename(base)
        sys_name, api = name.rsplit("-", 1)
        run = None
        if os.path.exists(base + ".run"):
            run = by_id.get(open(base + ".run").read().strip())
        profiles["%s, %s, L = 0, 32 connections" % (LABEL.get(sys_name, sys_name), api.upper())] = summarize_profile(base, run)

    svg_name = "%s-latency.svg" % args.date
    os.makedirs(args.out, exist_ok=True)
    write_svg(os.path.join(args.out, svg_name), cells, config,
              "Voice Platform benchmark %s: latency against concurrency" % args.date)
    compact_runs = [{k: r.get(k) for k in ("id", "kind", "latency_ms", "api", "conns", "system", "round", "rps", "p50_ms",
                                           "p90_ms", "p99_ms", "max_ms", "mean_ms", "requests", "non2xx", "socket_errors",
                                           "upstream_calls", "rss_peak_mib", "cpu_cores", "cpu_ms_per_request",
                                           "cpu_system_share", "wrk_cpu_cores",
                                           "other_cpu_cores", "loadavg_start", "wrk_exit")} for r in runs]
    result = {
        "date": args.date, "config": config, "machine": machine,
        "checks": [{"system": c[0], "check": c[1], "ok": c[2] == "ok", "detail": c[3]} for c in checks],
        "processes": procs, "cells": cells, "ratios": ratios, "targets": targets, "profiles": profiles,
        "runs": compact_runs,
    }
    with open(os.path.join(args.out, "%s.json" % args.date), "w") as f:
        json.dump(result, f, indent=1, default=lambda o: None)
    write_markdown(os.path.join(args.out, "%s.md" % args.date), args.date, config, machine, checks, procs, cells,
                   ratios, targets, profiles, svg_name, runs)


if __name__ == "__main__":
    main()
