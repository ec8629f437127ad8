"""Which hosts Tally may fetch from: public addresses only, unless an intranet is allowed.

A page, a feed item or a redirect can name any host, so every hop is resolved here and refused
when any of its addresses is loopback, private, link-local (cloud metadata at 169.254.169.254),
multicast, unspecified, shared or reserved, in whatever spelling it came (``2130706433``,
``0x7f.1``, ``[::ffff:127.0.0.1]``): the resolver reads those, and the addresses it returns are
what is checked. The fetcher then connects to the address checked, not to the name again, so a
DNS answer that changes between the check and the connection (rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from tally.errors import FetchError, PrivateAddressError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_internal(address: IPAddress) -> bool:
    """Whether an address is anything but a public unicast one."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # ::ffff:a.b.c.d is that IPv4 address
            return is_internal(address.ipv4_mapped)
        inner = address.sixtofour or (address.teredo[1] if address.teredo else None)
        if inner is not None and is_internal(inner):
            return True
    return (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
    )


def resolve(url: str, allow_private: bool = False) -> str:
    """The address to connect to for a URL's host, checked.

    Args:
        url: An http(s) URL.
        allow_private: Allow internal addresses (an intranet's pages).

    Returns:
        The first address the host resolves to, as text (IPv6 without brackets).

    Raises:
        PrivateAddressError: The host resolves to an internal address (any of its addresses).
        FetchError: The host does not resolve.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"bad port in {url[:80]}", path=url) from None
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host[:80]!r} ({exc})", path=url, transient=True) from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    if not addresses:
        raise FetchError(f"cannot resolve {host[:80]!r}", path=url, transient=True)
    if not allow_private:
        for address in addresses:
            if is_internal(address):
                raise PrivateAddressError(
                    f"refused: {host[:80]} is an internal address ({address}); --allow-private fetches it",
                    path=url,
                )
    return str(addresses[0])
