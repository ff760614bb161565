"""One error shape for every 4xx/5xx: {"ok": false, "error": {"code", "message", "detail"}}.

Library errors keep their own code (AccordError.code); HTTP-level problems (no such path, wrong method,
body too large, bad parameters) get the API codes of accord.errors. Nothing a client sees is a traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from accord.errors import MESSAGES, AccordError, Code

log = logging.getLogger("accord.api")

#: HTTP status for library error codes raised by a request (anything else is a 422: the request's fault).
_STATUS = {
    Code.API_NOT_FOUND: 404, Code.API_TOO_LARGE: 413, Code.API_UNAUTHORIZED: 401, Code.API_METHOD: 405,
    Code.API_INTERNAL: 500, Code.STORE_OPEN_FAILED: 503, Code.STORE_SCHEMA_NEWER: 503, Code.STORE_FAILED: 500,
    Code.MODEL_MISSING: 503, Code.NLP_FAILED: 500, Code.CODING_FAILED: 500,
}
_HTTP = {404: Code.API_NOT_FOUND, 405: Code.API_METHOD, 413: Code.API_TOO_LARGE, 401: Code.API_UNAUTHORIZED,
         403: Code.API_UNAUTHORIZED}


class ApiError(AccordError):
    """An error a route raises on purpose (not found, unauthorized …) with its HTTP status."""

    def __init__(self, code: Code, detail: str = "", status: int | None = None):
        super().__init__(code, detail)
        self.status = status or _STATUS.get(code, 422)


def body(code: Code | str, message: str, detail=None) -> dict:
    value = code.value if isinstance(code, Code) else code
    return {"ok": False, "error": {"code": value, "message": message, "detail": detail}}


def error_response(code: Code, status: int, detail=None) -> JSONResponse:
    return JSONResponse(body(code, MESSAGES[code], detail), status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(AccordError)
    async def accord_error(request: Request, exc: AccordError):
        status = getattr(exc, "status", None) or _STATUS.get(exc.code, 422)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return JSONResponse(body(exc.code, MESSAGES[exc.code], exc.detail or None), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        detail = [{"parameter": ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body")) or None,
                   "problem": e.get("msg"), "value": _short(e.get("input"))} for e in exc.errors()]
        return JSONResponse(body(Code.QUERY_INVALID, MESSAGES[Code.QUERY_INVALID], detail), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = _HTTP.get(exc.status_code, Code.QUERY_INVALID if exc.status_code < 500 else Code.API_INTERNAL)
        detail = exc.detail if isinstance(exc.detail, (str, dict, list)) and exc.detail not in ("Not Found", "Method Not Allowed") else None
        return JSONResponse(body(code, MESSAGES[code], detail), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(Code.API_INTERNAL, 500, type(exc).__name__)


def _short(value):
    if isinstance(value, str) and len(value) > 200:
        return value[:200] + "…"
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return None


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413 (E411), whether the client
    declares a Content-Length or streams the body in chunks."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(send, f"{int(declared)} bytes > {self.limit}")
        if declared is not None and declared.isdigit():
            return await self.app(scope, receive, send)
        # No declared length (chunked): read the body up to the limit first, then replay it.
        chunks, seen, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.limit:
                return await self._refuse(send, f"more than {self.limit} bytes")
            more = message.get("more_body", False)
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replayed():
            return replay.pop() if replay else await receive()

        await self.app(scope, replayed, send)

    @staticmethod
    async def _refuse(send, detail: str):
        import json

        payload = json.dumps(body(Code.API_TOO_LARGE, MESSAGES[Code.API_TOO_LARGE], detail)).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
        await send({"type": "http.response.body", "body": payload})
