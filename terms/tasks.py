"""Background work for the terms app (django-tasks API). Tasks load ids and call a service."""

from django_tasks import task

from common.pdf import DocumentLanguage

from .models import TorVersion
from .records import ratification_record_generate


@task()
def ratification_records_task(version_id: int) -> int:
    """Generate the ratification record in every language once a version is adopted."""
    version = TorVersion.objects.select_related("tor__city").get(pk=version_id)
    for language in DocumentLanguage.values:
        ratification_record_generate(version=version, language=language)
    return len(DocumentLanguage.values)
