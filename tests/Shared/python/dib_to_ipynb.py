"""Converts a Polyglot notebook (.dib) to .ipynb for the dotnet-interactive Jupyter kernel (kernelspec .net-csharp), as
Polyglot Notebooks' own export does: a cell of a kernel other than C# starts with that kernel's magic. The lines that
load Mallard.Interactive (#i "nuget: ..." and #r "nuget: Mallard.Interactive...") are replaced with LOAD_LINES, so a test
loads the package it built.

Usage: dib_to_ipynb.py NOTEBOOK.dib OUT.ipynb LOAD_LINES
"""
import json
import sys

import nbformat

KNOWN = {"csharp", "fsharp", "pwsh", "javascript", "html", "markdown", "mermaid", "http", "value", "kql", "sql"}


def cells_of(text):
    lines = text.splitlines()
    kernels = set(KNOWN)
    aliases = {}
    default = "csharp"
    i = 0
    if lines and lines[0].startswith("#!meta"):
        i = 1
        meta = []
        while i < len(lines) and not lines[i].startswith("#!"):
            meta.append(lines[i])
            i += 1
        info = json.loads("\n".join(meta)).get("kernelInfo", {})
        default = info.get("defaultKernelName", default)
        for item in info.get("items", []):
            kernels.add(item["name"])
            for alias in item.get("aliases", []):
                aliases[alias] = item["name"]
    cells = []
    kernel, body = default, []
    for line in lines[i:]:
        name = line[2:] if line.startswith("#!") else None
        if name in kernels or name in aliases:
            cells.append((kernel, body))
            kernel, body = aliases.get(name, name), []
        else:
            body.append(line)
    cells.append((kernel, body))
    result = []
    for kernel, body in cells:
        while body and not body[0].strip():
            body.pop(0)
        while body and not body[-1].strip():
            body.pop()
        if body:
            result.append((kernel, "\n".join(body)))
    return result


def main():
    source, out, load_lines = sys.argv[1], sys.argv[2], sys.argv[3]
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": ".net-csharp", "display_name": ".NET (C#)", "language": "C#"}
    nb.metadata["language_info"] = {"name": "C#", "file_extension": ".cs", "mimetype": "text/x-csharp", "pygments_lexer": "csharp"}
    with open(source, encoding="utf-8") as f:
        text = f.read()
    for kernel, code in cells_of(text):
        if kernel == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(code))
            continue
        kept = []
        loaded = False
        for line in code.split("\n"):
            if line.startswith('#i "nuget:') or line.startswith('#r "nuget: Mallard.Interactive'):
                if not loaded:
                    kept.append(load_lines)
                    loaded = True
                continue
            kept.append(line)
        code = "\n".join(kept)
        if kernel != "csharp" and not code.startswith("#!" + kernel):
            code = "#!" + kernel + "\n" + code
        nb.cells.append(nbformat.v4.new_code_cell(code))
    nbformat.write(nb, out)


if __name__ == "__main__":
    main()
