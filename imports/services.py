"""Writes of an import: read and check an upload into a batch, record the row choices, commit it.

Reading and committing run in a worker (imports/tasks.py), so no request waits on a 5,000-row file: the
upload view stores the bytes (`import_batch_receive`), the worker reads them (`import_batch_read`); the
commit view asks for the commit (`import_batch_commit_request`), the worker claims and runs it
(`import_batch_commit_run`). Each claim is a conditional UPDATE on the status, so two workers handed the
same batch never run a step twice. The waiting page reads the status and progress off the row.

The commit is one transaction: every row is checked again (the registry may have changed since the
preview) and the first bad row rolls everything back. New stakeholders are written in bulk (with the
same model checks as the registry's services, and the same rule that a name is unique once normalised):
stakeholder_create's per-row duplicate query would make a 5,000-row import quadratic. Updates and
contacts of existing stakeholders go through the registry's own services.
"""

import datetime
import logging
from collections.abc import Callable, Mapping

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cities.models import City
from common.db_statistics import planner_statistics_refresh
from common.text import normalize_search_text
from stakeholders import services as registry
from stakeholders.models import Contact, Stakeholder
from stakeholders.selectors import SIMILAR_FIELDS, domain_list, stakeholder_find_similar

from .columns import CONTACT_COLUMNS, STAKEHOLDER_COLUMNS, build_lookups, clean_row, map_headers, raw_values
from .models import Choice, ImportBatch, Status
from .readers import ImportFileError, read_table

EXPIRY = datetime.timedelta(hours=2)
MAX_MATCHES = 3
# The worker writes its progress every this many rows (one UPDATE each).
PROGRESS_EVERY = 250

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (rows done, rows in all)


def _no_progress(done: int, total: int) -> None:
    pass


def commit_progress_key(batch_id: int) -> str:
    """Where a running commit keeps its count: its UPDATEs of the row would stay unseen inside its transaction."""
    return f"imports:commit-progress:{batch_id}"


def _name_keys(values: Mapping) -> list[str]:
    return [key for key in (normalize_search_text(values.get(f) or "") for f in ("name_fr", "name_ar")) if key]


def import_batch_receive(*, city: City, user, filename: str, data: bytes, language: str) -> ImportBatch:
    """Keep an uploaded file as the user's one pending import in this city (replacing an earlier one that
    no worker is committing), waiting for the worker to read it. Errors of the file are the worker's to find."""
    ImportBatch.objects.filter(expires_at__lt=timezone.now()).exclude(status=Status.COMMITTING).delete()
    ImportBatch.objects.filter(city=city, user=user, committed_at__isnull=True).exclude(
        status=Status.COMMITTING
    ).delete()
    return ImportBatch.objects.create(
        city=city,
        user=user,
        filename=filename[:200],
        status=Status.READING,
        language=language,
        upload=data,
        expires_at=timezone.now() + EXPIRY,
    )


def _read_rows(*, city: City, filename: str, data: bytes, progress: Progress) -> tuple[list[dict], list[str]]:
    """Read the file, check each row and find each row's matches in the registry. Raises ImportFileError."""
    table = read_table(data, filename)
    header_map, missing = map_headers(table[0][1])
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(columns)s.")
            % {"columns": ", ".join(_(STAKEHOLDER_COLUMNS[key]) for key in missing)}
        )
    if len(table) == 1:
        raise ImportFileError(_("The file has no rows under its header."))
    lookups = build_lookups(domain_list())
    candidates = list(Stakeholder.objects.filter(city=city).only(*SIMILAR_FIELDS))
    exact: dict[str, int] = {}
    for other in candidates:
        for key in _name_keys({"name_fr": other.name_fr, "name_ar": other.name_ar}):
            exact.setdefault(key, other.pk)
    seen: dict[str, int] = {}
    rows = []
    progress(0, len(table) - 1)
    for done, (line, cells) in enumerate(table[1:]):
        if done and done % PROGRESS_EVERY == 0:
            progress(done, len(table) - 1)
        values = raw_values(cells, header_map)
        row = {"line": line, "values": values, "valid": False, "matches": [], "choice": Choice.SKIP, "target": None}
        rows.append(row)
        clean = clean_row(values, lookups)
        keys = _name_keys(clean.stakeholder)
        duplicate_of = next((seen[key] for key in keys if key in seen), None)
        for key in keys:
            seen.setdefault(key, line)
        if duplicate_of is not None:
            row["duplicate_of"] = duplicate_of
        if clean.errors or duplicate_of is not None:
            continue
        row["valid"] = True
        exact_pks = {exact[key] for key in keys if key in exact}
        matches = [[pk, 1.0, True] for pk in sorted(exact_pks)]
        if not exact_pks:
            # The registry's duplicate guard, on the candidates fetched once. Skipped when a name is
            # equal already: re-importing an export of 5,000 would otherwise compare 25 million pairs.
            names = clean.stakeholder
            similar = stakeholder_find_similar(
                city=city,
                name_fr=names["name_fr"],
                name_ar=names["name_ar"],
                acronym=[names["acronym_fr"], names["acronym_ar"]],
                candidates=candidates,
            )
            matches = [[s.pk, round(s.similarity, 2), False] for s in similar]
        row["matches"] = matches[:MAX_MATCHES]
        if len(exact_pks) == 1:
            row["choice"], row["target"] = Choice.UPDATE, matches[0][0]
        elif not matches:
            row["choice"] = Choice.CREATE
    return rows, header_map.ignored


def import_batch_read(*, batch_id: int) -> str:
    """The worker's reading of a received file: claims it (READING, not started), reads and checks every
    row with progress on the row, and leaves the batch READY, or FAILED with the reason (in the uploader's
    language). The file's bytes are dropped either way."""
    claimed = ImportBatch.objects.filter(pk=batch_id, status=Status.READING, started_at__isnull=True).update(
        started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    batch = ImportBatch.objects.get(pk=batch_id)
    data = bytes(batch.upload)

    def progress(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch_id).update(progress_done=done, progress_total=total)

    with translation.override(batch.language):
        try:
            rows, ignored = _read_rows(city=batch.city, filename=batch.filename, data=data, progress=progress)
        except ImportFileError as error:
            _fail(batch_id, str(error))
            return "refused"
        except Exception as error:  # recorded on the row: the waiting page says so, nothing was imported
            logger.exception("Reading import %s failed", batch_id)
            _fail(batch_id, _("The file could not be read. Try again in a few minutes."), error)
            return "failed"
    ImportBatch.objects.filter(pk=batch_id, status=Status.READING).update(
        status=Status.READY,
        rows=rows,
        ignored_columns=ignored,
        upload=b"",
        progress_done=len(rows),
        progress_total=len(rows),
        started_at=None,
    )
    return f"read {len(rows)} rows"


def _fail(batch_id: int, message: str, error: Exception | None = None) -> None:
    detail = f" ({type(error).__name__}: {error})" if error is not None else ""
    ImportBatch.objects.filter(pk=batch_id).update(
        status=Status.FAILED, error=(message + detail)[:2000], upload=b"", rows=[]
    )
    logger.info("Import %s stopped: %s%s", batch_id, message, detail)


def row_allowed_choices(row: dict) -> list[tuple[str, int | None]]:
    """What the user may choose for a row: (choice, target pk). Creating is refused when a name
    equals a registry name (it would be a duplicate); updating targets one of the row's matches."""
    if not row["valid"]:
        return [(Choice.SKIP, None)]
    allowed = [(Choice.SKIP, None)]
    if not any(exact for _pk, _similarity, exact in row["matches"]):
        allowed.append((Choice.CREATE, None))
    allowed += [(Choice.UPDATE, pk) for pk, _similarity, _exact in row["matches"]]
    return allowed


def parse_choice(value: str) -> tuple[str, int | None] | None:
    """ "create", "skip" or "update:<pk>" as (choice, pk); None when malformed."""
    if value in (Choice.CREATE, Choice.SKIP):
        return value, None
    kind, _sep, pk = value.partition(":")
    if kind == Choice.UPDATE and pk.isdigit() and len(pk) < 19:
        return Choice.UPDATE, int(pk)
    return None


def import_batch_set_choices(*, batch: ImportBatch, choices: Mapping[int, str]) -> int:
    """Record the choices posted for some rows (index in the batch -> "create" | "skip" | "update:<pk>").
    A choice the row does not allow (a forged target, an invalid row) is ignored. Returns how many changed."""
    changed = 0
    for index, value in choices.items():
        if not 0 <= index < len(batch.rows):
            continue
        row = batch.rows[index]
        choice = parse_choice(value)
        if choice is None or choice not in row_allowed_choices(row):
            continue
        if (row["choice"], row["target"]) != choice:
            row["choice"], row["target"] = choice
            changed += 1
    if changed:
        batch.save(update_fields=["rows"])
    return changed


def _row_error(row: dict, message: str) -> ValidationError:
    return ValidationError(_("Row %(line)s: %(error)s") % {"line": row["line"], "error": message})


def _stakeholder_changes(target: Stakeholder, fields: dict, domains) -> dict:
    changes = {name: value for name, value in fields.items() if (getattr(target, name) or "") != (value or "")}
    if domains is not None and {d.pk for d in domains} != {d.pk for d in target.domains.all()}:
        changes["domains"] = domains
    return changes


def _contact_for(target: Stakeholder, contact: dict) -> Contact | None:
    """The stakeholder's contact the row describes: the same email, else the same name."""
    email = contact["email"].casefold()
    name = normalize_search_text(contact["name"])
    live = [c for c in target.contacts.all() if c.erased_at is None]
    return next((c for c in live if email and c.email.casefold() == email), None) or next(
        (c for c in live if normalize_search_text(c.name) == name), None
    )


def _import_contact(target: Stakeholder, contact: dict) -> bool:
    """Make the row's contact the stakeholder's primary one (updated, or added). True when anything changed."""
    existing = _contact_for(target, contact)
    if existing is None:
        registry.contact_create(stakeholder=target, is_primary=True, **contact)
        return True
    if existing.is_primary and all(getattr(existing, k) == v for k, v in contact.items()):
        return False
    registry.contact_update(contact=existing, is_primary=True, **contact)
    return True


def import_batch_commit_request(*, batch: ImportBatch) -> bool:
    """Ask the worker to commit a batch that is ready (a conditional UPDATE: a second click, or a batch
    a worker holds already, asks for nothing). False when the batch was not ready."""
    asked = ImportBatch.objects.filter(pk=batch.pk, status=Status.READY, committed_at__isnull=True).update(
        status=Status.COMMIT_QUEUED, error="", progress_done=0, progress_total=0
    )
    return bool(asked)


def import_batch_commit_run(*, batch_id: int) -> str:
    """The worker's commit: claims the batch (COMMIT_QUEUED -> COMMITTING, one conditional UPDATE, so two
    workers never commit it twice), commits it in the uploader's language, and records the outcome: DONE
    with the counts; back to READY with the reason when a check refuses it (the user fixes the choices and
    tries again); FAILED when the worker itself broke. Nothing is imported unless it is DONE."""
    claimed = ImportBatch.objects.filter(pk=batch_id, status=Status.COMMIT_QUEUED).update(
        status=Status.COMMITTING, started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    batch = ImportBatch.objects.get(pk=batch_id)
    key = commit_progress_key(batch_id)

    def progress(done: int, total: int) -> None:
        cache.set(key, (done, total), timeout=3600)

    with translation.override(batch.language):
        try:
            counts = import_batch_commit(batch=batch, progress=progress)
        except (ValidationError, IntegrityError) as error:
            reason = (
                " ".join(error.messages) if isinstance(error, ValidationError) else _("the registry changed meanwhile.")
            )
            ImportBatch.objects.filter(pk=batch_id, status=Status.COMMITTING).update(
                status=Status.READY, error=_("Nothing was imported: %(reason)s") % {"reason": reason}, started_at=None
            )
            return "refused"
        except Exception as error:  # recorded on the row: the waiting page says so; the transaction rolled back
            logger.exception("Committing import %s failed", batch_id)
            _fail(batch_id, _("The import stopped on an error: nothing was imported."), error)
            return "failed"
        finally:
            cache.delete(key)
    if counts["created"]:
        # A new city's rows are unknown to the planner until the tables are analysed (common/db_statistics.py).
        planner_statistics_refresh(Stakeholder, Stakeholder.domains.through, Contact)
    return "imported: {created} created, {updated} updated".format(**counts)


@transaction.atomic
def import_batch_commit(*, batch: ImportBatch, progress: Progress = _no_progress) -> dict[str, int]:
    """Apply every row's choice in one transaction; any error (a row no longer valid, a name taken since
    the preview, a target gone) raises ValidationError and leaves the registry as it was. Returns the
    counts: created, updated, unchanged, skipped."""
    locked = ImportBatch.objects.select_for_update().filter(pk=batch.pk).first()
    if locked is None or locked.committed_at is not None:
        raise ValidationError(_("This file was already imported."))
    if locked.expires_at <= timezone.now():
        raise ValidationError(_("This import expired. Upload the file again."))
    city = locked.city
    lookups = build_lookups(domain_list())
    taken: dict[str, object] = {}
    for pk, name_fr, name_ar in Stakeholder.objects.filter(city=city).values_list("pk", "name_fr", "name_ar"):
        for key in _name_keys({"name_fr": name_fr, "name_ar": name_ar}):
            taken.setdefault(key, pk)
    target_pks = [row["target"] for row in locked.rows if row["choice"] == Choice.UPDATE]
    targets = {
        s.pk: s
        for s in Stakeholder.objects.filter(city=city, pk__in=target_pks).prefetch_related(
            "domains", Prefetch("contacts", queryset=Contact.objects.order_by("pk"))
        )
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    new_rows = []
    total = len(locked.rows)
    progress(0, total)
    for done, row in enumerate(locked.rows):
        if done and done % PROGRESS_EVERY == 0:
            progress(done, total)
        if row["choice"] == Choice.SKIP:
            counts["skipped"] += 1
            continue
        clean = clean_row(row["values"], lookups)
        if clean.errors:
            raise _row_error(row, " ".join(clean.errors))
        present = row["values"].keys()
        target = targets.get(row["target"]) if row["choice"] == Choice.UPDATE else None
        if row["choice"] == Choice.UPDATE and target is None:
            raise _row_error(row, _("the stakeholder to update is no longer in the registry."))
        own = target.pk if target else None
        for key in _name_keys(clean.stakeholder):
            if taken.get(key, own) != own:
                raise _row_error(
                    row,
                    _("“%(name)s” is already in this city's registry.") % {"name": clean.stakeholder["name_fr"]},
                )
            taken[key] = own if own else ("row", row["line"])
        contact = clean.contact if CONTACT_COLUMNS.keys() & present else None
        if target is None:
            new_rows.append((clean, contact))
            continue
        fields = {k: v for k, v in clean.stakeholder.items() if k in present}
        changes = _stakeholder_changes(target, fields, clean.domains if "domains" in present else None)
        changed = bool(changes)
        if changes:
            domains = changes.pop("domains", None)
            try:
                registry.stakeholder_update(stakeholder=target, domains=domains, **changes)
            except ValidationError as error:
                raise _row_error(row, " ".join(error.messages)) from error
        if contact is not None and contact["name"]:
            try:
                changed = _import_contact(target, contact) or changed
            except ValidationError as error:
                raise _row_error(row, " ".join(error.messages)) from error
        counts["updated" if changed else "unchanged"] += 1
    counts["created"] = _create_all(city, new_rows)
    progress(total, total)
    locked.committed_at = timezone.now()
    locked.summary = counts
    locked.rows = []
    locked.status = Status.DONE
    locked.progress_done = locked.progress_total = total
    locked.error = ""
    locked.save(update_fields=["committed_at", "summary", "rows", "status", "progress_done", "progress_total", "error"])
    return counts


def _create_all(city: City, new_rows: list) -> int:
    """The new stakeholders, their domains and primary contacts, in a few bulk inserts."""
    now = timezone.now()
    stakeholders = []
    for clean, _contact in new_rows:
        fields = dict(clean.stakeholder)
        is_active = fields.pop("is_active")
        stakeholder = Stakeholder(city=city, is_active=is_active, deactivated_at=None if is_active else now, **fields)
        # The city is the batch's (no per-row lookup of it); the names' uniqueness was checked above.
        stakeholder.full_clean(exclude=["city"], validate_unique=False, validate_constraints=False)
        stakeholder.refresh_search_fields()
        stakeholders.append(stakeholder)
    Stakeholder.objects.bulk_create(stakeholders, batch_size=500)
    through = Stakeholder.domains.through
    links, contacts = [], []
    for stakeholder, (clean, contact) in zip(stakeholders, new_rows, strict=True):
        links += [through(stakeholder_id=stakeholder.pk, domain_id=d.pk) for d in clean.domains]
        if contact is not None and contact["name"]:
            person = Contact(stakeholder=stakeholder, is_primary=True, **contact)
            person.full_clean(exclude=["stakeholder"], validate_unique=False, validate_constraints=False)
            contacts.append(person)
    through.objects.bulk_create(links, batch_size=1000)
    Contact.objects.bulk_create(contacts, batch_size=500)
    return len(stakeholders)


@transaction.atomic
def import_batch_discard(*, batch: ImportBatch) -> None:
    batch.delete()
