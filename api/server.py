"""The ASGI app uvicorn serves (``robo serve``): built from the environment's settings."""

from __future__ import annotations

from api.app import create_app

app = create_app()
