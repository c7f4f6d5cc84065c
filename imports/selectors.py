"""Reads of an import: the user's pending batch, and one page of its preview."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City
from stakeholders.models import Stakeholder
from stakeholders.selectors import domain_list

from .columns import build_lookups, clean_row
from .models import Choice, ImportBatch, Status
from .services import commit_progress_key, row_allowed_choices

PAGE_SIZE = 50


def import_batch_pending(*, city: City, user, pk: int) -> ImportBatch | None:
    """The user's own import in this city, read and waiting for the user's choices: neither imported,
    nor in a worker's hands, nor expired (one query)."""
    return (
        ImportBatch.objects.filter(
            city=city, user=user, pk=pk, status=Status.READY, committed_at__isnull=True, expires_at__gt=timezone.now()
        )
        .defer("upload")
        .first()
    )


def import_batch_of(*, city: City, user, pk: int) -> ImportBatch | None:
    """The user's own import in this city at any step, unless expired (one query)."""
    return (
        ImportBatch.objects.filter(city=city, user=user, pk=pk, expires_at__gt=timezone.now()).defer("upload").first()
    )


def import_batch_progress(batch: ImportBatch) -> tuple[int, int]:
    """(rows done, rows in all) of the step a worker runs: off the row, or off the cache while a commit
    runs (its own transaction hides its writes to the row until it ends)."""
    if batch.status == Status.COMMITTING:
        done, total = cache.get(commit_progress_key(batch.pk)) or (0, len(batch.rows))
        return done, total
    return batch.progress_done, batch.progress_total


@dataclass
class PreviewRow:
    index: int
    line: int
    values: dict
    errors: list[str]
    matches: list  # (stakeholder, similarity percent, exact)
    options: list  # (value, label, selected)


@dataclass
class PreviewTotals:
    rows: int
    invalid: int
    create: int
    update: int
    skip: int


def preview_totals(batch: ImportBatch) -> PreviewTotals:
    rows = batch.rows
    choices = [row["choice"] for row in rows]
    return PreviewTotals(
        rows=len(rows),
        invalid=sum(1 for row in rows if not row["valid"]),
        create=choices.count(Choice.CREATE),
        update=choices.count(Choice.UPDATE),
        skip=choices.count(Choice.SKIP),
    )


def _option_label(choice: str, stakeholder) -> str:
    if choice == Choice.UPDATE:
        return _("Update “%(name)s”") % {"name": stakeholder.name if stakeholder else "?"}
    return str(Choice(choice).label)


def preview_page(*, batch: ImportBatch, page_number) -> tuple[Page, list[PreviewRow]]:
    """One page of the preview: each row's errors (checked again, in the page's language), its
    matches in the registry and the choices it allows. Two queries: the domains, the matches."""
    page = Paginator(list(enumerate(batch.rows)), PAGE_SIZE).get_page(page_number)
    lookups = build_lookups(domain_list())
    pks = {pk for _index, row in page.object_list for pk, _s, _e in row["matches"]}
    stakeholders = Stakeholder.objects.filter(city=batch.city_id, pk__in=pks).only(
        "pk", "city_id", "name_fr", "name_ar", "acronym_fr", "acronym_ar", "is_active"
    )
    found = {s.pk: s for s in stakeholders} if pks else {}
    rows = []
    for index, row in page.object_list:
        errors = clean_row(row["values"], lookups).errors
        if row.get("duplicate_of"):
            errors.append(_("The same name is on row %(line)s of the file.") % {"line": row["duplicate_of"]})
        current = (row["choice"], row["target"])
        options = [
            (f"{choice}:{pk}" if pk else choice, _option_label(choice, found.get(pk)), (choice, pk) == current)
            for choice, pk in row_allowed_choices(row)
        ]
        rows.append(
            PreviewRow(
                index=index,
                line=row["line"],
                values=row["values"],
                errors=errors,
                matches=[
                    (found[pk], round(similarity * 100), exact)
                    for pk, similarity, exact in row["matches"]
                    if pk in found
                ],
                options=options,
            )
        )
    return page, rows
