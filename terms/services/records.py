"""Ratification records on request: started now, printed by the worker."""

from ..models import RatificationRecord, TorVersion
from ..records import ratification_record_start
from ..tasks import ratification_record_task


def ratification_record_queue(*, version: TorVersion, language: str, user=None) -> RatificationRecord:
    """Start a record and print it in the background (200 stakeholders take seconds to lay out): the
    version page shows it in preparation until the worker has rendered it."""
    record = ratification_record_start(version=version, language=language, user=user)
    ratification_record_task.enqueue(record.pk)
    return record
