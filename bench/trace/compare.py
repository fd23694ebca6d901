#!/usr/bin/env python3
"""Compares two bench/request-path results (e.g. before and after a refactor, or two runs of the same code).

Usage: bench/trace/compare.py DIR_A DIR_B
Prints, per case, classes and module switches of A -> B, per module, and the classes only one of them entered.
Exit status 0 when every count and class list is the same, 1 when anything differs, 2 on bad input.
"""
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from analyze import describe, module_sort_key  # noqa: E402


def load(d):
    path = os.path.join(d, "summary.json")
    if not os.path.exists(path):
        print(f"compare: no summary.json in {d}", file=sys.stderr)
        sys.exit(2)
    with open(path, encoding="utf-8") as f:
        return {c["case"]: c for c in json.load(f)["cases"]}


def arrow(a, b):
    return str(a) if a == b else f"{a} → {b}"


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    a, b = load(sys.argv[1]), load(sys.argv[2])
    cases = [c for c in a if c in b]
    modules = sorted({m for r in list(a.values()) + list(b.values()) for m in r["per_module"]}, key=module_sort_key)
    head = ["case", "classes"] + modules + ["module switches", "threads"]
    print(f"A = {sys.argv[1]}\nB = {sys.argv[2]}\n")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    differ = False
    for c in cases:
        ra, rb = a[c], b[c]
        row = [describe(c), arrow(ra["classes"], rb["classes"])]
        row += [arrow(ra["per_module"].get(m, 0), rb["per_module"].get(m, 0)) for m in modules]
        row += [arrow(ra["switches"], rb["switches"]), arrow(ra["threads"], rb["threads"])]
        print("| " + " | ".join(row) + " |")
        differ |= any("→" in x for x in row[1:]) or set(ra["class_list"]) != set(rb["class_list"])
    for c in cases:
        only_a = sorted(set(a[c]["class_list"]) - set(b[c]["class_list"]))
        only_b = sorted(set(b[c]["class_list"]) - set(a[c]["class_list"]))
        if only_a or only_b:
            print(f"\n{describe(c)}:")
            for n in only_a:
                print(f"  - {n}")
            for n in only_b:
                print(f"  + {n}")
    for c in sorted(set(a) ^ set(b)):
        print(f"\n{c}: only in {'A' if c in a else 'B'}")
        differ = True
    print("\nsame counts and classes" if not differ else "\ndifferent")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
