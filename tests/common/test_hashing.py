"""Canonical forms and SHA-256. Stored hashes depend on these bytes: the expected values are literal."""

import pytest

from common.hashing import canonical_json, canonical_text, sha256_hex


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  Article 1  \n", "Article 1"),
        ("ligne 1\r\nligne 2\rligne 3", "ligne 1\nligne 2\nligne 3"),
        ("Socie\u0301te\u0301", "Société"),  # decomposed accents compose (NFC)
        ("\u0623\u064e\u062d\u0652\u0645\u064e\u062f", "\u0623\u064e\u062d\u0652\u0645\u064e\u062f"),  # harakat stay
    ],
)
def test_canonical_text(value, expected):
    assert canonical_text(value) == expected


def test_canonical_json_sorts_keys_drops_spaces_and_keeps_unicode():
    payload = {"number": 2, "heading_ar": "المادة", "format": 1, "sections": [{"b": None, "a": True}]}
    expected = '{"format":1,"heading_ar":"المادة","number":2,"sections":[{"a":true,"b":null}]}'
    assert canonical_json(payload) == expected.encode("utf-8")


def test_the_same_content_in_any_key_order_hashes_the_same():
    assert sha256_hex(canonical_json({"a": 1, "b": "é"})) == sha256_hex(canonical_json({"b": "é", "a": 1}))


def test_sha256_hex_of_bytes_and_of_text():
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert sha256_hex("تونس") == sha256_hex("تونس".encode())


def test_a_canonical_payload_keeps_its_hash():
    """A frozen version's stored SHA-256 must still match after any refactoring of this module."""
    payload = {"format": 1, "number": 1, "sections": [{"heading_fr": canonical_text(" Objet\r\n"), "position": 1}]}
    assert canonical_json(payload) == b'{"format":1,"number":1,"sections":[{"heading_fr":"Objet","position":1}]}'
    assert sha256_hex(canonical_json(payload)) == "fa1a68bc113f7a714ae06783ce38199c802bb1bf8f7638c9a606a3551387f9ec"
