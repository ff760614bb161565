"""Run the app on 127.0.0.1 in a background thread for browser tests; it stops by itself."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager


@contextmanager
def serving(app, max_seconds: float = 180, max_requests: int = 3000):
    """Yield the base URL of ``app`` served by uvicorn on a free loopback port. The server stops when
    the block ends, after ``max_requests`` requests, or after ``max_seconds`` — whichever comes first."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", limit_max_requests=max_requests,
                                           lifespan="on", timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="accord-test-server", daemon=True)
    thread.start()
    watchdog = threading.Timer(max_seconds, lambda: setattr(server, "should_exit", True))
    watchdog.daemon = True
    watchdog.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        watchdog.cancel()
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
