"""Runs a notebook's cells on a kernel the way JupyterLab does, or with each cell's metadata sent along.

JupyterLab sends execute_request with metadata {"cellId", "deletedCells", "recordTiming"} and, through Jupyter Server,
starts the kernel with JPY_SESSION_NAME naming the notebook; some front ends send the cell's own metadata instead.

Usage: polyglot_cells.py KERNEL_NAME NOTEBOOK.ipynb --send (cell-id | cell-metadata) [--session-name NAME] OUT.json

Writes, per cell: its id, the reply's status, and the outputs (output type, text/plain, text/html, error value).
"""
import argparse
import json
import os

import nbformat
from jupyter_client.manager import KernelManager


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kernel")
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--send", choices=["cell-id", "cell-metadata"], required=True)
    parser.add_argument("--session-name", default=None)
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    env = dict(os.environ)
    env.pop("JPY_SESSION_NAME", None)
    if args.session_name:
        env["JPY_SESSION_NAME"] = args.session_name
    km = KernelManager(kernel_name=args.kernel)
    km.start_kernel(env=env, cwd=os.path.dirname(os.path.abspath(args.notebook)))
    kc = km.client()
    kc.start_channels()
    results = []
    try:
        kc.wait_for_ready(timeout=60)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if args.send == "cell-id":
                metadata = {"cellId": cell.id, "deletedCells": [], "recordTiming": False}
            else:
                metadata = dict(cell.metadata)
            content = dict(code=cell.source, silent=False, store_history=True, user_expressions={}, allow_stdin=False, stop_on_error=False)
            msg = kc.session.msg("execute_request", content, metadata=metadata)
            kc.shell_channel.send(msg)
            msg_id = msg["header"]["msg_id"]
            outputs = []
            while True:
                message = kc.get_iopub_msg(timeout=120)
                if message["parent_header"].get("msg_id") != msg_id:
                    continue
                kind = message["msg_type"]
                data = message["content"].get("data", {})
                if kind in ("display_data", "execute_result"):
                    outputs.append({"type": kind, "text": data.get("text/plain", ""), "html": data.get("text/html", "")})
                elif kind == "stream":
                    outputs.append({"type": kind, "text": message["content"]["text"], "html": ""})
                elif kind == "error":
                    outputs.append({"type": kind, "text": message["content"]["evalue"], "html": ""})
                elif kind == "status" and message["content"]["execution_state"] == "idle":
                    break
            reply = kc.get_shell_msg(timeout=120)
            while reply["parent_header"].get("msg_id") != msg_id:
                reply = kc.get_shell_msg(timeout=120)
            results.append({"id": cell.id, "status": reply["content"]["status"], "outputs": outputs})
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
