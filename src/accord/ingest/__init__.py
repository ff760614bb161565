"""Ingestion: files, folders, stdin, bytes or text in; cleaned :class:`~accord.records.Document` out.

Formats: plain text (text copied out of PDFs included: page furniture removed, cut sentences
rejoined), Markdown (YAML or TOML front matter), HTML (trafilatura), PDF (pdfminer.six: columns,
page furniture, metadata ranked below the page) and JSONL corpora (field names mapped, see
``jsonl``). Unreadable input becomes a :class:`~accord.records.Problem` with a code from
:class:`accord.errors.Code` (E101-E113); what was read but may be wrong is a W-coded warning on the
Document (W101 PDF layout, W102 bytes replaced, W103 not English, W104 HTML too deep). Nothing here
raises for bad input.

    >>> from accord.ingest import read_paths
    >>> for item in read_paths(["examples/"]): ...
"""

from accord.ingest.reader import finish, read_bytes, read_file, read_paths, read_text

__all__ = ["finish", "read_bytes", "read_file", "read_paths", "read_text"]
