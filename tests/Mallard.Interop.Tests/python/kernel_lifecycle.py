"""Starts a kernel, restarts it, shuts it down, and checks no kernel process is left behind.

Usage: kernel_lifecycle.py KERNEL_NAME
Prints the pids and "lifecycle ok"; exits 1 with the reason otherwise.
"""
import os
import sys
import time

from jupyter_client.manager import KernelManager


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is as good as gone once reaped; check its state.
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def wait_gone(pid, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.1)
    return False


def fail(message):
    print(message, flush=True)
    sys.exit(1)


def main():
    km = KernelManager(kernel_name=sys.argv[1])
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    first = km.provisioner.process.pid
    reply = kc.execute_interactive("var before = 1;", timeout=60)
    if reply["content"]["status"] != "ok":
        fail(f"first cell failed: {reply['content']}")
    kc.stop_channels()

    t0 = time.time()
    km.restart_kernel(now=False)
    second = km.provisioner.process.pid
    if second == first:
        fail("restart kept the same process")
    if not wait_gone(first):
        fail(f"the kernel {first} is still running after the restart")
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    print(f"restart took {time.time() - t0:.2f} s", flush=True)
    # The restarted kernel is fresh: the old variable is gone.
    reply = kc.execute_interactive("before", timeout=60)
    if reply["content"]["status"] != "error":
        fail("the restarted kernel still knew a variable of the old one")
    kc.stop_channels()

    t0 = time.time()
    km.shutdown_kernel(now=False)
    if not wait_gone(second):
        fail(f"the kernel {second} is still running after shutdown")
    print(f"shutdown took {time.time() - t0:.2f} s", flush=True)
    print(f"pids {first} {second}", flush=True)
    print("lifecycle ok", flush=True)


if __name__ == "__main__":
    main()
