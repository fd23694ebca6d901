#!/usr/bin/env python3
"""Fault drills against the real distribution; started by scripts/fault-drills.sh (see there and docs/reliability.md).

Each drill starts `voice mock-provider` (healthy, 20..50 ms) on a free loopback port and a fresh `voice serve` whose
chains are ["openai", "local"]: the OpenAI plugin pointed at the mock first, the embedded provider as fallback. An
open-loop load (a fixed rate, half STT with a WAV made by `voice speak`, half TTS asking for WAV) runs a warm-up
with the upstream healthy (not counted), then the drill (the fault is played), then a tail with the upstream healthy
again, which gives the time to recover. Standard library only.
"""
import argparse
import datetime
import http.client
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

CHILDREN = []            # Popen objects still to stop
STT_TEXT = "the quick brown fox jumps over the lazy dog"  # what the mock provider always transcribes
GRAMMAR = "hello world, open the door, one two three, what is the weather like today"
DEADLINE_S = 30.0        # voice.limits.processing-timeout (default, not changed here)
LOAD_SOURCE_ADDRESS = "127.0.0.2"
CLIENT_TIMEOUT_S = 45.0  # the load's own limit per request: past the deadline + 1 s, so overruns are seen


# ---------------------------------------------------------------- processes

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def spawn(cmd, log_path, env=None):
    log = open(log_path, "ab")
    p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                         env=env, start_new_session=True)
    log.close()
    CHILDREN.append(p)
    return p


def stop(p, grace=10.0, hard=False):
    if p is None or p.poll() is not None:
        if p in CHILDREN:
            CHILDREN.remove(p)
        return
    try:
        os.killpg(p.pid, signal.SIGKILL if hard else signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        p.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait(timeout=10)
    if p in CHILDREN:
        CHILDREN.remove(p)


def stop_all(*_):
    for p in list(CHILDREN):
        try:
            stop(p, grace=5.0)
        except Exception:  # noqa: BLE001 - best effort on the way out
            pass


def on_signal(signum, _frame):
    stop_all()
    sys.exit(128 + signum)


def wait_http(url, proc, limit=120.0):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {limit:.0f} s")


class Mock:
    def __init__(self, voice, port, log):
        self.voice, self.port, self.log, self.proc = voice, port, log, None

    def start(self, same_port=False):
        """On a port another process took since free_port(), a first start moves to another; a restart insists."""
        for attempt in range(5):
            self.proc = spawn([self.voice, "mock-provider", "--port", str(self.port), "--latency", "20ms..50ms"],
                              self.log, env=dict(os.environ, JAVA_OPTS="-Xmx256m"))
            try:
                wait_http(f"http://127.0.0.1:{self.port}/v1/models", self.proc)
                return
            except RuntimeError:
                stop(self.proc, hard=True)
                if attempt == 4:
                    raise
                if same_port:
                    time.sleep(0.5)
                else:
                    self.port = free_port()

    def kill(self):
        stop(self.proc, hard=True)

    def plan(self, **change):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/mock/plan", data=json.dumps(change).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.status == 204, r.status


# ---------------------------------------------------------------- load

def multipart(wav):
    boundary = "----drill7d3b"
    parts = []
    for name, value in (("model", "whisper-1"), ("response_format", "json")):
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="hello.wav"\r\n'
                 f'Content-Type: audio/wav\r\n\r\n'.encode() + wav + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Load:
    """Open loop: request i starts at start + i / rate on its own thread, whatever the earlier answers."""

    def __init__(self, port, wav, rate):
        self.port, self.rate = port, rate
        self.stt_body, self.stt_type = multipart(wav)
        self.tts_body = json.dumps({"model": "tts-1", "input": "hello world", "voice": "alloy",
                                    "response_format": "wav"}).encode()
        self.results = []
        self.lock = threading.Lock()
        self.threads = []
        self.conns = {}
        self.t0 = None

    def one(self, i, op, phase):
        sent = time.monotonic()
        rec = {"i": i, "op": op, "phase": phase, "sent": sent - self.t0, "status": None, "provider": None,
               "ok": False, "error": None, "latency": None}
        # The clients under test connect from 127.0.0.2 and the hostile connections from 127.0.0.1, as two machines
        # would: the service caps connections per client address (voice.server.max-connections-per-client).
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=CLIENT_TIMEOUT_S,
                                          source_address=(LOAD_SOURCE_ADDRESS, 0))
        with self.lock:
            self.conns[i] = conn
        try:
            if op == "stt":
                conn.request("POST", "/v1/audio/transcriptions", body=self.stt_body,
                             headers={"Content-Type": self.stt_type})
            else:
                conn.request("POST", "/v1/audio/speech", body=self.tts_body,
                             headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            body = resp.read()
            rec["latency"] = time.monotonic() - sent
            rec["status"] = resp.status
            rec["provider"] = resp.getheader("X-Voice-Provider")
            rec["ok"], rec["error"] = judge(op, resp, body)
        except socket.timeout:
            rec["error"] = "client timeout"
        except Exception as e:  # noqa: BLE001 - every failure is recorded
            rec["error"] = type(e).__name__ + (f": {e}" if str(e) else "")
        finally:
            if rec["latency"] is None:
                rec["latency"] = time.monotonic() - sent
            conn.close()
            with self.lock:
                self.conns.pop(i, None)
                self.results.append(rec)

    def run(self, phases):
        """phases: [(name, seconds)]; returns when the last request is sent."""
        self.t0 = time.monotonic()
        i, start = 0, self.t0
        for name, seconds in phases:
            end = start + seconds
            while True:
                due = self.t0 + i / self.rate
                if due >= end:
                    break
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                t = threading.Thread(target=self.one, args=(i, "stt" if i % 2 == 0 else "tts", name), daemon=True)
                t.start()
                self.threads.append(t)
                i += 1
            start = end

    def finish(self):
        end = time.monotonic() + CLIENT_TIMEOUT_S + 5
        for t in self.threads:
            t.join(max(0.0, end - time.monotonic()))
        with self.lock:
            for c in self.conns.values():
                try:
                    c.close()
                except Exception:  # noqa: BLE001
                    pass


def judge(op, resp, body):
    if resp.status != 200:
        return False, f"HTTP {resp.status}"
    provider = resp.getheader("X-Voice-Provider")
    if not provider:
        return False, "no X-Voice-Provider"
    if op == "stt":
        try:
            text = json.loads(body).get("text")
        except Exception:  # noqa: BLE001
            return False, "STT body not JSON"
        if not isinstance(text, str) or not text.strip():
            return False, "STT empty transcript"
        if provider == "openai" and text != STT_TEXT:
            return False, "STT transcript not the upstream's"
        return True, None
    ctype = (resp.getheader("Content-Type") or "").lower()
    if len(body) <= 44 or body[:4] != b"RIFF" or body[8:12] != b"WAVE":
        return False, "TTS body not a WAV"
    if "wav" not in ctype:
        return False, f"TTS content type {ctype}"
    return True, None


# ---------------------------------------------------------------- hostile connections

class Crawlers:
    """Many connections that send their request a few bytes at a time (one selector thread)."""

    def __init__(self, port, count, head, body, chunk, every, connect_rate=500):
        self.port, self.count, self.chunk, self.every, self.connect_rate = port, count, chunk, every, connect_rate
        self.data = head + body
        self.stats = {"opened": 0, "connect_failed": 0, "answered": {}, "closed_unanswered": 0,
                      "still_open_at_end": 0, "completed_sending": 0, "close_times": []}
        self.stop_evt = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def start(self):
        self.thread.start()

    def loop(self):
        sel = selectors.DefaultSelector()
        conns = {}
        t0 = time.monotonic()
        opened = 0
        next_send = {}
        while not self.stop_evt.is_set():
            now = time.monotonic()
            want = min(self.count, int((now - t0) * self.connect_rate) + 1)
            while opened < want:
                opened += 1
                s = socket.socket()
                s.setblocking(False)
                try:
                    s.connect_ex(("127.0.0.1", self.port))
                except OSError:
                    self.stats["connect_failed"] += 1
                    s.close()
                    continue
                conns[s] = {"sent": 0, "opened": now}
                next_send[s] = now + 0.2
                sel.register(s, selectors.EVENT_READ)
                self.stats["opened"] += 1
            for s in list(conns):
                st = conns[s]
                if now >= next_send[s] and st["sent"] < len(self.data):
                    try:
                        n = s.send(self.data[st["sent"]:st["sent"] + self.chunk])
                        st["sent"] += n
                        if st["sent"] >= len(self.data):
                            self.stats["completed_sending"] += 1
                    except BlockingIOError:
                        pass
                    except OSError:
                        self.closed(sel, conns, s, None)
                        continue
                    next_send[s] = now + self.every
            for key, _ in sel.select(timeout=0.05):
                s = key.fileobj
                if s not in conns:
                    continue
                try:
                    got = s.recv(4096)
                except BlockingIOError:
                    continue
                except OSError:
                    got = b""
                if got:
                    line = got.split(b"\r\n", 1)[0].decode("latin-1", "replace")
                    parts = line.split(" ")
                    status = parts[1] if len(parts) > 1 and parts[0].startswith("HTTP/") else "garbage"
                    self.closed(sel, conns, s, status)
                else:
                    self.closed(sel, conns, s, None)
        self.stats["still_open_at_end"] = len(conns)
        for s in list(conns):
            sel.unregister(s)
            s.close()
        sel.close()

    def closed(self, sel, conns, s, status):
        st = conns.pop(s)
        sel.unregister(s)
        s.close()
        if status is None:
            self.stats["closed_unanswered"] += 1
        else:
            self.stats["answered"][status] = self.stats["answered"].get(status, 0) + 1
        self.stats["close_times"].append(time.monotonic() - st["opened"])

    def finish(self):
        self.stop_evt.set()
        self.thread.join(10)
        times = sorted(self.stats.pop("close_times"))
        self.stats["closed_by_server"] = len(times)
        self.stats["seconds_to_close_median"] = round(times[len(times) // 2], 1) if times else None
        self.stats["seconds_to_close_max"] = round(times[-1], 1) if times else None
        return self.stats


# ---------------------------------------------------------------- resources

class Sampler:
    def __init__(self, port, pid):
        self.port, self.pid = port, pid
        self.peak_heap = 0
        self.peak_threads = 0
        self.peak_fds = 0
        self.metrics_failures = 0
        self.stop_evt = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self):
        while not self.stop_evt.wait(1.0):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=3) as r:
                    heap = sum(float(line.rsplit(" ", 1)[1]) for line in r.read().decode().splitlines()
                               if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line)
                self.peak_heap = max(self.peak_heap, heap)
            except Exception:  # noqa: BLE001 - counted: the service too busy to be scraped
                self.metrics_failures += 1
            status = proc_status(self.pid)
            self.peak_threads = max(self.peak_threads, int(status.get("Threads", "0")))
            try:
                self.peak_fds = max(self.peak_fds, len(os.listdir(f"/proc/{self.pid}/fd")))
            except OSError:
                pass

    def start(self):
        self.thread.start()

    def finish(self):
        self.stop_evt.set()
        self.thread.join(10)
        hwm = proc_status(self.pid).get("VmHWM", "0 kB").split()[0]
        return {"peak_heap_mb": round(self.peak_heap / 2 ** 20, 1), "peak_rss_mb": round(int(hwm) / 1024, 1),
                "peak_threads": self.peak_threads, "peak_fds": self.peak_fds,
                "metrics_scrapes_failed": self.metrics_failures}


def proc_status(pid):
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                out[k] = v.strip()
    except OSError:
        pass
    return out


# ---------------------------------------------------------------- drills

DRILLS = [
    ("none", "0. no fault (reference)"),
    ("hang", "1. upstream accepts and never answers (hang), whole drill"),
    ("kill", "2. upstream killed for the middle third, restarted on the same port"),
    ("drip", "3. upstream drips its answer (1 byte/s)"),
    ("malformed", "4a. upstream answers 200 with malformed JSON"),
    ("wrong-type", "4b. upstream answers 200 with text/html"),
    ("empty", "4c. upstream answers 200 with an empty body"),
    ("slow-uploads", "5. 64 clients drip their upload body (4 bytes/s each), upstream healthy"),
    ("slow-headers", "6. 1,000 connections send their headers 1 byte/s, upstream healthy"),
]


def service_conf(mock_port):
    return f"""voice.stt.providers = ["openai", "local"]
voice.tts.providers = ["openai", "local"]
voice.providers.openai.enabled = true
voice.providers.openai.api-key = "sk-drill"
voice.providers.openai.base-url = "http://127.0.0.1:{mock_port}/v1"
voice.providers.local.grammar = "{GRAMMAR}"
voice.server.rate-limit.per-minute = 1000000
"""


def percentile(values, p):
    if not values:
        return None
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def run_drill(name, title, args, voice, wav, work, out):
    print(f"fault-drills: {title}", flush=True)
    logs = os.path.join(work, name)
    os.makedirs(logs, exist_ok=True)
    mock_port, port = free_port(), free_port()
    mock = Mock(voice, mock_port, os.path.join(logs, "mock.log"))
    mock.start()
    conf = os.path.join(logs, "service.conf")
    with open(conf, "w") as f:
        f.write(service_conf(mock.port))
    crawlers = None
    service = None
    try:
        for attempt in range(3):
            service = spawn([voice, "--config", conf, "serve", "--port", str(port)], os.path.join(logs, "service.log"))
            try:
                wait_http(f"http://127.0.0.1:{port}/health", service)
                break
            except RuntimeError:
                stop(service, hard=True)
                if attempt == 2:
                    raise
                port = free_port()
        sampler = Sampler(port, service.pid)
        sampler.start()
        seconds = args.seconds
        warmup, tail = args.warmup, max(10.0, seconds / 4.0)
        load = Load(port, wav, args.rate)
        timeline = {}
        loader = threading.Thread(target=load.run, args=([("warmup", warmup), ("drill", seconds), ("tail", tail)],),
                                  daemon=True)
        loader.start()
        while load.t0 is None:
            time.sleep(0.01)
        at = lambda s: time.sleep(max(0.0, load.t0 + s - time.monotonic()))  # noqa: E731
        at(warmup)
        timeline["fault_start"] = time.monotonic() - load.t0
        if name in ("hang", "drip", "malformed", "wrong-type", "empty"):
            mock.plan(mode=name, fail_rate=1.0)
        elif name == "slow-uploads":
            body, ctype = load.stt_body, load.stt_type
            head = (f"POST /v1/audio/transcriptions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                    f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
            crawlers = Crawlers(port, 64, head, body, chunk=4, every=1.0)
            crawlers.start()
        elif name == "slow-headers":
            head = (f"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                    + "".join(f"X-Slow-{k}: {'abcdefgh' * 4}\r\n" for k in range(40)) + "\r\n").encode()
            crawlers = Crawlers(port, 1000, head, b"", chunk=1, every=1.0)
            crawlers.start()
        if name == "kill":
            at(warmup + seconds / 3.0)
            timeline["upstream_killed"] = time.monotonic() - load.t0
            mock.kill()
            at(warmup + 2 * seconds / 3.0)
            timeline["upstream_restart_begun"] = time.monotonic() - load.t0
            mock.start(same_port=True)
            heal = time.monotonic() - load.t0
        else:
            at(warmup + seconds)
            if name in ("hang", "drip", "malformed", "wrong-type", "empty"):
                mock.plan(fail_rate=0.0)
            heal = time.monotonic() - load.t0
        timeline["upstream_healthy_again"] = heal
        at(warmup + seconds + tail)
        hostile = crawlers.finish() if crawlers else None
        crawlers = None
        loader.join()
        load.finish()
        resources = sampler.finish()
        timeline = {k: round(v, 2) for k, v in timeline.items()}
        with open(os.path.join(logs, "requests.jsonl"), "w") as f:
            for r in sorted(load.results, key=lambda r: r["i"]):
                f.write(json.dumps(r) + "\n")
        return summarize(name, title, load.results, heal, timeline, resources, hostile, seconds, warmup, tail,
                         service.pid)
    finally:
        if crawlers:
            crawlers.finish()
        stop(service, grace=40.0)
        mock.kill()


def summarize(name, title, results, heal, timeline, resources, hostile, seconds, warmup, tail, pid):
    counted = [r for r in results if r["phase"] != "warmup"]
    warm = [r for r in results if r["phase"] == "warmup"]
    lost = [r for r in counted if not r["ok"]]
    ok = [r for r in counted if r["ok"]]
    errors = {}
    for r in lost:
        errors[r["error"]] = errors.get(r["error"], 0) + 1
    by_op = {}
    for op in ("stt", "tts"):
        rs = [r for r in counted if r["op"] == op]
        by_op[op] = {"sent": len(rs), "lost": sum(1 for r in rs if not r["ok"]),
                     "fallback": sum(1 for r in rs if r["ok"] and r["provider"] != "openai"),
                     "p99_ms": ms(percentile([r["latency"] for r in rs if r["ok"]], 99)),
                     "openai_p50_ms": ms(percentile([r["latency"] for r in rs if r["ok"] and r["provider"] == "openai"], 50)),
                     "fallback_p50_ms": ms(percentile([r["latency"] for r in rs if r["ok"] and r["provider"] != "openai"], 50)),
                     "fallback_p99_ms": ms(percentile([r["latency"] for r in rs if r["ok"] and r["provider"] != "openai"], 99))}
    # Recovery: from the upstream being healthy again to the first request sent after it from which on every
    # answer came from openai, correct.
    recovery = recovery_time(results, heal)
    for op in ("stt", "tts"):
        by_op[op]["recovery_s"] = recovery_time([r for r in results if r["op"] == op], heal)
    latencies = [r["latency"] for r in counted]
    return {
        "drill": name, "title": title, "service_pid": pid,
        "seconds": {"warmup_not_counted": warmup, "drill": seconds, "tail": tail},
        "timeline_s": timeline,
        "warmup": {"sent": len(warm), "lost": sum(1 for r in warm if not r["ok"])},
        "sent": len(counted), "lost": len(lost), "lost_by_reason": errors,
        "fallback": sum(1 for r in ok if r["provider"] != "openai"),
        "during_fault": fault_window(counted, name, timeline, seconds, warmup),
        "p99_ms": ms(percentile([r["latency"] for r in ok], 99)),
        "max_wait_ms": ms(max(latencies) if latencies else None),
        "over_deadline_plus_1s": sum(1 for r in counted if r["latency"] > DEADLINE_S + 1),
        "recovery_s": recovery,
        "by_op": by_op,
        "resources": resources,
        "hostile_connections": hostile,
    }


def recovery_time(results, heal):
    """Seconds from heal to the first request sent after it from which on every answer is a correct one from openai."""
    after = sorted((r for r in results if r["sent"] >= heal), key=lambda r: r["sent"])
    k = len(after)
    while k > 0 and after[k - 1]["ok"] and after[k - 1]["provider"] == "openai":
        k -= 1
    if k == len(after):
        return None
    return round(after[k]["sent"] - heal, 2) if k > 0 else 0.0


def fault_window(counted, name, timeline, seconds, warmup):
    if name == "kill":
        lo, hi = timeline["upstream_killed"], timeline["upstream_healthy_again"]
    else:
        lo, hi = warmup, warmup + seconds
    rs = [r for r in counted if lo <= r["sent"] < hi]
    return {"from_s": round(lo, 2), "to_s": round(hi, 2), "sent": len(rs), "lost": sum(1 for r in rs if not r["ok"]),
            "fallback": sum(1 for r in rs if r["ok"] and r["provider"] != "openai")}


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


# ---------------------------------------------------------------- report

def markdown(report):
    a = report["settings"]
    lines = [f"# Fault drills, {report['date']}", "",
             f"`{report['command']}`: {a['seconds']} s per drill (+{a['warmup']} s warm-up not counted, "
             f"+ a tail of max(10 s, drill/4) with the upstream healthy), {a['rate']} requests/s (half STT, half "
             f"TTS), chains [openai, local], the openai provider pointed at `voice mock-provider` (20..50 ms). "
             f"Machine: {report['machine']}.", "",
             "| drill | sent | lost | fallback | p99 of survivors ms | max wait ms | over 31 s | peak heap MB | "
             "peak RSS MB | recovery s (STT, TTS) | lost during fault / sent |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for d in report["drills"]:
        if "error" in d:
            lines.append(f"| {d['title']} | drill failed: {d['error']} |" + " |" * 9)
            continue
        r, f = d["resources"], d["during_fault"]
        rec = "not recovered" if d["recovery_s"] is None else f"{d['recovery_s']}"
        if "recovery_s" in d["by_op"]["stt"]:
            rec += " (STT {}, TTS {})".format(*("-" if d["by_op"][op]["recovery_s"] is None else d["by_op"][op]["recovery_s"]
                                                 for op in ("stt", "tts")))
        if d["drill"] in ("none", "slow-uploads", "slow-headers"):
            rec = "n/a"
        lines.append(f"| {d['title']} | {d['sent']} | {d['lost']} | {d['fallback']} | {d['p99_ms']} | "
                     f"{d['max_wait_ms']} | {d['over_deadline_plus_1s']} | {r['peak_heap_mb']} | {r['peak_rss_mb']} | "
                     f"{rec} | {f['lost']} / {f['sent']} |")
    lines += ["", "Lost, by reason:", ""]
    for d in report["drills"]:
        if d.get("lost_by_reason"):
            reasons = ", ".join(f"{k}: {v}" for k, v in sorted(d["lost_by_reason"].items(), key=lambda kv: -kv[1]))
            lines.append(f"- {d['drill']}: {reasons}")
    hostile = [d for d in report["drills"] if d.get("hostile_connections")]
    if hostile:
        lines += ["", "Hostile connections:", "", "| drill | opened | answered by the server | closed unanswered | "
                  "still open at the end | median / max s to close |", "|---|---|---|---|---|---|"]
        for d in hostile:
            h = d["hostile_connections"]
            answered = ", ".join(f"{k}: {v}" for k, v in sorted(h["answered"].items())) or "none"
            lines.append(f"| {d['drill']} | {h['opened']} | {answered} | {h['closed_unanswered']} | "
                         f"{h['still_open_at_end']} | "
                         + (f"{h['seconds_to_close_median']} / {h['seconds_to_close_max']} |" if h["closed_by_server"] else "none closed |"))
    lines += ["", "Targets:", ""]
    for t in report["targets"]:
        lines.append(f"- {t['target']}: **{'met' if t['met'] else 'NOT met'}** ({t['detail']})")
    return "\n".join(lines) + "\n"


def targets(drills):
    ok = [d for d in drills if "error" not in d]
    out = []
    lost = {d["drill"]: d["lost"] for d in ok}
    out.append({"target": "0 lost wherever a healthy fallback exists (every drill)",
                "met": all(v == 0 for v in lost.values()), "detail": ", ".join(f"{k} {v}" for k, v in lost.items())})
    over = {d["drill"]: d["over_deadline_plus_1s"] for d in ok}
    out.append({"target": f"no client waits longer than the deadline ({DEADLINE_S:.0f} s) + 1 s",
                "met": all(v == 0 for v in over.values()),
                "detail": ", ".join(f"{d['drill']} max {d['max_wait_ms']} ms" for d in ok)})
    slow = [d for d in ok if d["drill"] == "slow-uploads"]
    if slow:
        s = slow[0]
        rate = 100.0 * (s["sent"] - s["lost"]) / s["sent"] if s["sent"] else 0.0
        out.append({"target": "other clients' success >= 99 % while 64 slow uploads attack", "met": rate >= 99.0,
                    "detail": f"{rate:.1f} %"})
    heads = [d for d in ok if d["drill"] == "slow-headers"]
    if heads:
        s = heads[0]
        rate = 100.0 * (s["sent"] - s["lost"]) / s["sent"] if s["sent"] else 0.0
        out.append({"target": "other clients' success >= 99 % while 1,000 slow-header connections attack",
                    "met": rate >= 99.0, "detail": f"{rate:.1f} %"})
    rec = {d["drill"]: d["recovery_s"] for d in ok if d["drill"] not in ("none", "slow-uploads", "slow-headers")}
    out.append({"target": "recovery within 5 s of the upstream returning",
                "met": all(v is not None and v <= 5 for v in rec.values()),
                "detail": ", ".join(f"{k} {'not recovered' if v is None else f'{v} s'}" for k, v in rec.items())})
    return out


def main():
    ap = argparse.ArgumentParser(prog="scripts/fault-drills.sh")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--dist", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--rate", type=float, default=20.0)
    ap.add_argument("--warmup", type=float, default=5.0)
    ap.add_argument("--only", default="", help="comma-separated drill names")
    ap.add_argument("--command", default="scripts/fault-drills.sh")
    args = ap.parse_args()
    if args.quick:
        args.seconds = 10.0
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)
    voice = os.path.join(args.dist, "bin", "voice")
    os.makedirs(args.out, exist_ok=True)
    work = os.path.join(args.out, "logs")
    os.makedirs(work, exist_ok=True)
    wav = os.path.join(work, "hello.wav")
    subprocess.run([voice, "speak", "hello world", "-o", wav], check=True, timeout=120,
                   stdout=subprocess.DEVNULL)
    with open(wav, "rb") as f:
        wav_bytes = f.read()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    drills = []
    try:
        for name, title in DRILLS:
            if only and name not in only:
                continue
            try:
                drills.append(run_drill(name, title, args, voice, wav_bytes, work, args.out))
            except Exception as e:  # noqa: BLE001 - one broken drill does not stop the others
                drills.append({"drill": name, "title": title, "error": f"{type(e).__name__}: {e}"})
            d = drills[-1]
            print(f"fault-drills:   {json.dumps({k: d.get(k) for k in ('sent', 'lost', 'fallback', 'p99_ms', 'max_wait_ms', 'recovery_s', 'error') if k in d})}",
                  flush=True)
    finally:
        stop_all()
    load = os.getloadavg()
    report = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "command": args.command,
              "machine": f"{os.cpu_count()} cores, load average {load[0]:.1f} at the end (shared with other builds)",
              "settings": {"seconds": args.seconds, "warmup": args.warmup, "rate": args.rate,
                           "deadline_s": DEADLINE_S, "client_timeout_s": CLIENT_TIMEOUT_S, "grammar": GRAMMAR,
                           "wav_bytes": len(wav_bytes)},
              "drills": drills}
    report["targets"] = targets(drills)
    with open(os.path.join(args.out, "fault-drills.json"), "w") as f:
        json.dump(report, f, indent=2)
    md = markdown(report)
    with open(os.path.join(args.out, "fault-drills.md"), "w") as f:
        f.write(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
