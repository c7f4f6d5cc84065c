"""Background work for the terms app (django-tasks API). Tasks load ids and call a service."""

from django_tasks import task

from common.pdf import DocumentLanguage

from .models import RatificationRecord, TorVersion
from .records import ratification_record_generate, ratification_record_render


@task()
def ratification_records_task(version_id: int) -> int:
    """Generate the ratification record in every language once a version is adopted."""
    version = TorVersion.objects.select_related("tor__city").get(pk=version_id)
    for language in DocumentLanguage.values:
        ratification_record_generate(version=version, language=language)
    return len(DocumentLanguage.values)


@task()
def ratification_record_task(record_id: int) -> str:
    record = RatificationRecord.objects.filter(pk=record_id, size=0).first()
    if record is None:
        return "skipped"
    ratification_record_render(record=record)
    return record.sha256
