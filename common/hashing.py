"""Canonical forms and SHA-256: what a frozen document's hash covers, written once.

A stored hash must come out the same for the same content whatever the database, the line ends
a browser posted or the Unicode composition a keyboard produced; changing these functions changes
every stored hash, so they do not change.
"""

import hashlib
import json
import unicodedata


def canonical_text(value: str | None) -> str:
    """NFC, Unix line ends, no surrounding blanks: two renderings of the same text hash the same."""
    value = unicodedata.normalize("NFC", value or "")
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def canonical_json(payload) -> bytes:
    """JSON with sorted keys, no spaces, UTF-8 (not ASCII escapes): one byte string per content."""
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sha256_hex(data: bytes | str) -> str:
    """The SHA-256 of bytes, or of text encoded as UTF-8, as 64 lowercase hex digits."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()
