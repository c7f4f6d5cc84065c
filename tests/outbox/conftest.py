import pathlib

import pytest

TEMPLATES = pathlib.Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _test_email_templates(settings):
    """The outbox renders any app's templates; these tests bring their own small pair."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}]
