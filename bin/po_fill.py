"""Fill a catalog's French and Arabic translations from a JSON file.

    .venv/bin/python bin/po_fill.py stakeholders/locale /tmp/strings.json [--force]

The JSON maps each msgid to {"fr": "...", "ar": "..."}; for a plural entry the values are
lists (French 2 forms, Arabic 6 forms: zero, one, two, few, many, other). Only empty
entries are filled unless --force. Prints what is still missing.
"""

import json
import pathlib
import sys

import polib


def main(locale_root: str, json_path: str, force: bool = False) -> int:
    data = json.loads(pathlib.Path(json_path).read_text(encoding="utf-8"))
    missing = 0
    for lang in ("fr", "ar"):
        path = pathlib.Path(locale_root) / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            if entry.obsolete:
                continue
            # A fuzzy entry is msgmerge's guess from an older msgid: treat it as missing.
            stale = "fuzzy" in entry.flags
            key = entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}"
            value = data.get(key, {}).get(lang)
            if entry.msgid_plural:
                if value and (force or stale or not all(entry.msgstr_plural.values())):
                    entry.msgstr_plural = dict(enumerate(value))
                    entry.flags = [f for f in entry.flags if f != "fuzzy"]
                    entry.previous_msgid = entry.previous_msgid_plural = None
                if not all(entry.msgstr_plural.values()) or "fuzzy" in entry.flags:
                    missing += 1
                    print(f"{path}: missing plural {entry.msgid!r}")
            else:
                if value and (force or stale or not entry.msgstr):
                    entry.msgstr = value
                    entry.flags = [f for f in entry.flags if f != "fuzzy"]
                    entry.previous_msgid = entry.previous_msgid_plural = None
                if not entry.msgstr or "fuzzy" in entry.flags:
                    missing += 1
                    print(f"{path}: missing {entry.msgid!r}")
        po.save()
    print(f"{missing} entries still missing")
    return 1 if missing else 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--force"]
    sys.exit(main(args[0], args[1], force="--force" in sys.argv))
