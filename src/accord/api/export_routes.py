"""GET /v1/export/{what}: the store in an export layout (docs/LAYOUTS.md) as CSV, TSV, JSON lines or Parquet.

The library writes the file (DuckDB COPY, or the records' JSON for the accord and plover layouts) into a
private temporary directory; the response streams it in chunks and removes it when done.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from accord.api.params import Common, common
from accord.store import Filters
from accord.store.export import export

router = APIRouter(prefix="/v1", tags=["export"])
_MEDIA = {"csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
          "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}
_CHUNK = 1 << 16


def _stream(path: Path, folder: str):
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                yield chunk
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@router.get("/export/{what}", summary="Stream events, dyads, mentions, clusters, documents or quotes in a layout")
def export_what(request: Request,
                what: Literal["events", "dyads", "mentions", "documents", "quotes", "clusters"],
                layout: Literal["accord", "polecat", "gdelt", "icews", "phoenix", "plover"] = "accord",
                format: Literal["csv", "tsv", "jsonl", "parquet"] = "csv",
                f: Common = Depends(common),
                limit: Annotated[int | None, Query(ge=1, description="At most this many rows (events).")] = None):
    server = request.app.state.server
    folder = tempfile.mkdtemp(prefix="accord-export-")
    path = Path(folder) / f"{layout}-{what}.{format}"
    try:
        with server.read() as store:
            filters = f.filters(store)
            if limit:
                filters = Filters.of(filters, limit=limit)
            n = export(store, path, format=format, layout=layout, what=what, filters=filters)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    headers = {"Content-Disposition": f'attachment; filename="{path.name}"', "X-Accord-Rows": str(n)}
    return StreamingResponse(_stream(path, folder), media_type=_MEDIA[format], headers=headers)
