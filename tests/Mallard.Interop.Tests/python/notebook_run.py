"""Builds a notebook of C#, SQL, chart and error cells, executes it with nbclient on the given kernel,
saves it, and prints a JSON summary of each cell's outputs (output types and MIME types).

Usage: notebook_run.py KERNEL_NAME OUT.ipynb
"""
import json
import sys

import nbformat
from nbclient import NotebookClient

CELLS = [
    ("csharp", 'var greeting = "hello from C#";\nConsole.WriteLine(greeting);\n6 * 7'),
    ("sql", "#!sql --name sales\nSELECT * FROM (VALUES ('north', 3), ('south', 5), ('east', 4)) t(region, amount);"),
    ("chart", "#!chart bar --data sales --x region --y amount --title Sales"),
    ("error", 'throw new InvalidOperationException("expected failure");'),
    ("after", "sales.RowCount"),
]


def main():
    kernel, out = sys.argv[1], sys.argv[2]
    nb = nbformat.v4.new_notebook()
    for name, source in CELLS:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["name"] = name
        if name == "error":
            cell.metadata["tags"] = ["raises-exception"]
        nb.cells.append(cell)
    client = NotebookClient(nb, kernel_name=kernel, timeout=120, startup_timeout=60)
    client.execute()
    nbformat.write(nb, out)
    nbformat.validate(nbformat.read(out, as_version=4))
    summary = {
        "language": nb.metadata.get("language_info", {}).get("name"),
        "cells": [
            {
                "name": cell.metadata["name"],
                "execution_count": cell.execution_count,
                "outputs": [
                    {"type": o.output_type, "mimes": sorted(o.get("data", {}).keys()), "name": o.get("name"), "ename": o.get("ename"),
                     "text": o.get("text", "") + "".join(str(v) for k, v in o.get("data", {}).items() if k == "text/plain")}
                    for o in cell.outputs
                ],
            }
            for cell in nb.cells
        ],
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
