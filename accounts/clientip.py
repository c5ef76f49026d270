"""The client's address, for the sign-up throttle and the login lock's records.

Behind a load balancer every request comes from the balancer's address; the balancer
(nginx, deploy/nginx/) passes the client's in X-Forwarded-For. Anyone can write that
header, so it is read only when the request comes from a proxy named in
settings.TRUSTED_PROXIES (addresses or networks): like SECURE_PROXY_SSL_HEADER, a statement
about the deployment. Otherwise the address is the connection's own (REMOTE_ADDR).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _address(value: str) -> Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:51234
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address: Address, networks: tuple) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or, when that is a trusted proxy, the nearest
    address in X-Forwarded-For that is not one (walking back from the last hop, so a client
    cannot push its own choice past the proxies). A malformed header is ignored."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    address = _address(remote) if remote else None
    if address is None or not networks or not _trusted(address, networks):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if not hops and request.META.get("HTTP_X_REAL_IP"):
        hops = [request.META["HTTP_X_REAL_IP"]]
    parsed = [_address(hop) for hop in hops]
    if not parsed or any(hop is None for hop in parsed):
        return remote
    for hop in reversed(parsed):
        if not _trusted(hop, networks):
            return str(hop)
    return str(parsed[0])  # every hop is one of our proxies: the first is the origin
