"""No fetch reaches an internal address unless allowed: loopback in any spelling, private and
link-local ranges, and redirects into them are refused with one line (T107); ``allow_private``
(``--allow-private``) fetches them. The servers here are on 127.0.0.1 only."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.errors import FetchError, PrivateAddressError
from tally.ingest import addresses
from tally.ingest.fetch import Fetcher
from tally.options import FetchOptions

from .site import TRICKLE, Site, article_html, serve

QUICK = FetchOptions(timeout=2.0, retries=0, backoff=0.05, host_interval=0.0)
PAGE = article_html("Bridge closed after barge strike", [
    "The river bridge stayed shut on Friday after a barge struck a pier, and 40 lorries a "
    "day were sent the long way round, the county said.",
])  # fmt: skip


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        running.page("/bridge", PAGE)
        yield running


def _port(site: Site) -> int:
    return int(site.base.rsplit(":", 1)[1])


@pytest.mark.parametrize("host", [
    "127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "localhost", "0.0.0.0", "0",
    "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "169.254.169.254", "10.1.2.3", "172.16.0.9",
    "192.168.1.1", "100.64.0.1", "224.0.0.1", "240.0.0.1", "255.255.255.255", "[fe80::1]",
    "[fc00::1]", "[ff02::1]", "[::]", "[2002:7f00:1::]",
])  # fmt: skip
def test_internal_addresses_are_refused_in_every_spelling(host: str) -> None:
    with pytest.raises(PrivateAddressError) as caught:
        addresses.resolve(f"http://{host}:8080/latest/meta-data/")
    assert str(caught.value).startswith("T107 http://") and "\n" not in str(caught.value)
    assert addresses.resolve(f"http://{host}:8080/", allow_private=True)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700:4700::1111", "8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    host = f"[{address}]" if ":" in address else address
    assert addresses.resolve(f"https://{host}/news") == address


def test_a_local_server_is_refused_by_default_and_fetched_when_allowed(site: Site) -> None:
    for url in (site.url("/bridge"), f"http://2130706433:{_port(site)}/bridge"):
        with Fetcher(QUICK) as fetcher, pytest.raises(PrivateAddressError) as caught:
            fetcher.get(url)
        assert str(caught.value) == (f"T107 {url}: refused: {url.split('/')[2].split(':')[0]} is an "
                                     "internal address (127.0.0.1); --allow-private fetches it")  # fmt: skip
        with Fetcher(FetchOptions(**{**QUICK.__dict__, "allow_private": True})) as fetcher:
            fetched = fetcher.get(url)
        assert fetched is not None and b"40 lorries" in fetched.body
    assert len(site.hits("/bridge")) == 2  # the two allowed fetches; nothing reached it before


def test_a_redirect_into_an_internal_address_is_refused(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # The site stands in for a public one: loopback is let through, every other internal range not.
    real = addresses.is_internal
    monkeypatch.setattr(addresses, "is_internal", lambda a: not a.is_loopback and real(a))
    site.redirect("/moved", "http://169.254.169.254/latest/meta-data/")
    with Fetcher(QUICK) as fetcher, pytest.raises(PrivateAddressError, match="169.254.169.254 is an internal"):
        fetcher.get(site.url("/moved"))
    assert len(site.hits("/moved")) == 1


def test_the_connection_goes_to_the_address_checked(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # A name that does not resolve at all: only the checked address can have been dialled.
    checked: list[str] = []

    def resolve(url: str, allow_private: bool = False) -> str:
        checked.append(url)
        return "127.0.0.1"

    monkeypatch.setattr("tally.ingest.fetch.resolve", resolve)
    url = f"http://news.invalid:{_port(site)}/bridge"
    with Fetcher(QUICK) as fetcher:
        fetched = fetcher.get(url)
    assert fetched is not None and fetched.final_url == url and b"40 lorries" in fetched.body
    assert site.hits("/bridge")[0].headers["host"] == f"news.invalid:{_port(site)}"
    assert checked == [f"http://news.invalid:{_port(site)}/robots.txt", url]


def test_the_commands_refuse_a_local_url_unless_allowed(site: Site, tmp_path) -> None:
    db = str(tmp_path / "t.db")
    refused = CliRunner().invoke(app, ["ingest", site.url("/bridge"), "--db", db])
    assert refused.exit_code != 0
    assert f"T107 {site.url('/bridge')}: refused: 127.0.0.1 is an internal address" in refused.stderr
    followed = CliRunner().invoke(app, ["follow", site.url("/feed"), "--db", db])
    assert f"T107 {site.url('/feed')}: refused" in followed.stderr
    assert site.log == []


def test_a_server_trickling_bytes_is_cut_off_at_the_deadline(site: Site) -> None:
    site.routes["/slow"] = lambda _: (200, {"Content-Type": "text/html", TRICKLE: "0.2"}, PAGE.encode())
    options = FetchOptions(timeout=1.0, retries=0, host_interval=0.0, deadline=1.0, allow_private=True)
    start = time.monotonic()
    with Fetcher(options) as fetcher, pytest.raises(FetchError, match="deadline of 1 s"):
        fetcher.get(site.url("/slow"))
    assert time.monotonic() - start < 5  # the page alone would trickle for ~20 s


def test_is_internal_unwraps_ipv4_inside_ipv6() -> None:
    assert addresses.is_internal(ipaddress.ip_address("::ffff:10.0.0.1"))
    assert not addresses.is_internal(ipaddress.ip_address("::ffff:8.8.8.8"))
