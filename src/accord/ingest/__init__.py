"""Ingestion: files, folders, stdin, bytes or text in; cleaned :class:`~accord.records.Document` out.

Formats: plain text, Markdown (YAML front matter), HTML (trafilatura), PDF (pdfminer.six, page
furniture removed) and JSONL corpora. Unreadable input becomes a :class:`~accord.records.Problem`
with a code from :class:`accord.errors.Code` (E101-E113); nothing here raises for bad input.

    >>> from accord.ingest import read_paths
    >>> for item in read_paths(["examples/"]): ...
"""

from accord.ingest.reader import finish, read_bytes, read_file, read_paths, read_text

__all__ = ["finish", "read_bytes", "read_file", "read_paths", "read_text"]
