"""The FastAPI application: API routes under /v1, the dashboard at /, OpenAPI at /openapi.json, docs at /docs."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

import accord
from accord.api import code_routes, errors, export_routes, read_routes
from accord.api.state import ServerStore
from accord.settings import Settings, load_settings


def _static_dir() -> Path:
    return Path(str(resources.files("accord.web") / "static"))


def create_app(db: str | Path | None = None, settings: Settings | None = None) -> FastAPI:
    """The app over the store file ``db`` (default: settings db_path), opened when the app starts.

    The file is opened for writing and held until shutdown; see accord.api.state for why."""
    settings = settings or load_settings()
    path = Path(db) if db is not None else Path(settings.db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.server = ServerStore(path, settings)
        try:
            yield
        finally:
            app.state.server.close()

    app = FastAPI(title="Accord", version=accord.__version__, lifespan=lifespan,
                  description="Political event data from news: query the store, code text, export layouts. "
                              "Every error is {\"ok\": false, \"error\": {\"code\", \"message\", \"detail\"}}.")
    errors.install(app)
    if settings.api_cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.api_cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(errors.BodyLimit, limit=settings.api_max_bytes)
    for module in (read_routes, code_routes, export_routes):
        app.include_router(module.router)
    static = _static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard():
        return FileResponse(static / "index.html", media_type="text/html")

    @app.get("/v1/health", tags=["read"], summary="The server is up; which store it holds")
    def health():
        return {"ok": True, "version": accord.__version__, "db": str(path)}

    return app
