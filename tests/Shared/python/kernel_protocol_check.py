"""Drives a Jupyter kernel with jupyter_client and checks every message's shape.

In the manner of jupyter_kernel_test: headers (msg_id, session, username, date, msg_type, version 5.3),
parent headers, signatures (jupyter_client's Session refuses badly signed messages), busy/idle pairs
and execution counts, for every request the Mallard kernel serves.

Usage:
  kernel_protocol_check.py --snippets FILE (--connection-file FILE | --kernel-name NAME) [--only a,b]

The snippets file is JSON giving the code to run for each check (see the tests that call this).
Prints "PASS <check>" or "FAIL <check>: <why>" per check; exits 1 if any failed.
"""
import argparse
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import time
import traceback

import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.manager import KernelManager

HEADER_KEYS = {"msg_id", "session", "username", "date", "msg_type", "version"}


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def check_header(msg, msg_type=None):
    header = msg["header"]
    missing = HEADER_KEYS - set(header)
    expect(not missing, f"{header.get('msg_type')} header lacks {sorted(missing)}")
    expect(header["version"] == "5.3", f"header version {header['version']!r}, not '5.3'")
    expect(isinstance(header["date"], datetime.datetime), f"header date {header['date']!r} is not an ISO 8601 date jupyter_client parses")
    expect(header["date"].tzinfo is not None, "header date has no time zone")
    if msg_type:
        expect(header["msg_type"] == msg_type, f"expected {msg_type}, got {header['msg_type']}")
    expect(isinstance(msg["metadata"], dict), "metadata is not an object")


class Checker:
    def __init__(self, kc, km, snippets, timeout):
        self.kc = kc
        self.km = km
        self.s = snippets
        self.timeout = timeout
        self.count = None
        self.results = []

    # -- helpers --------------------------------------------------------------------------------
    def drain_iopub(self):
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.2)
            except Exception:
                return

    def iopub_for(self, msg_id, timeout=None, busy_seen=False):
        """IOPub messages parented to msg_id, from busy to idle, checking the pair."""
        timeout = timeout or self.timeout
        deadline = time.time() + timeout
        seen = []
        while time.time() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=max(0.05, deadline - time.time()))
            except Exception:
                break
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            check_header(msg)
            seen.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                expect(busy_seen or seen[0]["msg_type"] == "status" and seen[0]["content"]["execution_state"] == "busy",
                       f"first IOPub message for the request was {seen[0]['msg_type']}, not status busy")
                return seen
        raise CheckFailed(f"no idle for request {msg_id} within {timeout} s (got {[m['msg_type'] for m in seen]})")

    def iopub_until(self, msg_id, accept, timeout=60):
        """The first IOPub message of request msg_id that accept() takes (others are passed over), or None after timeout s."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                m = self.kc.get_iopub_msg(timeout=0.5)
            except Exception:
                continue
            if m["parent_header"].get("msg_id") == msg_id and accept(m):
                return m
        return None

    def shell_reply(self, msg_id, timeout=None):
        timeout = timeout or self.timeout
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.kc.get_shell_msg(timeout=max(0.05, deadline - time.time()))
            if reply["parent_header"].get("msg_id") == msg_id:
                check_header(reply)
                return reply
        raise CheckFailed(f"no reply to {msg_id} within {timeout} s")

    def control_request(self, msg_type, content=None, timeout=None):
        msg = self.kc.session.msg(msg_type, content or {})
        self.kc.control_channel.send(msg)
        deadline = time.time() + (timeout or self.timeout)
        while time.time() < deadline:
            reply = self.kc.get_control_msg(timeout=max(0.05, deadline - time.time()))
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                check_header(reply, msg_type.replace("_request", "_reply"))
                return msg, reply
        raise CheckFailed(f"no {msg_type} reply on control")

    def execute(self, code, timeout=None, **kwargs):
        msg_id = self.kc.execute(code, **kwargs)
        reply = self.shell_reply(msg_id, timeout)
        check_header(reply, "execute_reply")
        outputs = self.iopub_for(msg_id, timeout)
        content = reply["content"]
        expect("status" in content and "execution_count" in content, f"execute_reply lacks status or execution_count: {content}")
        return reply, outputs

    def outputs_of(self, outputs, *types):
        return [m for m in outputs if m["msg_type"] in types]

    def run(self, name, fn):
        try:
            fn()
            print(f"PASS {name}", flush=True)
            self.results.append(True)
        except Exception as e:  # noqa: BLE001 - every failure is reported
            detail = str(e) if isinstance(e, CheckFailed) else traceback.format_exc()
            print(f"FAIL {name}: {detail}", flush=True)
            self.results.append(False)
            self.drain_iopub()

    # -- checks ----------------------------------------------------------------------------------
    def kernel_info(self):
        msg_id = self.kc.kernel_info()
        reply = self.shell_reply(msg_id)
        check_header(reply, "kernel_info_reply")
        c = reply["content"]
        for key in ("status", "protocol_version", "implementation", "implementation_version", "language_info", "banner", "help_links"):
            expect(key in c, f"kernel_info_reply lacks {key}")
        expect(c["protocol_version"] == "5.3", f"protocol_version {c['protocol_version']}")
        li = c["language_info"]
        expect(li["name"] == "csharp" and li["file_extension"].startswith("."), f"language_info {li}")
        expect(reply["parent_header"]["msg_id"] == msg_id, "parent header is not the request's")
        statuses = self.iopub_for(msg_id)
        expect([m["content"]["execution_state"] for m in statuses] == ["busy", "idle"], "kernel_info IOPub is not exactly busy, idle")

    def kernel_info_on_control(self):
        request, reply = self.control_request("kernel_info_request")
        expect(reply["content"]["status"] == "ok", f"control kernel_info status {reply['content']['status']}")
        self.iopub_for(request["header"]["msg_id"])

    def execute_result(self):
        before = self.current_count()
        reply, outputs = self.execute(self.s["result"]["code"])
        c = reply["content"]
        expect(c["status"] == "ok", f"status {c['status']}: {c}")
        expect(c["execution_count"] == before + 1, f"execution_count {c['execution_count']} after {before}")
        inputs = self.outputs_of(outputs, "execute_input")
        expect(len(inputs) == 1 and inputs[0]["content"]["code"] == self.s["result"]["code"], "execute_input missing or wrong")
        expect(inputs[0]["content"]["execution_count"] == c["execution_count"], "execute_input's count differs from the reply's")
        results = self.outputs_of(outputs, "execute_result")
        expect(len(results) == 1, f"{len(results)} execute_result messages")
        r = results[0]["content"]
        expect(r["execution_count"] == c["execution_count"], "execute_result's count differs")
        expect("text/plain" in r["data"] and isinstance(r["metadata"], dict), f"execute_result data {list(r['data'])}")
        expect(self.s["result"]["expect"] in r["data"]["text/plain"], f"result text {r['data']['text/plain']!r}")
        self.count = c["execution_count"]

    def current_count(self):
        if self.count is None:
            reply, _ = self.execute(self.s["noop"])
            self.count = reply["content"]["execution_count"]
        return self.count

    def stream(self):
        reply, outputs = self.execute(self.s["stream"]["code"])
        expect(reply["content"]["status"] == "ok", f"status {reply['content']}")
        text = "".join(m["content"]["text"] for m in self.outputs_of(outputs, "stream") if m["content"]["name"] == "stdout")
        expect(self.s["stream"]["expect"] in text, f"stdout {text!r}")
        self.count = reply["content"]["execution_count"]

    def display(self):
        reply, outputs = self.execute(self.s["display"]["code"])
        expect(reply["content"]["status"] == "ok", f"status {reply['content']}")
        displays = self.outputs_of(outputs, "display_data", "execute_result")
        mimes = set().union(*(m["content"]["data"].keys() for m in displays)) if displays else set()
        for mime in self.s["display"]["mimes"]:
            expect(mime in mimes, f"no {mime} among {sorted(mimes)}")
        for m in displays:
            expect(isinstance(m["content"]["metadata"], dict), "display without metadata")
        self.count = reply["content"]["execution_count"]

    def error(self):
        before = self.current_count()
        reply, outputs = self.execute(self.s["error"]["code"])
        c = reply["content"]
        expect(c["status"] == "error", f"status {c['status']}")
        for key in ("ename", "evalue", "traceback", "execution_count"):
            expect(key in c, f"error reply lacks {key}")
        expect(c["execution_count"] == before + 1, f"execution_count {c['execution_count']} after {before}")
        errors = self.outputs_of(outputs, "error")
        expect(len(errors) == 1, f"{len(errors)} error messages on IOPub")
        expect(isinstance(errors[0]["content"]["traceback"], list), "traceback is not a list")
        expect(self.s["error"]["expect"] in (c["ename"] + " " + c["evalue"]), f"error {c['ename']}: {c['evalue']}")
        self.count = c["execution_count"]

    def silent(self):
        before = self.current_count()
        reply, outputs = self.execute(self.s["stream"]["code"], silent=True)
        expect(reply["content"]["status"] == "ok", f"status {reply['content']}")
        expect(reply["content"]["execution_count"] == before, "a silent execution changed the count")
        types = [m["msg_type"] for m in outputs]
        expect(types == ["status", "status"], f"a silent execution published {types}")
        reply, _ = self.execute(self.s["noop"], store_history=False)
        expect(reply["content"]["execution_count"] == before, "store_history=False changed the count")
        reply, _ = self.execute(self.s["noop"])
        expect(reply["content"]["execution_count"] == before + 1, "the count did not advance after silent runs")
        self.count = before + 1

    def stop_on_error(self):
        first = self.kc.execute(self.s["slow_error"])
        queued = [self.kc.execute(self.s["noop"]) for _ in range(2)]
        info = self.kc.kernel_info()
        r = self.shell_reply(first, 60)
        expect(r["content"]["status"] == "error", f"the failing cell ended {r['content']['status']}")
        for msg_id in queued:
            r2 = self.shell_reply(msg_id)
            expect(r2["content"]["status"] == "aborted", f"a queued cell was {r2['content']['status']}, not aborted")
        ri = self.shell_reply(info)
        expect(ri["content"]["status"] == "ok", "kernel_info after an error was not served")
        for msg_id in [first, *queued, info]:
            self.iopub_for(msg_id)
        reply, _ = self.execute(self.s["noop"])
        expect(reply["content"]["status"] == "ok", "the kernel did not run a cell after aborting")
        # Without stop_on_error the queue runs on.
        first = self.kc.execute(self.s["slow_error"], stop_on_error=False)
        after = self.kc.execute(self.s["noop"])
        self.shell_reply(first, 60)
        r3 = self.shell_reply(after)
        expect(r3["content"]["status"] == "ok", f"with stop_on_error false the next cell was {r3['content']['status']}")
        for msg_id in [first, after]:
            self.iopub_for(msg_id)
        self.count = r3["content"]["execution_count"]

    def complete(self):
        spec = self.s["complete"]
        code = spec["code"]
        msg_id = self.kc.complete(code, spec.get("cursor", len(code)))
        reply = self.shell_reply(msg_id)
        check_header(reply, "complete_reply")
        c = reply["content"]
        expect(c["status"] == "ok", f"status {c}")
        for key in ("matches", "cursor_start", "cursor_end", "metadata"):
            expect(key in c, f"complete_reply lacks {key}")
        expect(spec["expect"] in c["matches"], f"{spec['expect']!r} not among {c['matches'][:20]}")
        expect(c["cursor_end"] == spec.get("cursor", len(code)), f"cursor_end {c['cursor_end']} (code points)")
        types = c["metadata"].get("_jupyter_types_experimental")
        expect(isinstance(types, list) and len(types) == len(c["matches"]), "types not aligned with matches")
        expect(all({"start", "end", "text", "type"} <= set(t) for t in types), "a type entry lacks start/end/text/type")
        self.iopub_for(msg_id)

    def complete_sql(self):
        """SQL completion through complete_request: tables qualified as they must be written, a schema's tables after its
        dot, an alias's columns (the alias named after the cursor), and objects before keywords."""
        spec = self.s["complete_sql"]
        for setup in spec["setup"]:
            reply, _ = self.execute(setup)
            expect(reply["content"]["status"] == "ok", f"the setup cell failed: {reply['content']}")
            self.count = reply["content"]["execution_count"]
        for case in spec["cases"]:
            cursor = case["code"].index("|")
            code = case["code"].replace("|", "", 1)
            msg_id = self.kc.complete(code, cursor)
            c = self.shell_reply(msg_id)["content"]
            expect(c["status"] == "ok", f"status {c}")
            matches = c["matches"]
            if "first" in case:
                expect(matches[:len(case["first"])] == case["first"], f"{case['code']!r}: first {matches[:8]}, not {case['first']}")
            for m in case.get("expect", []):
                expect(m in matches, f"{case['code']!r}: {m!r} not among {matches[:20]}")
            for m in case.get("reject", []):
                expect(m not in matches, f"{case['code']!r}: {m!r} offered ({matches[:20]})")
            if "start" in case:
                expect(c["cursor_start"] == case["start"], f"{case['code']!r}: cursor_start {c['cursor_start']}, not {case['start']}")
            self.iopub_for(msg_id)

    def clear_output(self):
        """clear_output(wait: true) from C# reaches IOPub as clear_output with wait, between the outputs it separates."""
        msg_id = self.kc.execute('Console.WriteLine("before"); clear_output(wait: true); Console.WriteLine("after");')
        reply = self.shell_reply(msg_id)
        expect(reply["content"]["status"] == "ok", f"status {reply['content']}")
        outputs = self.iopub_for(msg_id)
        kinds = [(m["msg_type"], m["content"].get("text", m["content"].get("wait"))) for m in outputs if m["msg_type"] in ("stream", "clear_output")]
        expect(kinds == [("stream", "before\n"), ("clear_output", True), ("stream", "after\n")], f"IOPub had {kinds}")
        self.count = reply["content"]["execution_count"]

    def inspect(self):
        spec = self.s["inspect"]
        msg_id = self.kc.inspect(spec["code"], spec.get("cursor", len(spec["code"])))
        reply = self.shell_reply(msg_id)
        check_header(reply, "inspect_reply")
        c = reply["content"]
        expect(c["status"] == "ok" and c["found"] is True, f"inspect {c}")
        expect("text/plain" in c["data"], f"inspect data {list(c['data'])}")
        expect(spec["expect"] in c["data"]["text/plain"], f"inspect text {c['data']['text/plain']!r}")
        self.iopub_for(msg_id)

    def is_complete(self):
        for code, expected in self.s["is_complete"]:
            msg_id = self.kc.is_complete(code)
            reply = self.shell_reply(msg_id)
            check_header(reply, "is_complete_reply")
            c = reply["content"]
            expect(c["status"] == expected, f"{code!r} is {c['status']}, expected {expected}")
            if expected == "incomplete":
                expect("indent" in c, "incomplete without indent")
            self.iopub_for(msg_id)

    def history(self):
        marker = self.s["history"]
        reply, _ = self.execute(marker)
        self.count = reply["content"]["execution_count"]
        msg_id = self.kc.history(hist_access_type="tail", n=5, output=False, raw=True)
        r = self.shell_reply(msg_id)
        check_header(r, "history_reply")
        h = r["content"]["history"]
        expect(h and h[-1][2] == marker and h[-1][1] == self.count, f"tail history ends {h[-1:] if h else h}")
        self.iopub_for(msg_id)
        msg_id = self.kc.history(hist_access_type="range", session=0, start=self.count, stop=self.count + 1, output=False, raw=True)
        r = self.shell_reply(msg_id)
        expect([e[2] for e in r["content"]["history"]] == [marker], f"range history {r['content']['history']}")
        self.iopub_for(msg_id)
        msg_id = self.kc.history(hist_access_type="search", pattern=marker[:3] + "*", output=False, raw=True, n=1)
        r = self.shell_reply(msg_id)
        expect([e[2] for e in r["content"]["history"]] == [marker], f"search history {r['content']['history']}")
        self.iopub_for(msg_id)

    def comm_info(self):
        msg_id = self.kc.comm_info()
        reply = self.shell_reply(msg_id)
        check_header(reply, "comm_info_reply")
        expect(reply["content"] == {"status": "ok", "comms": {}}, f"comm_info {reply['content']}")
        self.iopub_for(msg_id)

    def input(self):
        spec = self.s["input"]
        msg_id = self.kc.execute(spec["code"], allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=self.timeout)
        check_header(request, "input_request")
        expect(request["parent_header"]["msg_id"] == msg_id, "input_request's parent is not the execute_request")
        expect("prompt" in request["content"] and "password" in request["content"], f"input_request {request['content']}")
        self.kc.input(spec["value"])
        reply = self.shell_reply(msg_id)
        expect(reply["content"]["status"] == "ok", f"status {reply['content']}")
        outputs = self.iopub_for(msg_id)
        text = json.dumps([m["content"] for m in outputs])
        expect(spec["value"] in text, f"the typed value is not in the output: {text[:300]}")
        self.count = reply["content"]["execution_count"]
        # Without allow_stdin the cell gets no input and is told so; the kernel sends no input_request.
        reply, _ = self.execute(spec["code"], allow_stdin=False)
        expect(reply["content"]["status"] in ("ok", "error"), "no reply without stdin")
        self.count = reply["content"]["execution_count"]

    def _keep(self, name):
        """Declares NAME = 41 before a stop, for _expect_kept to read back."""
        reply, _ = self.execute(f"var {name} = 41;")
        expect(reply["content"]["status"] == "ok", f"the setup cell failed: {reply['content']}")

    def _expect_kept(self, name):
        """The cell after a stop runs, and NAME from before the stop is still 41."""
        reply, outputs = self.execute(f"{name} + 1")
        expect(reply["content"]["status"] == "ok", f"the cell after the stop failed: {reply['content']}")
        results = self.outputs_of(outputs, "execute_result")
        expect(results and results[0]["content"]["data"]["text/plain"].strip() == "42", "a variable from before the stop was lost")
        self.count = reply["content"]["execution_count"]

    def _interrupt_and_expect_stopped(self, msg_id, what):
        """Sends interrupt_request on control; the cell must end as interrupted within a second. Returns the seconds it took."""
        t0 = time.time()
        _, reply = self.control_request("interrupt_request")
        expect(reply["content"]["status"] == "ok", f"interrupt_reply {reply['content']}")
        reply = self.shell_reply(msg_id, timeout=30)
        elapsed = time.time() - t0
        c = reply["content"]
        expect(c["status"] == "error" and "nterrupt" in c["ename"] + c["evalue"], f"{what} was not interrupted: {c}")
        expect(elapsed < 1.0, f"{what} took {elapsed:.2f} s to stop after the interrupt")
        self.iopub_for(msg_id, busy_seen=True)
        return elapsed

    def interrupt_input(self):
        """A cell waiting for a line of input (an input_request unanswered) stops on an interrupt within a second, keeps the
        variables from before, and the next cell runs."""
        self._keep("keptBeforeInput")
        msg_id = self.kc.execute("var never = Console.ReadLine();", allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=self.timeout)
        check_header(request, "input_request")
        elapsed = self._interrupt_and_expect_stopped(msg_id, "the cell waiting for input")
        self._expect_kept("keptBeforeInput")
        print(f"  interrupted a cell waiting for input in {elapsed:.3f} s", flush=True)

    def _interrupt(self, how):
        msg_id = self.kc.execute(self.s["long"])
        # The kernel counts the cell as running before it announces it: the interrupt may follow at once.
        expect(self.iopub_until(msg_id, lambda m: m["msg_type"] == "execute_input"), "the long cell never started")
        t0 = time.time()
        if how == "message":
            _, reply = self.control_request("interrupt_request")
            expect(reply["content"]["status"] == "ok", f"interrupt_reply {reply['content']}")
        else:
            self.km.signal_kernel(signal.SIGINT)
        reply = self.shell_reply(msg_id, timeout=30)
        elapsed = time.time() - t0
        c = reply["content"]
        expect(c["status"] == "error", f"the interrupted cell ended {c['status']}")
        expect("nterrupt" in c["ename"] + c["evalue"], f"not reported as interrupted: {c['ename']}: {c['evalue']}")
        expect(elapsed < 1.0, f"the cell took {elapsed:.2f} s to stop after the interrupt")
        self.iopub_for(msg_id, busy_seen=True)
        expect(self.km is None or self.km.is_alive(), "the kernel died")
        reply, _ = self.execute(self.s["result"]["code"])
        expect(reply["content"]["status"] == "ok", "the next cell did not run after the interrupt")
        self.count = reply["content"]["execution_count"]
        print(f"  interrupt by {how}: cell ended {elapsed:.3f} s after the interrupt", flush=True)

    def interrupt_message(self):
        self._interrupt("message")

    def interrupt_csharp(self):
        """Each cell of snippets["csharp_stops"] prints "started" and then never looks at a token: an interrupt_request stops
        it within a second of the interrupt, the variables stay, and the next cell runs."""
        cells = self.s.get("csharp_stops")
        expect(cells, "the snippets give no csharp_stops cells")
        self._keep("keptBeforeStops")
        for code in cells:
            msg_id = self.kc.execute('Console.WriteLine("started");\n' + code)
            expect(self.iopub_until(msg_id, lambda m: m["msg_type"] == "stream" and "started" in m["content"]["text"]),
                   f"the cell never started: {code}")
            elapsed = self._interrupt_and_expect_stopped(msg_id, repr(code))
            print(f"  interrupted {code!r} in {elapsed:.3f} s", flush=True)
        self._expect_kept("keptBeforeStops")

    def interrupt_unstoppable(self):
        """A cell inside code no interrupt reaches says so within a few seconds of the interrupt; a restart then stops it
        quickly and the new kernel runs cells."""
        expect(self.km is not None, "needs a kernel manager")
        code = self.s.get("unstoppable")
        expect(code, "the snippets give no unstoppable cell")
        msg_id = self.kc.execute('Console.WriteLine("started");\n' + code)
        expect(self.iopub_until(msg_id, lambda m: m["msg_type"] == "stream" and "started" in m["content"]["text"]),
               "the unstoppable cell never started")
        t0 = time.time()
        _, reply = self.control_request("interrupt_request")
        expect(reply["content"]["status"] == "ok", f"interrupt_reply {reply['content']}")
        notice = self.iopub_until(msg_id, lambda m: m["msg_type"] == "stream" and m["content"]["name"] == "stderr"
                                  and "did not stop" in m["content"]["text"])
        expect(notice, "the kernel never said the cell did not stop")
        expect("restart the kernel" in notice["content"]["text"], f"the notice does not say what works: {notice['content']['text']}")
        print(f"  said it could not stop {time.time() - t0:.2f} s after the interrupt", flush=True)
        t1 = time.time()
        self.km.restart_kernel(now=True)
        self.kc.wait_for_ready(timeout=60)
        reply, _ = self.execute(self.s["result"]["code"], timeout=60)
        expect(reply["content"]["status"] == "ok", f"the restarted kernel did not run a cell: {reply['content']}")
        print(f"  restart and a first cell took {time.time() - t1:.2f} s", flush=True)
        self.count = reply["content"]["execution_count"]

    def execute_on_control(self):
        """A cell sent on control is refused at once (it would hold the channel), and control still serves an interrupt."""
        msg_id = self.kc.execute(self.s["long"])
        expect(self.iopub_until(msg_id, lambda m: m["msg_type"] == "execute_input"), "the long cell never started")
        content = dict(code=self.s["result"]["code"], silent=False, store_history=True, user_expressions={}, allow_stdin=False, stop_on_error=True)
        msg, reply = self.control_request("execute_request", content, timeout=30)
        c = reply["content"]
        expect(c["status"] == "error", f"an execute_request on control ended {c['status']}")
        expect("shell channel" in c.get("evalue", ""), f"the refusal does not say where cells go: {c}")
        seen = self.iopub_for(msg["header"]["msg_id"])
        expect(not [m for m in seen if m["msg_type"] in ("execute_input", "execute_result")], "the cell sent on control ran")
        _, reply = self.control_request("interrupt_request", timeout=30)
        expect(reply["content"]["status"] == "ok", f"interrupt_reply {reply['content']}")
        reply = self.shell_reply(msg_id, timeout=30)
        c = reply["content"]
        expect(c["status"] == "error" and "nterrupt" in c["ename"] + c["evalue"], f"the long cell was not interrupted: {c}")
        self.iopub_for(msg_id, busy_seen=True)
        reply, _ = self.execute(self.s["result"]["code"])
        expect(reply["content"]["status"] == "ok", "the next cell did not run")
        self.count = reply["content"]["execution_count"]

    def interrupt_signal(self):
        """SIGINT interrupts a cell, also in a kernel started with SIGINT ignored: a shell starts a command put in the
        background from a script (a Jupyter server, say) that way, and its kernels inherit it."""
        expect(self.km is not None, "needs a kernel manager")
        self._interrupt("signal")
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            self.km.restart_kernel(now=True)
        finally:
            signal.signal(signal.SIGINT, previous)
        self.kc.wait_for_ready(timeout=60)
        with open(f"/proc/{self.km.provisioner.process.pid}/status", encoding="ascii") as f:
            status = dict(line.split(":", 1) for line in f)
        expect(not int(status["SigIgn"], 16) & (1 << (signal.SIGINT - 1)), "the kernel started with SIGINT ignored still ignores it")
        self._interrupt("signal to a kernel started with SIGINT ignored")

    def forged(self):
        """Badly signed, unsigned, replayed, malformed and unknown messages: never executed, never fatal."""
        before = self.current_count()
        ctx = zmq.Context.instance()
        info = self.kc.get_connection_info()
        dealer = ctx.socket(zmq.DEALER)
        dealer.setsockopt(zmq.LINGER, 0)
        dealer.connect(f"tcp://{info['ip']}:{info['shell_port']}")
        session = self.kc.session
        code = self.s["stream"]["code"]

        def frames(msg_type, content, sign=True, tamper=False):
            msg = session.msg(msg_type, content)
            parts = [session.pack(msg["header"]), session.pack(msg["parent_header"]), session.pack(msg["metadata"]), session.pack(msg["content"])]
            sig = session.sign(parts) if sign else b""
            if tamper:
                parts[3] = session.pack(dict(content, code=code + " "))
            return msg["header"]["msg_id"], [b"<IDS|MSG>", sig, *parts]

        sent = []
        mid, f = frames("execute_request", {"code": code, "silent": False}, tamper=True)
        sent.append(mid); dealer.send_multipart(f)
        mid, f = frames("execute_request", {"code": code, "silent": False}, sign=False)
        sent.append(mid); dealer.send_multipart(f)
        # A valid kernel_info, then its exact replay.
        mid, valid = frames("kernel_info_request", {})
        dealer.send_multipart(valid)
        dealer.send_multipart(valid)
        dealer.send_multipart([b"<IDS|MSG>", b"garbage"])
        dealer.send_multipart([b"no delimiter at all"])
        bad = [b"<IDS|MSG>", b"", b"{}", b"{}", b"{}", b"\xff not json"]
        if session.key:
            bad[1] = session.sign(bad[2:6])
        dealer.send_multipart(bad)
        umid, unknown = frames("no_such_request", {})
        dealer.send_multipart(unknown)
        # A client that goes away in the middle of a message.
        raw = socket.create_connection((info["ip"], info["shell_port"]))
        raw.sendall(b"\xff" + b"\0" * 7 + b"\x01\x7f\x03\x01NULL" + b"\0" * 16 + b"\0" * 32)
        raw.sendall(b"\x04\x1c\x05READY\x0bSocket-Type\x00\x00\x00\x06DEALER")
        raw.sendall(b"\x03\x00\x00\x00\x00\x00\x00\x10\x00partial")
        raw.close()
        # An oversized frame is refused without the kernel reading it.
        raw = socket.create_connection((info["ip"], info["shell_port"]))
        raw.sendall(b"\xff" + b"\0" * 7 + b"\x01\x7f\x03\x01NULL" + b"\0" * 16 + b"\0" * 32)
        raw.sendall(b"\x04\x1c\x05READY\x0bSocket-Type\x00\x00\x00\x06DEALER")
        raw.sendall(b"\x02\x00\x00\x01\x00\x00\x00\x00\x00")
        time.sleep(0.5)
        raw.close()
        replies = []
        poller = zmq.Poller()
        poller.register(dealer, zmq.POLLIN)
        deadline = time.time() + 2
        while time.time() < deadline:
            if poller.poll(200):
                replies.append(session.deserialize(session.feed_identities(dealer.recv_multipart())[1]))
        kinds = [r["msg_type"] for r in replies]
        expect(kinds == ["kernel_info_reply"], f"forged traffic drew replies {kinds} (only the one valid kernel_info should)")
        # Nothing forged ran: no execute_input for them, and the next count follows on.
        seen = []
        while True:
            try:
                seen.append(self.kc.get_iopub_msg(timeout=0.3))
            except Exception:
                break
        for m in seen:
            expect(m["parent_header"].get("msg_id") not in sent, f"a forged request produced {m['msg_type']}")
        dealer.close()
        reply, _ = self.execute(self.s["noop"])
        expect(reply["content"]["execution_count"] == before + 1, f"count {reply['content']['execution_count']} after {before}: something forged ran")
        self.count = before + 1
        # The unknown type was ignored but answered with busy/idle.
        expect(any(m["parent_header"].get("msg_id") == umid and m["msg_type"] == "status" for m in seen),
               "no busy/idle for the unknown message type")

    def heartbeat(self):
        info = self.kc.get_connection_info()
        req = zmq.Context.instance().socket(zmq.REQ)
        req.setsockopt(zmq.LINGER, 0)
        req.connect(f"tcp://{info['ip']}:{info['hb_port']}")
        req.send(b"ping")
        expect(req.poll(5000), "no heartbeat echo")
        expect(req.recv() == b"ping", "heartbeat echo differs")
        req.close()

    def two_clients(self):
        """A second client (a console beside the notebook) is served on the same kernel."""
        other = BlockingKernelClient()
        other.load_connection_info(self.kc.get_connection_info())
        other.start_channels()
        try:
            msg_id = other.kernel_info()
            deadline = time.time() + self.timeout
            while True:
                reply = other.get_shell_msg(timeout=max(0.05, deadline - time.time()))
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            expect(reply["content"]["status"] == "ok", "the second client's kernel_info failed")
            # Both see the other's IOPub traffic.
            reply, _ = self.execute(self.s["noop"])
            self.count = reply["content"]["execution_count"]
        finally:
            other.stop_channels()


ALL = ["kernel_info", "kernel_info_on_control", "heartbeat", "execute_result", "stream", "display", "error", "silent",
       "stop_on_error", "complete", "complete_sql", "clear_output", "inspect", "is_complete", "history", "comm_info", "input", "interrupt_input",
       "interrupt_message", "execute_on_control", "interrupt_csharp", "interrupt_unstoppable", "interrupt_signal", "forged", "two_clients"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--snippets", required=True)
    parser.add_argument("--connection-file")
    parser.add_argument("--kernel-name")
    parser.add_argument("--only")
    parser.add_argument("--skip", default="")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    with open(args.snippets, encoding="utf-8") as f:
        snippets = json.load(f)
    km = None
    if args.kernel_name:
        km = KernelManager(kernel_name=args.kernel_name)
        km.start_kernel()
        kc = km.client()
    else:
        kc = BlockingKernelClient(connection_file=args.connection_file)
        kc.load_connection_file()
    # A client made from a connection file has no manager to ask whether the kernel lives, so jupyter_client's wait_for_ready
    # judges it by the heartbeat channel, which calls a kernel dead when one echo takes more than a second: a kernel in a busy
    # test process can. Without that channel, wait_for_ready waits for the kernel_info reply itself; the heartbeat is checked
    # on its own socket (heartbeat).
    kc.start_channels(hb=km is not None)
    kc.wait_for_ready(timeout=60)
    checker = Checker(kc, km, snippets, args.timeout)
    names = args.only.split(",") if args.only else ALL
    skip = set(filter(None, args.skip.split(",")))
    for name in names:
        if name in skip:
            continue
        checker.run(name, getattr(checker, name))
    kc.stop_channels()
    if km is not None:
        # The kernel's process (a child of this one): its exit is waited for, not polled.
        process = km.provisioner.process if km.provisioner else None
        km.shutdown_kernel(now=False)
        if process is not None:
            try:
                process.wait(timeout=10)
                print("PASS shutdown", flush=True)
            except subprocess.TimeoutExpired:
                print(f"FAIL shutdown: kernel process {process.pid} is still alive 10 s after its shutdown", flush=True)
                checker.results.append(False)
    failed = checker.results.count(False)
    print(f"{len(checker.results) - failed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
