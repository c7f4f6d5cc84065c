"""Which page handles each link purpose. Apps register in AppConfig.ready()."""

_PURPOSES: dict[str, str] = {}


def register_purpose(purpose: str, url_name: str) -> None:
    _PURPOSES[purpose] = url_name


def purpose_url_name(purpose: str) -> str | None:
    return _PURPOSES.get(purpose)
