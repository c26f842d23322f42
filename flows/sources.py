"""Web sources to fetch (`sources.toml`): fetch settings plus single report URLs and listing pages.

Kept apart from the HTTP code so a config can be validated (and its mistakes reported in one line)
before any request is made.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Link text that marks a report on a listing page when a source gives no pattern of its own.
DEFAULT_LINK_TEXT = r"工作报告|工作報告"
KINDS = ("report", "listing")


class SourcesError(ValueError):
    """A sources file that cannot be used; the message names the source and the field."""


@dataclass(frozen=True)
class FetchSettings:
    """Politeness and robustness limits shared by every request of a run (the `[fetch]` table)."""

    timeout: float = 30.0            # seconds for connect / read / write / pool, each
    total_timeout: float = 120.0     # seconds for one response, body included (a slow drip is a timeout too)
    max_bytes: int = 20_000_000      # body limit, checked while streaming; reports are < 1 MB
    retries: int = 4                 # extra attempts after a timeout, connection error, 429 or 5xx
    backoff: float = 1.0             # first retry waits about this long, then doubling, with jitter
    backoff_max: float = 60.0        # cap of one backoff wait
    retry_after_max: float = 300.0   # a Retry-After longer than this ends the retries (the page is rejected)
    per_host_concurrency: int = 2    # requests in flight to one host
    per_host_delay: float = 1.0      # seconds between the starts of two requests to one host
    max_redirects: int = 5
    workers: int = 8                 # threads across all hosts
    user_agent: str | None = None    # None: gwr/<version> (+project URL)


@dataclass(frozen=True)
class Source:
    """One configured source: a report page, or a listing page whose report links are followed."""

    url: str
    kind: str = "report"
    name: str = ""
    encoding: str | None = None      # overrides the HTTP/meta charset, for sites that declare it wrongly
    delay: float | None = None       # a slower per-host delay for this source's host
    link_pattern: str | None = None  # listing: regex the absolute link URL must match
    link_text: str | None = None     # listing: regex the link text must match (default: 工作报告)
    max_links: int = 50              # listing: follow at most this many links, in page order

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


@dataclass(frozen=True)
class SourceConfig:
    settings: FetchSettings = field(default_factory=FetchSettings)
    sources: tuple[Source, ...] = ()


def _check_url(url: Any, where: str) -> str:
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise SourcesError(f"{where}: url must be an http(s) URL, got {url!r}")
    return url


def parse_sources(data: dict[str, Any], origin: str = "sources") -> SourceConfig:
    """Validate a parsed sources document; unknown keys are errors so a typo is not silently ignored."""
    fetch = data.get("fetch", {})
    known = set(FetchSettings.__dataclass_fields__)
    unknown = set(fetch) - known
    if unknown:
        raise SourcesError(f"{origin} [fetch]: unknown option(s) {sorted(unknown)}; known: {sorted(known)}")
    try:
        settings = replace(FetchSettings(), **fetch)
    except TypeError as exc:
        raise SourcesError(f"{origin} [fetch]: {exc}") from exc
    out = []
    src_known = set(Source.__dataclass_fields__)
    for n, raw in enumerate(data.get("source", []), start=1):
        where = f"{origin} source #{n} ({raw.get('name') or raw.get('url')})"
        unknown = set(raw) - src_known
        if unknown:
            raise SourcesError(f"{where}: unknown option(s) {sorted(unknown)}; known: {sorted(src_known)}")
        src = Source(**raw)
        _check_url(src.url, where)
        if src.kind not in KINDS:
            raise SourcesError(f"{where}: kind must be one of {KINDS}, got {src.kind!r}")
        for key in ("link_pattern", "link_text"):
            if getattr(src, key):
                try:
                    re.compile(getattr(src, key))
                except re.error as exc:
                    raise SourcesError(f"{where}: {key} is not a valid regex: {exc}") from exc
        if src.encoding:
            import codecs
            try:
                codecs.lookup(src.encoding)
            except LookupError as exc:
                raise SourcesError(f"{where}: unknown encoding {src.encoding!r}") from exc
        out.append(src)
    return SourceConfig(settings=settings, sources=tuple(out))


def load_sources(path: str | Path | None, urls: tuple[str, ...] | list[str] = ()) -> SourceConfig:
    """The sources file (if any) plus ad-hoc report URLs (`gwr run --url`), which use the file's settings."""
    cfg = SourceConfig()
    if path:
        p = Path(path)
        if not p.is_file():
            raise SourcesError(f"sources file {p} does not exist")
        try:
            data = tomllib.loads(p.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SourcesError(f"{p} is not valid TOML: {exc}") from exc
        cfg = parse_sources(data, origin=str(p))
    extra = tuple(Source(url=_check_url(u, f"--url {u}"), kind="report", name="ad hoc") for u in urls)
    return SourceConfig(settings=cfg.settings, sources=cfg.sources + extra)
