"""The web application: a Django project inside the package.

A thin face over `zfxxgk.api`, `zfxxgk.check` and `zfxxgk.render`, like the CLI:
the apps store reports, findings and who did what; the library does the reading,
checking and rendering. `zfxxgk serve` runs it (server.py).
"""

SETTINGS_MODULE = "zfxxgk.web.settings"


def setup() -> None:
    """Configure Django for this project (for the CLI, tests and scripts)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()
