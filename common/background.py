"""PDFs printed in the background: no request waits for a long print. (This module holds no model: an
app registers its finishing step from AppConfig.ready().)

A view builds the document's final HTML (fast: templates and queries) and asks for its PDF with
`common.services.pdf_job_get_or_queue`. The job is keyed by the SHA-256 of what it prints (the HTML, the PDF variant and
the finishing step), so the same content is printed once and served from the row afterwards; a change in
what the document prints makes a new key. The worker (`common.tasks.pdf_job_task`) prints it and records
its progress; the page the user waits on (`common.responses.pdf_or_progress`) refreshes itself until the file is ready.

Queueing a print from a GET is a cache fill, not a change of state: the same request always gets the same
file, and nothing a user sees changes but how soon it arrives.

An app that must do more with the printed bytes (issue and sign a frozen version's copy) registers a
finishing step by name in its AppConfig.ready(): `register_finish("planning.roadmap", fn)`, where
fn(pdf: bytes, **params) returns the bytes to serve.
"""

import json
from collections.abc import Callable
from datetime import timedelta

from .hashing import sha256_hex

# A job left "printing" this long was lost with its worker (killed, restarted): the next request queues it again.
STALE_RENDERING = timedelta(minutes=10)

_FINISH: dict[str, Callable[..., bytes]] = {}


def finish_is_registered(name: str) -> bool:
    return name in _FINISH


def finish_step(name: str) -> Callable[..., bytes]:
    return _FINISH[name]


def register_finish(name: str, fn: Callable[..., bytes]) -> None:
    """Register a finishing step (called by the worker with the printed bytes and the job's params)."""
    if name in _FINISH and _FINISH[name] is not fn:
        raise ValueError(f"Finishing step {name!r} is already registered.")
    _FINISH[name] = fn


def pdf_job_key(*, html: str, pdf_variant: str = "", finish: str = "", finish_params: dict | None = None) -> str:
    params = json.dumps(finish_params or {}, sort_keys=True)
    return sha256_hex("\x1f".join((html, pdf_variant, finish, params)))
