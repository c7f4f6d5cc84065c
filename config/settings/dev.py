"""Local development: debug on, console email, a throwaway key when none is set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-insecure-key-do-not-use-in-production")
