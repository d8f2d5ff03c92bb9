"""Fetching a URL someone typed into the web app, without letting them use the
server to reach what only the server can reach (SSRF): the database, the cloud's
metadata service at 169.254.169.254, an intranet admin page.

Every address a host name resolves to must be public (not private, loopback,
link-local, multicast, reserved or shared), checked for each redirect hop before
the request and again at connection time on the very address connected to — so a
DNS answer that changes between the check and the connection (rebinding) gains
nothing. Hosts an administrator allows by name (an intranet portal) are exempt.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

import httpcore
import httpx

from .client import Policy, PoliteClient, Response

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address of `host` (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


# IPv6 prefixes that carry an IPv4 address in their last 32 bits, which a gateway on
# the way (NAT64, SIIT) or the host itself (IPv4-compatible) may send the packet to:
# 64:ff9b::10.0.0.1 reaches the intranet's 10.0.0.1 on a network with NAT64.
_CARRIES_IPV4 = tuple(ipaddress.ip_network(n) for n in ("64:ff9b::/96", "::ffff:0:0:0/96", "::/96"))
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: any network's own


def is_public(address: str) -> bool:
    """Globally reachable, and so is any IPv4 address the IPv6 one carries (mapped,
    NAT64, SIIT, 6to4, IPv4-compatible); site-local and local-use NAT64 never are."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local or ip in _LOCAL_NAT64:
            return False
        inner = ip.ipv4_mapped or ip.sixtofour or next(
            (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) for net in _CARRIES_IPV4 if ip in net), None)
        if inner is not None:
            ip = inner
    return ip.is_global and not ip.is_multicast


class AddressGuard:
    """Judges hosts and addresses; `allowed_hosts` are names an administrator trusts."""

    def __init__(self, allowed_hosts: Iterable[str] = (), resolver: Resolver = resolve):
        self.allowed = {h.strip().lower().rstrip(".") for h in allowed_hosts if h.strip()}
        self.resolver = resolver

    def host_allowed(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.allowed

    def refusal(self, url: str) -> str | None:
        """None when `url` may be fetched, else why not (Chinese)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return "只能导入 http 或 https 网址"
        if self.host_allowed(parts.hostname):
            return None
        try:
            addresses = self.resolver(parts.hostname, parts.port or 80)
        except (OSError, UnicodeError):
            return f"无法解析域名 {parts.hostname}"
        bad = [a for a in addresses if not is_public(a)]
        if bad or not addresses:
            return (f"网址指向内网、本机或保留地址（{'、'.join(bad) or '无地址'}），不予访问；"
                    "如确需导入内网网站，请管理员把这个域名加入 ZFXXGK_FETCH_ALLOWED_HOSTS")
        return None

    def vetted_address(self, host: str, port: int) -> str:
        """The address to connect to: the host itself when allowed, else a public
        address it resolves to now (raises OSError when any is not public)."""
        if self.host_allowed(host):
            return host
        addresses = self.resolver(host, port)
        if not addresses or not all(is_public(a) for a in addresses):
            raise OSError(f"拒绝连接内网、本机或保留地址（{host}）")
        return addresses[0]


class _GuardedBackend(httpcore.SyncBackend):
    def __init__(self, guard: AddressGuard):
        self.guard = guard

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None):
        address = self.guard.vetted_address(host, port)
        return super().connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                   socket_options=socket_options)


def guarded_transport(guard: AddressGuard) -> httpx.HTTPTransport:
    """An httpx transport that connects only to addresses the guard accepts. TLS
    still checks the certificate against the host name (httpcore passes it apart)."""
    transport = httpx.HTTPTransport(retries=0, trust_env=False)
    transport._pool._network_backend = _GuardedBackend(guard)  # httpcore's pool keeps it here
    return transport


def fetch_one(url: str, guard: AddressGuard, policy: Policy | None = None) -> Response:
    """One URL, as the web app's “从网址导入” fetches it: guarded at every hop."""
    with PoliteClient(policy or Policy(delay=0, retries=1, timeout=20),
                      transport=guarded_transport(guard)) as client:
        return client.get(url, allow=guard.refusal)
