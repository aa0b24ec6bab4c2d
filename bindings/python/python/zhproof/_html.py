"""Pages and sites: :func:`check_html` and :func:`inspect_sites`."""

from __future__ import annotations

import datetime
import json
import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from ._zhproof import Checker, Finding, _check_html, _inspect_sites


def _date(d: Union[None, str, datetime.date]) -> Optional[str]:
    if d is None:
        return None
    if isinstance(d, datetime.date):
        return d.isoformat()[:10]
    return str(d)


def _checker(checker: Optional[Checker]) -> Checker:
    if checker is not None:
        return checker
    from . import default_checker

    return default_checker()


def check_html(
    html: Union[str, bytes],
    *,
    checker: Optional[Checker] = None,
    captured: Union[None, str, datetime.date] = None,
    own_domains: Iterable[str] = (),
    allow_domains: Iterable[str] = (),
    encoding: Optional[str] = None,
) -> List[Finding]:
    """Checks an HTML page as a reader sees it and runs the page rules.

    ``html`` is a ``str``, or ``bytes`` decoded from ``encoding``, the page's ``<meta charset>``
    or a detected encoding (GBK pages work). Offsets, line and column point into the page source
    (for bytes, into its decoded text: see :func:`check_html_source`); ``text`` is what the reader
    sees (entities decoded). ``captured`` is the date the page was captured (default: the
    checker's reference date): a publication date after it is ``date-ahead``.

        >>> import zhproof
        >>> [f.rule for f in zhproof.check_html("<p>全面<b>布</b>署</p>")]
        ['common-typo']
    """
    return check_html_source(
        html,
        checker=checker,
        captured=captured,
        own_domains=own_domains,
        allow_domains=allow_domains,
        encoding=encoding,
    )[0]


def check_html_source(
    html: Union[str, bytes],
    *,
    checker: Optional[Checker] = None,
    captured: Union[None, str, datetime.date] = None,
    own_domains: Iterable[str] = (),
    allow_domains: Iterable[str] = (),
    encoding: Optional[str] = None,
) -> Tuple[List[Finding], str]:
    """Like :func:`check_html`, also returning the decoded page source the offsets refer to."""
    return _check_html(
        _checker(checker),
        html,
        _date(captured),
        list(own_domains),
        list(allow_domains),
        encoding,
    )


def inspect_sites(
    paths: Iterable[Union[str, "os.PathLike[str]"]],
    *,
    checker: Optional[Checker] = None,
    as_of: Union[None, str, datetime.date] = None,
    config_toml: Optional[str] = None,
) -> Dict[str, Any]:
    """Inspects mirrored sites, WARC files and new-media feed exports like ``zhproof site``.

    Returns the report as data (the JSON of ``zhproof site --format json``): ``sites`` (name,
    sponsor, kind, columns, vetoes, issues, qualified, findings per page), ``websites`` and
    ``new_media`` tallies with the pass rate. ``config_toml`` is the body of a ``[site]`` table.
    """
    return json.loads(
        _inspect_sites(_checker(checker), [os.fspath(p) for p in paths], _date(as_of), config_toml)
    )
