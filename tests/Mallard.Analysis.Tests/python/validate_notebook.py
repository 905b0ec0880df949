"""Validates a notebook against the nbformat schema with Debian's nbformat; prints the nbformat version.

Usage: validate_notebook.py NOTEBOOK.ipynb
"""
import sys

import nbformat

nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)
nbformat.validate(nb)
print(f"{nb.nbformat}.{nb.nbformat_minor}")
