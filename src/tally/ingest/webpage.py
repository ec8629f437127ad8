"""Read an HTML page with trafilatura: main text, reader comments and page metadata."""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from typing import Any

from tally.errors import InputError
from tally.ingest.article import build, normalise_text
from tally.ingest.chrome import is_comments_header
from tally.dates.published import normalise_date
from tally.ingest.parts import split_parts
from tally.types import Article, Segment


def from_html(html: str, origin: str, meta: dict[str, Any]) -> Article:
    """An Article from an HTML page: main text, comments and metadata via trafilatura.

    The page's reader comments follow the body in ``Article.text`` as a comment segment.

    Raises:
        InputError: trafilatura finds no article text in the page.
    """
    import trafilatura  # slow to import; only HTML needs it

    # Metadata only: htmldate's extensive search reads a year in a headline as 1 January.
    dates = {"extensive_search": False, "original_date": True}
    doc = trafilatura.bare_extraction(html, include_comments=True, with_metadata=True,
                                      date_extraction_params=dates)  # fmt: skip
    data: dict[str, Any] = {}
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = normalise_text(data.get("text") or "").strip()
    if not body:
        raise InputError("no article text found in the HTML page", path=origin)
    comments = normalise_text(data.get("comments") or "").strip()
    outlet = data.get("sitename") or data.get("hostname")
    page = {"title": _page_title(html, data.get("title"), outlet), "outlet": outlet,
            "author": data.get("author"), "url": data.get("url")}  # fmt: skip
    merged = {**{k: v for k, v in page.items() if v}, **meta}
    text = body + ("\n" + comments if comments else "")
    segments = split_parts(body)
    if comments:
        # The newline joining comments to the body goes with them, so segments cover the text.
        tail = split_parts(text[len(body) :], after_end=True)
        segments += [Segment(s.part, s.start + len(body), s.end + len(body)) for s in tail]
    return build(text, origin, merged, page_date=normalise_date(data.get("date")),
                 segments=_merge(segments))  # fmt: skip


def _page_title(html: str, found: str | None, outlet: str | None) -> str | None:
    """The page's headline; the ``<title>`` when trafilatura took a comments heading for it."""
    if found and not is_comments_header(found):
        return found
    from lxml import html as lxml_html  # only for the rare page without a usable headline

    try:
        title = lxml_html.document_fromstring(html).findtext(".//title") or ""
    except (ValueError, lxml_html.etree.ParserError):
        return None
    if outlet:
        # "Dam repairs delayed again – Valley Courier": the site's name is not the headline.
        title = re.sub(rf"\s*[|–—-]\s*{re.escape(outlet)}\s*$", "", title.strip())
    return " ".join(title.split()) or None


def _merge(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        if seg.start == seg.end:
            continue
        if out and out[-1].part == seg.part:
            out[-1] = Segment(seg.part, out[-1].start, seg.end)
        else:
            out.append(seg)
    return out
