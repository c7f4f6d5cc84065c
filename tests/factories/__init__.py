"""One factory per model, one module per app; import them all from `tests.factories`."""

from .cities import *  # noqa: F403
from .consultations import *  # noqa: F403
from .inventory import *  # noqa: F403
from .links import *  # noqa: F403
from .planning import *  # noqa: F403
from .programmes import *  # noqa: F403
from .stakeholders import *  # noqa: F403
from .terms import *  # noqa: F403
