"""The dashboard: static files served by accord.api at / (see static/VENDOR.md for the vendored libraries)."""
