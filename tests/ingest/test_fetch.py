"""Fetching pages from a real HTTP server on 127.0.0.1: robots.txt, redirects, retries,
timeouts, the size cap, charsets, the User-Agent and the pace per host."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tally.errors import FetchError
from tally.ingest.fetch import Fetcher, decode_body
from tally.ingest.remote import article_from
from tally.options import FetchOptions

from .site import NO_LENGTH, Site, article_html, serve

# Small limits, so that the slow, large and failing cases take well under a second each.
FAST = FetchOptions(allow_private=True, timeout=0.5, max_bytes=20_000, max_redirects=3, retries=1, backoff=0.05,
                    host_interval=0.0)  # fmt: skip

FLOOD = article_html(
    "Tarn valley flood toll rises",
    [
        "At least 14 people were killed when the Tarn burst its banks overnight, the regional "
        "fire service said on Tuesday, and 230 residents were moved to the sports hall.",
        "Rescue crews were still searching two villages upstream of the weir, where the water "
        "rose more than two metres in an hour.",
    ],
    published="2025-09-02T07:30:00+00:00",
)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        running.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        running.page("/news/flood", FLOOD)
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FAST) as f:
        yield f


def _error(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    err = caught.value
    assert str(err).startswith(f"T104 {url}: ") and "\n" not in str(err)
    return err


def test_a_normal_article_becomes_an_article_with_its_urls_date_and_fetch_time(
    site: Site, fetcher: Fetcher
) -> None:
    fetched = fetcher.get(site.url("/news/flood"))
    assert fetched is not None
    article = article_from(fetched)
    assert "At least 14 people were killed" in article.text
    assert "all rights reserved" not in article.text
    assert article.url == article.origin == site.url("/news/flood")
    assert article.final_url == site.url("/news/flood")
    assert article.published == "2025-09-02" and article.published_origin == "page"
    assert article.fetched_at and article.fetched_at[:2] == "20"
    assert article.etag and article.etag.startswith('"')


def test_every_request_names_tally_in_its_user_agent(site: Site, fetcher: Fetcher) -> None:
    fetcher.get(site.url("/news/flood"))
    assert site.log and all(r.headers["user-agent"].startswith("Tally/") for r in site.log)


def test_a_redirect_chain_is_followed_and_the_final_url_kept(site: Site, fetcher: Fetcher) -> None:
    site.redirect("/short/1", "/short/2", 301)
    site.redirect("/short/2", site.url("/news/flood"), 302)
    fetched = fetcher.get(site.url("/short/1"))
    assert fetched is not None
    assert fetched.url == site.url("/short/1") and fetched.final_url == site.url("/news/flood")


def test_a_redirect_loop_is_one_error_after_a_bounded_number_of_requests(
    site: Site, fetcher: Fetcher
) -> None:
    site.redirect("/loop/a", "/loop/b")
    site.redirect("/loop/b", "/loop/a")
    err = _error(fetcher, site.url("/loop/a"))
    assert "redirect loop" in err.message
    assert len(site.hits("/loop/a")) == 1 and len(site.hits("/loop/b")) == 1


def test_too_many_redirects_stop_at_the_limit(site: Site, fetcher: Fetcher) -> None:
    for i in range(6):
        site.redirect(f"/hop/{i}", f"/hop/{i + 1}")
    err = _error(fetcher, site.url("/hop/0"))
    assert "more than 3 redirects" in err.message
    assert len([r for r in site.log if r.path.startswith("/hop/")]) == 4


def test_a_missing_page_is_an_error_and_not_retried(site: Site, fetcher: Fetcher) -> None:
    err = _error(fetcher, site.url("/news/gone"))
    assert "HTTP 404 Not Found" in err.message and not err.transient
    assert len(site.hits("/news/gone")) == 1


def test_a_server_error_is_retried_with_backoff_until_it_answers(
    site: Site, fetcher: Fetcher
) -> None:
    answers = iter([(500, {}, b"busy"), (200, {"Content-Type": "text/html"}, FLOOD.encode())])
    site.routes["/news/flaky"] = lambda _: next(answers)
    fetched = fetcher.get(site.url("/news/flaky"))
    assert fetched is not None and b"Tarn valley" in fetched.body
    first, second = site.hits("/news/flaky")
    assert second.at - first.at >= FAST.backoff * 0.9


def test_a_server_that_keeps_failing_is_a_transient_error_after_the_retries(
    site: Site, fetcher: Fetcher
) -> None:
    site.status("/news/down", 503)
    err = _error(fetcher, site.url("/news/down"))
    assert "HTTP 503" in err.message and err.transient
    assert len(site.hits("/news/down")) == FAST.retries + 1


def test_a_page_slower_than_the_timeout_is_an_error(site: Site, fetcher: Fetcher) -> None:
    import time

    def slow(_: object) -> tuple[int, dict[str, str], bytes]:
        time.sleep(FAST.timeout * 3)
        return 200, {"Content-Type": "text/html"}, FLOOD.encode()

    site.routes["/news/slow"] = slow
    err = _error(fetcher, site.url("/news/slow"))
    assert "timed out after 2 tries" in err.message and err.transient


def test_a_page_larger_than_the_cap_is_refused(site: Site, fetcher: Fetcher) -> None:
    site.page("/news/huge", "<p>" + "water " * 10_000 + "</p>")
    err = _error(fetcher, site.url("/news/huge"))
    assert "the cap is 20,000" in err.message


def test_a_page_over_the_cap_without_a_length_is_cut_off_while_reading(
    site: Site, fetcher: Fetcher
) -> None:
    body = ("<p>" + "water " * 10_000 + "</p>").encode()
    # No length header (HTTP/1.0, read to the end): only the bytes read can tell.
    site.routes["/news/sly"] = lambda _: (200, {NO_LENGTH: "1"}, body)
    err = _error(fetcher, site.url("/news/sly"))
    assert "cap" in err.message


def test_robots_txt_forbids_a_path_and_the_page_is_never_requested(
    site: Site, fetcher: Fetcher
) -> None:
    site.page("/private/memo", FLOOD)
    err = _error(fetcher, site.url("/private/memo"))
    assert "robots.txt" in err.message and "forbids /private/memo" in err.message
    assert site.hits("/private/memo") == [] and len(site.hits("/robots.txt")) == 1


def test_robots_txt_is_checked_on_every_redirect_hop(site: Site, fetcher: Fetcher) -> None:
    site.redirect("/go", "/private/memo")
    err = _error(fetcher, site.url("/go"))
    assert "forbids /private/memo" in err.message


def test_a_site_without_robots_txt_may_be_read() -> None:
    with serve() as bare, Fetcher(FAST) as fetcher:
        bare.page("/story", FLOOD)
        assert fetcher.get(bare.url("/story")) is not None


def test_a_latin1_page_without_a_declared_charset_is_decoded_by_sniffing(
    site: Site, fetcher: Fetcher
) -> None:
    html = article_html(
        "Crue à Millau",
        ["Les pompiers de l'Aveyron ont évacué 230 résidents près du pont, a déclaré la préfète "
         "mercredi. Les dégâts sont estimés à deux millions d'euros selon la mairie."],
        charset=None,
    )  # fmt: skip
    site.page("/news/crue", html.encode("latin-1"), content_type="text/html")
    fetched = fetcher.get(site.url("/news/crue"))
    assert fetched is not None
    text = fetched.text()
    assert "évacué 230 résidents" in text and "préfète" in text


def test_a_declared_charset_is_used_before_sniffing() -> None:
    raw = "Schäden an der Brücke".encode("cp1252")
    assert decode_body(raw, "text/plain; charset=windows-1252", "u") == "Schäden an der Brücke"
    html = b'<html><head><meta charset="iso-8859-1"></head><body>Br\xfccke</body></html>'
    assert "Brücke" in decode_body(html, "text/html", "u")


def test_an_unchanged_page_answers_304_to_a_conditional_fetch(
    site: Site, fetcher: Fetcher
) -> None:
    first = fetcher.get(site.url("/news/flood"))
    assert first is not None and first.etag
    assert fetcher.get(site.url("/news/flood"), etag=first.etag) is None
    assert site.hits("/news/flood")[-1].headers["if-none-match"] == first.etag


def test_requests_to_one_host_keep_the_interval_apart(site: Site) -> None:
    paced = FetchOptions(allow_private=True, timeout=0.5, retries=0, host_interval=0.25)
    with Fetcher(paced) as fetcher:
        for _ in range(3):
            fetcher.get(site.url("/news/flood"))
    times = [r.at for r in site.hits("/news/flood")]
    assert len(times) == 3
    # Seen from the server, so a busy machine may shift one arrival a little: the pace shows
    # in the span (three requests, at least two intervals) and in every gap.
    assert times[-1] - times[0] >= 2 * 0.25 * 0.8
    assert all(b - a >= 0.1 for a, b in zip(times, times[1:]))


def test_a_non_http_url_is_refused() -> None:
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match="not an http"):
        fetcher.get("ftp://127.0.0.1/file")


@pytest.mark.parametrize(("text", "charset"), [
    ("Der Wirt vom Café Müller in Köln sagte, 12 Gäste seien verletzt worden; die Straße und "
     "das Ufer am Zürichsee blieben gesperrt, auch für den señor vom crème brûlée Stand. " * 2, "latin-1"),
    ("Władze poinformowały, że w pożarze zginęło 12 osób, a ulica została zamknięta. " * 2, "cp1250"),
    ("Власти сообщили, что при пожаре погибли 12 человек, а улица была закрыта. " * 2, "cp1251"),
    ("Οι αρχές ανέφεραν ότι 12 άνθρωποι σκοτώθηκαν στην πυρκαγιά. " * 2, "cp1253"),
])  # fmt: skip
def test_an_undeclared_single_byte_page_is_read_in_its_own_charset(text: str, charset: str) -> None:
    page = f"<html><head><title>News</title></head><body><p>{text}</p></body></html>"
    assert decode_body(page.encode(charset), "text/html", "https://news.example/x") == page
