# Arabic as written in Algeria: the same month names as in Tunisia (common.locales).
from ..ar_TN.formats import *  # noqa: F403
