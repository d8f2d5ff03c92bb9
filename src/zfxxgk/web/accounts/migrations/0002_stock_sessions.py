"""Data migration: sessions made under the project's former authentication
backend (raw SQL, now ModelBackend with its answers cached) name that backend;
Django would treat them as logged out. They are rewritten to name the current
one, so that an upgrade logs no one out."""

from django.db import migrations

OLD = "zfxxgk.web.accounts.backends.OneQueryModelBackend"
NEW = "zfxxgk.web.accounts.backends.SharedCacheModelBackend"


def rename_backend(apps, schema_editor):
    from django.contrib.auth import BACKEND_SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    Session = apps.get_model("sessions", "Session")
    store = SessionStore()
    for session in Session.objects.filter(expire_date__isnull=False).iterator():
        data = store.decode(session.session_data)
        if data.get(BACKEND_SESSION_KEY) == OLD:
            data[BACKEND_SESSION_KEY] = NEW
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_roles"), ("sessions", "0001_initial")]
    operations = [migrations.RunPython(rename_backend, migrations.RunPython.noop)]
