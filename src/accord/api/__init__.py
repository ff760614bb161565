"""The HTTP API and dashboard (`accord serve`): a thin FastAPI shell over accord.store and the pipeline."""

from accord.api.app import create_app

__all__ = ["create_app"]
