"""The HTTP layer: a FastAPI app (`app.py`) with JSON routes under /api (`routes_*.py`, one module per
feature, found automatically) and the web UI pages (`marsad.web`). Errors always have one shape:
{"error": {"code": "...", "message": "..."}}."""
