"""Executes a notebook with nbclient on the given kernel, in the notebook's own folder (as Jupyter does), and
writes the executed notebook. Exits with status 1 and the error when a cell fails.

Usage: execute_notebook.py KERNEL_NAME NOTEBOOK.ipynb OUT.ipynb [FOLDER]
FOLDER, when given, is where the kernel runs instead (a notebook converted elsewhere from one in FOLDER).
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    kernel, source, out = sys.argv[1], sys.argv[2], sys.argv[3]
    folder = sys.argv[4] if len(sys.argv) > 4 else os.path.dirname(os.path.abspath(source))
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=300, startup_timeout=120,
                            resources={"metadata": {"path": folder}})
    try:
        client.execute()
    except CellExecutionError as e:
        nbformat.write(nb, out)
        print(str(e), file=sys.stderr)
        return 1
    nbformat.write(nb, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
