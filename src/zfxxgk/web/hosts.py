"""The host names the web application answers to (Django's ALLOWED_HOSTS).

Not `*`: with any Host accepted, a forged Host header makes links and redirects
point off-site, and DNS rebinding reaches a desk server from a web page. By
default only this machine's own names; `zfxxgk serve --host ADDRESS` adds that
address (for 0.0.0.0, the machine's name and addresses); ZFXXGK_ALLOWED_HOSTS
(comma-separated) replaces the list, e.g. with the intranet name users type."""

from __future__ import annotations

import socket

LOCAL = ("localhost", "127.0.0.1", "[::1]")
ANY = ("0.0.0.0", "::", "")


def parse(value: str | None) -> list[str]:
    """ZFXXGK_ALLOWED_HOSTS -> the list; unset or blank -> this machine only."""
    hosts = [h.strip() for h in (value or "").split(",") if h.strip()]
    return hosts or list(LOCAL)


def for_bind(host: str) -> list[str]:
    """The names a server bound to `host` is reached by."""
    names = list(LOCAL)
    if host in ANY:
        try:
            name = socket.gethostname()
            names += [name, *socket.gethostbyname_ex(name)[2]]
        except OSError:  # no resolvable host name: the local names stay
            pass
    elif host not in names:
        names.append(f"[{host}]" if ":" in host else host)
    return list(dict.fromkeys(names))
