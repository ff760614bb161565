"""POST /v1/code: text or an uploaded file in, coded documents (accord.document/1) out; optionally stored."""

from __future__ import annotations

import hmac
from typing import Annotated, Optional

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from accord.errors import Code
from accord.api.errors import ApiError
from accord.records import Document, Problem

router = APIRouter(prefix="/v1", tags=["write"])


class TextIn(BaseModel):
    """A document given as text; the metadata fields are optional."""

    text: str = Field(description="The article text.")
    title: Optional[str] = None
    date: Optional[str] = Field(None, description="Publication date, YYYY-MM-DD (events are dated from it).")
    url: Optional[str] = None
    id: Optional[str] = Field(None, description="Document id (default: derived from the text).")
    format: str = Field("text", description="text, markdown or html.")


def _authorise(request: Request) -> None:
    token = request.app.state.server.settings.api_token
    if not token:
        return
    got = request.headers.get("authorization", "")
    if not (got.startswith("Bearer ") and hmac.compare_digest(got[7:].strip(), token)):
        raise ApiError(Code.API_UNAUTHORIZED, "storing needs the server's token")


async def _documents(request: Request, settings) -> list[Document | Problem]:
    from accord.ingest.reader import read_bytes, read_text

    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or not hasattr(upload, "read"):
            raise ApiError(Code.QUERY_INVALID, "multipart requests need a 'file' field")
        data = await upload.read()
        name = upload.filename or "upload"
        return read_bytes(data, f"upload:{name}", name, settings=settings)
    if ctype.startswith("application/json"):
        try:
            payload = TextIn.model_validate_json(await request.body())
        except ValueError as exc:
            errors = getattr(exc, "errors", lambda: [])()
            raise ApiError(Code.QUERY_INVALID, [{"parameter": ".".join(map(str, e.get("loc", ()))), "problem": e.get("msg")}
                                                for e in errors] or str(exc))
        if payload.format not in ("text", "markdown", "html"):
            raise ApiError(Code.QUERY_INVALID, f"format={payload.format!r}; use text, markdown or html")
        doc = read_text(payload.text, "<api>", payload.format, settings=settings)
        if isinstance(doc, Document):
            from dataclasses import replace

            from accord.ingest.meta import normalise_date

            date = normalise_date(payload.date) if payload.date else doc.date
            if payload.date and not date:
                raise ApiError(Code.QUERY_INVALID, f"date={payload.date!r} is not a date (YYYY-MM-DD)")
            doc = replace(doc, id=payload.id or doc.id, title=payload.title or doc.title, date=date,
                          url=payload.url or doc.url)
        return [doc]
    data = await request.body()  # any other body: raw bytes in a format `accord code` reads
    name = request.query_params.get("filename") or "upload"
    return read_bytes(data, f"upload:{name}", name, settings=settings)


@router.post("/code", summary="Code text or a file into events (accord.document/1); ?store=true also stores",
             openapi_extra={"requestBody": {"content": {
                 "application/json": {"schema": TextIn.model_json_schema()},
                 "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
                 "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
async def code(request: Request,
               store: Annotated[bool, Query(description="Also write the coded documents to the store.")] = False):
    from starlette.concurrency import run_in_threadpool

    server = request.app.state.server
    if store:
        _authorise(request)
    items = await _documents(request, server.settings)
    docs = [d for d in items if isinstance(d, Document)]
    problems = [p for p in items if isinstance(p, Problem)]
    if not docs:
        first = problems[0] if problems else None
        code_ = next((c for c in Code if first and c.value == first.code), Code.EMPTY)
        raise ApiError(code_, [p.to_dict() for p in problems], status=422)
    coded, stored = await run_in_threadpool(_code_and_store, server, docs, problems, store)
    return {"ok": True, "documents": [c.to_dict() for c in coded], "problems": [p.to_dict() for p in problems],
            "stored": stored}


def _code_and_store(server, docs: list[Document], problems: list[Problem], store: bool):
    """Code outside the store lock (reads go on meanwhile); store and re-cluster under it."""
    from accord.pipeline import code_documents

    with server.code_lock:
        coded = list(code_documents(docs, server.settings))
    if not store:
        return coded, None
    with server.write_lock:
        s = server.store
        run_id = s.begin_run(server.settings)
        result = s.add(coded, run=run_id)
        s.finish_run(run_id, result, [p for c in coded for p in c.problems] + problems)
        s.dedup()
    return coded, result.to_dict()
