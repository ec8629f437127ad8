"""Regular expressions in linear time: Tally's patterns run on RE2, not a backtracking engine.

Every module of Tally imports this in place of ``re`` (``from tally import rx as re``), so a
pattern written tomorrow cannot take exponential (or quadratic) time on a hostile page: RE2
matches in time linear in the text whatever the pattern. The API is the part of ``re`` Tally
uses (compile, search, match, fullmatch, finditer, findall, sub, split, escape, the I/M/S
flags), with Python's Unicode meaning of ``\\w``, ``\\d`` and ``\\s`` kept by rewriting them to
Unicode classes (RE2's own are ASCII). RE2 has no look-around and no back-references: a pattern
that needs them is compiled by ``re`` instead and listed in ``BACKTRACKING``, and
tests/test_rx.py fuzzes every pattern of both kinds with hostile text under a time budget.
``\\b`` stays RE2's ASCII word boundary, which differs from Python's only next to non-ASCII
letters.
"""

from __future__ import annotations

import re as _re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, cast

import _re2  # type: ignore[import-not-found]
import re2 as _re2_bytes  # type: ignore[import-not-found]  # its own wrapper: bytes patterns

I = IGNORECASE = _re.IGNORECASE
M = MULTILINE = _re.MULTILINE
S = DOTALL = _re.DOTALL
Pattern = _re.Pattern
Match = _re.Match
error = _re.error
escape = _re.escape

_INLINE = ((I, "i"), (M, "m"), (S, "s"))
_SPACE = r"\t\n\x{0b}\f\r \x{1c}-\x{1f}\x{85}\p{Z}"
_WORD = r"\p{L}\p{N}_"
_CLASSES = {"w": _WORD, "s": _SPACE, "d": r"\p{Nd}"}
_ANCHOR = _re2.RE2.Anchor
_NULL = (-1, -1)
_MAX_MEM = 64 << 20  # the lexicon's long alternations, case-folded, outgrow RE2's default 8 MiB

# Every pattern compiled so far, by engine: the fuzz test walks both lists.
LINEAR: dict[tuple[str | bytes, int], None] = {}
BACKTRACKING: dict[tuple[str | bytes, int], str] = {}


class _Unsupported(Exception):
    """A construct RE2 lacks (look-around, back-reference, negated class inside a class)."""


def _translate(pattern: str, flags: int) -> str:
    """The pattern in RE2's syntax with Python's semantics, or _Unsupported."""
    if flags & ~(I | M | S):
        raise _Unsupported(f"flags {flags}")
    out = ["(?" + "".join(c for f, c in _INLINE if flags & f) + ")"] if flags else []
    i, n, in_class, class_start = 0, len(pattern), False, 0
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            i += 2
            if e in _CLASSES:
                out.append(_CLASSES[e] if in_class else f"[{_CLASSES[e]}]")
            elif e == "D":
                out.append(r"\P{Nd}")
            elif e in "WS":
                if in_class:
                    raise _Unsupported(f"\\{e} inside a class")
                out.append(f"[^{_CLASSES[e.lower()]}]")
            elif e == "Z":
                out.append(r"\z")
            elif e in "uU":
                width = 4 if e == "u" else 8
                out.append(rf"\x{{{pattern[i:i + width]}}}")
                i += width
            elif e.isdigit() and not in_class:
                raise _Unsupported("back-reference")
            elif not e.isascii() or e.isspace():
                out.append(rf"\x{{{ord(e):x}}}")  # re.escape's "\ " and "\’": RE2 wants them plain
            else:
                out.append("\\" + e)
            continue
        if in_class:
            if c == "]" and i > class_start:
                in_class = False
            elif c == "[":
                c = r"\["  # literal in Python; RE2 would read "[:" as a POSIX class
        elif c == "[":
            in_class = True
            class_start = i + 1
            if pattern.startswith("^", class_start):
                out.append("[^")
                i += 2
                class_start += 1
                continue
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?P="), i):
            raise _Unsupported("look-around")
        out.append(c)
        i += 1
    return "".join(out)


# The last texts encoded, so the many searches of one sentence encode it once.
_ENCODED: dict[int, tuple[str, bytes]] = {}


def _encode(text: str) -> bytes:
    hit = _ENCODED.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    data = text.encode("utf-8", "surrogatepass")
    if len(_ENCODED) >= 8:
        _ENCODED.clear()
    _ENCODED[id(text)] = (text, data)
    return data


class RegexMatch:
    """A match of an RE2 pattern, with the methods of ``re.Match`` Tally uses."""

    __slots__ = ("re", "string", "pos", "endpos", "_spans")

    def __init__(self, pattern: LinearPattern, string: str, pos: int, endpos: int, spans: list[tuple[int, int]]):
        self.re, self.string, self.pos, self.endpos, self._spans = pattern, string, pos, endpos, spans

    def _index(self, group: int | str) -> int:
        if isinstance(group, str):
            return self.re.groupindex[group]
        if not 0 <= group <= self.re.groups:
            raise IndexError("no such group")
        return group

    def span(self, group: int | str = 0) -> tuple[int, int]:
        """The group's (start, end), (-1, -1) when it did not take part."""
        return self._spans[self._index(group)]

    def start(self, group: int | str = 0) -> int:
        """Where the group starts."""
        return self._spans[self._index(group)][0]

    def end(self, group: int | str = 0) -> int:
        """Where the group ends."""
        return self._spans[self._index(group)][1]

    def __getitem__(self, group: int | str) -> str | None:
        s, e = self._spans[self._index(group)]
        return None if s < 0 else self.string[s:e]

    def group(self, *groups: int | str) -> Any:
        """One group's text (None when it did not take part), or a tuple of several."""
        if len(groups) <= 1:
            return self[groups[0] if groups else 0]
        return tuple(self[g] for g in groups)

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        """Every group's text."""
        return tuple(default if (v := self[g]) is None else v for g in range(1, self.re.groups + 1))

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        """The named groups' texts."""
        return {k: default if (v := self[i]) is None else v for k, i in self.re.groupindex.items()}

    @property
    def lastindex(self) -> int | None:
        """The last group that matched, as ``re`` counts it (the one closing last)."""
        best, end = None, -1
        for g in range(1, self.re.groups + 1):
            if self._spans[g][1] > end:
                best, end = g, self._spans[g][1]
        return best

    @property
    def lastgroup(self) -> str | None:
        """The name of ``lastindex``."""
        names = {i: k for k, i in self.re.groupindex.items()}
        return names.get(self.lastindex or 0)

    def expand(self, template: str) -> str:
        """The template with \\1, \\g<name> and escapes filled in."""
        return _re.sub(r"\\(?:g<(\w+)>|(\d\d?)|(.))", lambda m: self._piece(m), template, flags=_re.S)

    def _piece(self, m: _re.Match[str]) -> str:
        if m[3] is not None:
            return {"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(m[3], "\\" + m[3])
        name = m[1] if m[1] is not None else m[2]
        return self[int(name) if name.isdigit() else name] or ""

    def __repr__(self) -> str:
        return f"<rx.Match span={self.span()} match={self.group()!r}>"


class LinearPattern:
    """A pattern compiled by RE2, with the methods of ``re.Pattern`` Tally uses."""

    __slots__ = ("pattern", "flags", "groups", "groupindex", "_re2")

    def __init__(self, pattern: str, flags: int, translated: str):
        options = _re2.RE2.Options()
        options.max_mem = _MAX_MEM
        options.log_errors = False
        try:
            compiled = _re2.RE2(translated.encode("utf-8"), options)
        except UnicodeEncodeError as why:  # lone surrogates: UTF-8 (and so RE2) has none
            raise _Unsupported("surrogates") from why
        if not compiled.ok():
            raise _Unsupported(compiled.error())
        self.pattern, self.flags, self._re2 = pattern, flags, compiled
        self.groups = compiled.NumberOfCapturingGroups()
        self.groupindex = {k.decode("utf-8"): v for k, v in compiled.NamedCapturingGroups()}

    def _spans(self, anchor: Any, text: str, pos: int, endpos: int | None) -> Iterator[RegexMatch]:
        n = len(text)
        pos = max(0, min(pos, n))
        end = n if endpos is None else max(0, min(endpos, n))
        if pos > end:
            return
        # RE2 reads an end position as "the text goes on" ($ and \b would differ): cut there.
        # Cut the start too, one character before pos (what \b and ^ look back at), so that a
        # search in a window costs the window, not the text before it.
        lo = max(0, pos - 1)
        subject = text if (lo, end) == (0, n) else text[lo:end]
        data = _encode(subject)
        ascii = len(data) == len(subject)
        at = pos - lo if ascii else len(subject[: pos - lo].encode("utf-8", "surrogatepass"))
        # Byte offsets back to characters, walking forward once (matches come left to right).
        known_b, known_c = at, pos - lo
        while True:
            spans = self._re2.Match(anchor, data, at, len(data))
            if spans[0] == _NULL:
                return
            byte_end = spans[0][1]
            if not ascii:
                chars = {}
                for b in sorted({o for span in spans for o in span if o >= 0}):
                    known_c += len(data[known_b:b].decode("utf-8", "surrogatepass"))
                    known_b, chars[b] = b, known_c
                spans = [s if s == _NULL else (chars[s[0]], chars[s[1]]) for s in spans]
            shifted = [s if s == _NULL or not lo else (s[0] + lo, s[1] + lo) for s in spans]
            yield RegexMatch(self, text, pos, end, shifted)
            if anchor != _ANCHOR.UNANCHORED:
                return
            s, e = spans[0]
            if ascii:
                if s == e:  # an empty match: step past it, or the next search finds it again
                    if e >= len(subject):
                        return
                    e += 1
                at = e
            else:
                at = byte_end
                if s == e:
                    if e >= len(subject):
                        return
                    at += len(subject[e].encode("utf-8", "surrogatepass"))

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> RegexMatch | None:
        """The first match anywhere from ``pos``."""
        return next(self._spans(_ANCHOR.UNANCHORED, string, pos, endpos), None)

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> RegexMatch | None:
        """A match starting at ``pos``."""
        return next(self._spans(_ANCHOR.ANCHOR_START, string, pos, endpos), None)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> RegexMatch | None:
        """A match of the whole text (from ``pos`` to ``endpos``)."""
        return next(self._spans(_ANCHOR.ANCHOR_BOTH, string, pos, endpos), None)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[RegexMatch]:
        """Every non-overlapping match, left to right."""
        return self._spans(_ANCHOR.UNANCHORED, string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        """The matches' texts (or their groups, as ``re.findall``)."""
        if self.groups == 0:
            return [m.group() for m in self.finditer(string, pos, endpos)]
        if self.groups == 1:
            return [m.groups("")[0] for m in self.finditer(string, pos, endpos)]
        return [m.groups("") for m in self.finditer(string, pos, endpos)]

    def subn(self, repl: str | Callable[[Any], str], string: str, count: int = 0) -> tuple[str, int]:
        """The text with matches replaced, and how many were."""
        pieces, last, done = [], 0, 0
        literal = isinstance(repl, str) and "\\" not in repl
        for m in self.finditer(string):
            if count and done >= count:
                break
            s, e = m.span()
            pieces.append(string[last:s])
            pieces.append(cast(str, repl) if literal else repl(m) if callable(repl) else m.expand(repl))
            last, done = e, done + 1
        pieces.append(string[last:])
        return "".join(pieces), done

    def sub(self, repl: str | Callable[[Any], str], string: str, count: int = 0) -> str:
        """The text with matches replaced."""
        return self.subn(repl, string, count)[0]

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        """The text cut at the matches (groups kept, as ``re.split``)."""
        pieces: list[Any] = []
        last = 0
        for done, m in enumerate(self.finditer(string)):
            if maxsplit and done >= maxsplit:
                break
            pieces.append(string[last : m.start()])
            pieces.extend(m[g] for g in range(1, self.groups + 1))
            last = m.end()
        pieces.append(string[last:])
        return pieces

    def __repr__(self) -> str:
        return f"rx.compile({self.pattern!r})"


@lru_cache(maxsize=1024)
def _compile(pattern: str | bytes, flags: int) -> Any:
    try:
        if isinstance(pattern, bytes):  # ASCII classes, as Python's own for bytes
            if b"(?=" in pattern or b"(?!" in pattern or b"(?<" in pattern:
                raise _Unsupported("look-around")
            inline = _translate("", flags).encode("ascii")
            compiled = _re2_bytes.compile(inline + pattern.replace(rb"\Z", rb"\z"))
        else:
            compiled = LinearPattern(pattern, flags, _translate(pattern, flags))
    except (_Unsupported, _re2_bytes.error) as why:
        BACKTRACKING[pattern, flags] = str(why)
        return _re.compile(pattern, flags)
    LINEAR[pattern, flags] = None
    return compiled


def compile(pattern: str | bytes | Pattern[Any], flags: int = 0) -> Pattern[Any]:  # noqa: A001
    """The pattern compiled by RE2 (linear time), or by ``re`` if it needs look-around."""
    if not isinstance(pattern, str | bytes):
        return pattern
    return cast(Pattern[Any], _compile(pattern, int(flags)))


def search(pattern: str, string: str, flags: int = 0) -> Match[str] | None:
    """``compile(pattern, flags).search(string)``."""
    return compile(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> Match[str] | None:
    """``compile(pattern, flags).match(string)``."""
    return compile(pattern, flags).match(string)


def fullmatch(pattern: str, string: str, flags: int = 0) -> Match[str] | None:
    """``compile(pattern, flags).fullmatch(string)``."""
    return compile(pattern, flags).fullmatch(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[Match[str]]:
    """``compile(pattern, flags).finditer(string)``."""
    return compile(pattern, flags).finditer(string)


def findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    """``compile(pattern, flags).findall(string)``."""
    return compile(pattern, flags).findall(string)


def sub(pattern: str, repl: str | Callable[[Match[str]], str], string: str, count: int = 0, flags: int = 0) -> str:
    """``compile(pattern, flags).sub(repl, string, count)``."""
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern: str, repl: str | Callable[[Match[str]], str], string: str, count: int = 0, flags: int = 0) -> tuple[str, int]:
    """``compile(pattern, flags).subn(repl, string, count)``."""
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[str | Any]:
    """``compile(pattern, flags).split(string, maxsplit)``."""
    return compile(pattern, flags).split(string, maxsplit)
