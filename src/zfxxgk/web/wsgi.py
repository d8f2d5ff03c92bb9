"""The WSGI application (waitress in `zfxxgk serve`, or any WSGI server)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zfxxgk.web.settings")
application = get_wsgi_application()
