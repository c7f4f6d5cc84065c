import pathlib

import pytest

TEMPLATES = pathlib.Path(__file__).parent / "templates"


@pytest.fixture
def test_templates(settings):
    """common renders any app's templates; these tests bring their own small one."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES]}]
