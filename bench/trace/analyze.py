#!/usr/bin/env python3
"""Reads the traces that bench/request-path recorded and reports, per case, the io.voiceplatform classes one request
entered (per module) and the module switches along it. Standard library only.

Input, in --work: for each CASE, CASE.tsv (the recording around the request) and idle-CASE.tsv (a recording of the
same length just before it, with no request), as written by the agent: seq, nanos, thread_id, thread, class.
Output, in --out: summary.md, summary.json, and per case CASE/classes.tsv, CASE/threads.tsv, CASE/path.txt and the
raw traces (gzipped). The Markdown table also goes to stdout.

What counts (also in bench/README.md):
- a thread counts when it entered one of our classes during the request's recording and did not do so during the
  idle recording just before it (that is background work: schedulers, pollers), unless it is one of the threads
  that handled the request anyway; see request_threads();
- a class counts once per case, named as the JVM names it (nested and anonymous classes separately); lambda bodies
  are methods of their enclosing class;
- module switches: each counted thread's entries in the order they happened; a switch is two consecutive entries
  of one thread whose classes lie in different modules; the number reported is the sum over the counted threads.
  The count over all counted threads' entries merged in time order (the agent's global sequence number) is in the
  details (switches_merged): it changes by one or two from run to run, because the request thread and the provider's
  HTTP thread run at the same time for a moment and their entries interleave differently.
"""
import argparse
import gzip
import json
import os
import shutil
import sys
from collections import OrderedDict

PREFIX = "io.voiceplatform."
MODULE_OF_PACKAGE = {
    "api": "voice-api",
    "core": "voice-core",
    "performance": "voice-performance",
    "app": "voice-app",
    "tools": "voice-tools",
}
MODULE_ORDER = ["voice-api", "voice-core", "voice-performance", "voice-app", "voice-tools"]


def module_of(cls):
    """The module a class belongs to, from its package alone."""
    if not cls.startswith(PREFIX):
        return "(other)"
    parts = cls[len(PREFIX):].split(".")
    if len(parts) >= 3 and parts[0] == "providers":
        return "voice-providers/" + parts[1]
    if len(parts) >= 2 and parts[0] in MODULE_OF_PACKAGE:
        return MODULE_OF_PACKAGE[parts[0]]
    return "(unmapped) " + PREFIX + parts[0]


def module_sort_key(module):
    if module in MODULE_ORDER:
        return (0, MODULE_ORDER.index(module), module)
    if module.startswith("voice-providers/"):
        return (1, 0, module)
    return (2, 0, module)


def read_trace(path):
    header, entries = "", []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                header = line[1:].strip()
                continue
            if line.startswith("seq\t") or not line:
                continue
            seq, nanos, tid, tname, cls = line.split("\t")
            entries.append((int(seq), int(nanos), int(tid), tname, cls))
    meta = dict(kv.split("=", 1) for kv in header.split() if "=" in kv)
    return meta, entries


def by_thread(entries):
    threads = OrderedDict()
    for e in entries:
        threads.setdefault(e[2], []).append(e)
    return threads


def switches(entries):
    n = 0
    for a, b in zip(entries, entries[1:]):
        if module_of(a[4]) != module_of(b[4]):
            n += 1
    return n


def runs(entries):
    """The thread's path as runs of one module: [(module, entries, distinct classes)]."""
    out = []
    for e in entries:
        m = module_of(e[4])
        if out and out[-1][0] == m:
            out[-1][1] += 1
            out[-1][2].add(e[4])
        else:
            out.append([m, 1, {e[4]}])
    return out


def request_threads(threads, idle_threads):
    """Splits the threads of the request's recording into counted and background ones.

    Background: the thread also entered our classes in the idle recording just before (same length, no request).
    """
    counted, background = OrderedDict(), OrderedDict()
    for tid, entries in threads.items():
        if tid in idle_threads:
            background[tid] = entries
        else:
            counted[tid] = entries
    return counted, background


def analyse(case, work, out):
    meta, entries = read_trace(os.path.join(work, case + ".tsv"))
    idle_meta, idle_entries = read_trace(os.path.join(work, "idle-" + case + ".tsv"))
    if int(meta.get("dropped", "0")) or int(idle_meta.get("dropped", "0")):
        raise SystemExit(f"{case}: the agent dropped entries (buffer full)")
    threads = by_thread(entries)
    idle_threads = by_thread(idle_entries)
    counted, background = request_threads(threads, idle_threads)
    kept = sorted((e for es in counted.values() for e in es), key=lambda e: e[0])
    if background:
        print(f"request-path: {case}: not counted, also active in the idle recording: "
              + ", ".join(f"{es[0][3]} ({len(es)} entries)" for es in background.values()), file=sys.stderr)
    if not kept:
        raise SystemExit(f"{case}: no entry of an {PREFIX}* class recorded around the request "
                         f"(agent: {meta.get('instrumented_classes', '?')} classes instrumented)")

    classes = OrderedDict()
    for e in kept:
        c = classes.setdefault(e[4], {"module": module_of(e[4]), "entries": 0, "first_seq": e[0], "threads": set()})
        c["entries"] += 1
        c["threads"].add(e[3])
    per_module = {}
    for c in classes.values():
        per_module[c["module"]] = per_module.get(c["module"], 0) + 1
    per_thread = []
    for tid, es in counted.items():
        per_thread.append({"thread_id": tid, "thread": es[0][3], "entries": len(es),
                           "classes": len({e[4] for e in es}), "switches": switches(es), "first_seq": es[0][0]})
    per_thread.sort(key=lambda t: t["first_seq"])

    d = os.path.join(out, case)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "classes.tsv"), "w", encoding="utf-8") as f:
        f.write("class\tmodule\tentries\tfirst_seq\tthreads\n")
        for name, c in sorted(classes.items(), key=lambda kv: (module_sort_key(kv[1]["module"]), kv[0])):
            f.write(f"{name}\t{c['module']}\t{c['entries']}\t{c['first_seq']}\t{','.join(sorted(c['threads']))}\n")
    with open(os.path.join(d, "threads.tsv"), "w", encoding="utf-8") as f:
        f.write("thread_id\tthread\tcounted\tentries\tclasses\tswitches\n")
        for t in per_thread:
            f.write(f"{t['thread_id']}\t{t['thread']}\tyes\t{t['entries']}\t{t['classes']}\t{t['switches']}\n")
        for tid, es in background.items():
            f.write(f"{tid}\t{es[0][3]}\tno (also active in the idle recording)\t{len(es)}\t"
                    f"{len({e[4] for e in es})}\t{switches(es)}\n")
    with open(os.path.join(d, "path.txt"), "w", encoding="utf-8") as f:
        f.write(f"# {case}: each counted thread's entries as runs of one module (entries, distinct classes)\n")
        for tid, es in counted.items():
            f.write(f"\nthread {es[0][3]} (id {tid}): {len(es)} entries, {switches(es)} switches\n")
            for m, n, cs in runs(es):
                f.write(f"  {m:<28} {n:>6} entries  {len(cs):>3} classes: {', '.join(sorted(cs))}\n")
    for name in (case + ".tsv", "idle-" + case + ".tsv"):
        with open(os.path.join(work, name), "rb") as src, gzip.open(os.path.join(d, name + ".gz"), "wb") as dst:
            shutil.copyfileobj(src, dst)

    return {
        "case": case,
        "classes": len(classes),
        "per_module": dict(sorted(per_module.items(), key=lambda kv: module_sort_key(kv[0]))),
        "switches": sum(t["switches"] for t in per_thread),
        "switches_merged": switches(kept),
        "entries": len(kept),
        "threads": len(counted),
        "thread_names": [t["thread"] for t in per_thread],
        "background_threads": [es[0][3] for es in background.values()],
        "background_entries": sum(len(es) for es in background.values()),
        "idle_entries": len(idle_entries),
        "instrumented_classes": int(meta.get("instrumented_classes", "0")),
        "instrumentation_errors": int(meta.get("instrumentation_errors", "0")),
        "class_list": sorted(classes, key=lambda n: (module_sort_key(classes[n]["module"]), n)),
    }


def describe(case):
    op, _, perf = case.partition("-perf-")
    return f"{op.upper()}, performance {perf}"


def table(results):
    modules = sorted({m for r in results for m in r["per_module"]}, key=module_sort_key)
    head = ["case", "classes"] + modules + ["module switches", "threads"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for r in results:
        row = [describe(r["case"]), str(r["classes"])] + [str(r["per_module"].get(m, 0)) for m in modules]
        row += [str(r["switches"]), str(r["threads"])]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--label", default="")
    ap.add_argument("cases", nargs="+")
    args = ap.parse_args()
    results = [analyse(c, args.work, args.out) for c in args.cases]
    run = {}
    run_txt = os.path.join(args.out, "run.txt")
    if os.path.exists(run_txt):
        run = dict(l.rstrip("\n").split("=", 1) for l in open(run_txt, encoding="utf-8") if "=" in l)
    tab = table(results)
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump({"run": run, "cases": results}, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "summary.md"), "w", encoding="utf-8") as f:
        f.write(f"# Request path: {args.label or run.get('label', '')}\n\n")
        f.write(f"Distribution `{run.get('dist', '?')}` (its voice-*.jar: sha256 {run.get('voice_jars_sha256', '?')}), "
                f"measured by bench/request-path of commit {run.get('bench_commit', '?')}, {run.get('java', '')}, "
                f"{run.get('warmup_per_operation', '?')} warm-up requests per operation, one recorded cache miss "
                f"per case, openai provider against `voice mock-provider` (answering after "
                f"{run.get('upstream_latency', '?')}).\n\n")
        f.write(tab + "\n\n")
        f.write("Classes: distinct io.voiceplatform classes entered (methods, constructors, lambda bodies) by the "
                "threads that handled the request. Module switches: consecutive entries of one thread whose modules "
                "differ, summed over those threads. See bench/README.md.\n")
        for r in results:
            f.write(f"\n## {describe(r['case'])}\n\n")
            f.write(f"{r['classes']} classes, {r['switches']} module switches "
                    f"({r['switches_merged']} over all its threads' entries merged in time order), "
                    f"{r['entries']} method "
                    f"entries on {r['threads']} thread(s): {', '.join(r['thread_names'])}. ")
            if r["background_threads"]:
                f.write(f"Not counted (background, also active while idle): {', '.join(r['background_threads'])} "
                        f"({r['background_entries']} entries). ")
            f.write(f"Idle recording: {r['idle_entries']} entries.\n\n")
            for name in r["class_list"]:
                f.write(f"- `{name}` ({module_of(name)})\n")
    print(tab)


if __name__ == "__main__":
    sys.exit(main())
