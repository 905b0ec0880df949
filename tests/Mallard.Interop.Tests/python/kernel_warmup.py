"""The kernel's warm-up is invisible to its client, and a new cell's failure still shows the cell's lines.

The kernel rehearses an execute_request of its own and compiles throwaway cells while the user reads. This starts the
real kernel, waits (by its log) until all of that is done, then checks that the client saw only answers to its own
requests, that its first cell is still execution 1 and the only one in history, and that a cell loaded without its
symbols still reports the line it failed on. Usage: kernel_warmup.py KERNEL_NAME (MALLARD_KERNEL_LOG names the log).
"""
import os
import sys
import time

from jupyter_client.manager import KernelManager

OPTIMISED = "The C# compiler's code is optimised"


def fail(message):
    print(message, flush=True)
    sys.exit(1)


def log_count(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().count(OPTIMISED)
    except FileNotFoundError:
        return 0


def main():
    log = os.environ.get("MALLARD_KERNEL_LOG")
    if not log:
        fail("MALLARD_KERNEL_LOG is not set: the test reads the kernel's log")
    before = log_count(log)
    km = KernelManager(kernel_name=sys.argv[1])
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        sent = set()
        seen = []

        def keep(msg):
            seen.append(msg)

        info = kc.kernel_info()
        sent.add(info)
        # The warm-up runs after the engine starts (on the first request); its end is logged.
        deadline = time.time() + 180
        while log_count(log) <= before:
            if time.time() > deadline:
                fail("the kernel never logged the end of its warm-up")
            try:
                keep(kc.get_iopub_msg(timeout=0.2))
            except Exception:
                pass

        reply = kc.execute_interactive("6 * 7", timeout=60, output_hook=keep)
        sent.add(reply["parent_header"]["msg_id"])
        if reply["content"]["status"] != "ok":
            fail(f"first cell failed: {reply['content']}")
        if reply["content"]["execution_count"] != 1:
            fail(f"the first cell is execution {reply['content']['execution_count']}, not 1: the warm-up took a count")
        results = [m for m in seen if m["msg_type"] == "execute_result"]
        if [m["content"]["data"].get("text/plain") for m in results] != ["42"]:
            fail(f"expected one result, 42; got {[m['content'] for m in results]}")

        reply = kc.execute_interactive("\n1 / int.Parse(\"0\")", timeout=60, output_hook=keep)
        sent.add(reply["parent_header"]["msg_id"])
        content = reply["content"]
        if content["status"] != "error" or content["ename"] != "DivideByZeroException":
            fail(f"expected a DivideByZeroException, got {content}")
        if not any("in cell: line 2" in line for line in content["traceback"]):
            fail(f"the traceback does not give the cell's line 2: {content['traceback']}")

        history = kc.history(hist_access_type="tail", n=10, output=False, raw=True, reply=True, timeout=30)
        sent.add(history["parent_header"]["msg_id"])
        inputs = [entry[2] for entry in history["content"]["history"]]
        if inputs != ["6 * 7", "\n1 / int.Parse(\"0\")"]:
            fail(f"history holds {inputs!r}, not only the client's two cells")

        # Anything still queued, then every IOPub message must answer one of the client's requests.
        while True:
            try:
                keep(kc.get_iopub_msg(timeout=0.5))
            except Exception:
                break
        strangers = [(m["msg_type"], m["content"]) for m in seen
                     if m["parent_header"] and m["parent_header"].get("msg_id") not in sent]
        if strangers:
            fail(f"IOPub carried messages for requests the client never sent: {strangers[:5]}")
        print(f"warm-up ok: {len(seen)} IOPub messages, all the client's", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
