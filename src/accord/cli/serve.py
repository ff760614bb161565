"""`accord serve`: the HTTP API and dashboard over one store file (the server holds it while it runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from accord.cli._output import fail
from accord.errors import AccordError


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store file (default: settings db_path, ACCORD_DB)."),
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 exposes it to the network)."),
        port: int = typer.Option(8000, "--port", help="TCP port."),
        token: Optional[str] = typer.Option(None, "--token", envvar="ACCORD_API_TOKEN",
                                            help="Require this bearer token to store documents."),
    ) -> None:
        """Serve the API (/v1, docs at /docs) and the dashboard (/) until Ctrl-C.

        The server holds the store file open for writing, so other processes cannot open it meanwhile: send documents to POST /v1/code?store=true instead of running `accord code`."""
        import uvicorn

        from accord.api import create_app
        from accord.api.state import ServerStore
        from accord.settings import load_settings

        settings = load_settings(db_path=db, api_token=token)
        try:  # open once up front, so a busy or bad file is a clear error rather than a server that dies
            ServerStore(settings.db_path, settings).close()
        except AccordError as exc:
            fail(exc)
        typer.echo(f"accord: serving {settings.db_path} at http://{host}:{port}/  (API docs: /docs; Ctrl-C stops)", err=True)
        uvicorn.run(create_app(settings.db_path, settings), host=host, port=port, log_level="warning")
