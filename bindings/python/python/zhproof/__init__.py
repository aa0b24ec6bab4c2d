"""zhproof: Chinese proofreading for government publishing.

Finds typos (错别字), spam and illegal content (敏感词), serious expression errors
(严重表述错误) and personal data (个人隐私)::

    >>> import zhproof
    >>> [f.text for f in zhproof.check("会议对下一阶段工作进行了全面布署。")]
    ['布署']

See :class:`Checker` for dictionaries, allow-lists, rule selection and the reference date.
"""

from __future__ import annotations

import threading
from typing import List, Optional

from ._errors import DictionaryError, InternalError, OptionError, ZhproofError
from ._zhproof import Checker, Finding, __version__, rules
from ._html import check_html, check_html_source, inspect_sites

__all__ = [
    "Checker",
    "Finding",
    "ZhproofError",
    "DictionaryError",
    "OptionError",
    "InternalError",
    "check",
    "fix",
    "mask",
    "check_html",
    "check_html_source",
    "inspect_sites",
    "default_checker",
    "rules",
    "__version__",
]

_default: Optional[Checker] = None
_default_lock = threading.Lock()


def default_checker() -> Checker:
    """The checker with the embedded dictionaries and every rule, built once per process."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Checker()
    return _default


def check(text: str) -> List[Finding]:
    """Checks ``text`` with :func:`default_checker`; findings sorted by position."""
    return default_checker().check(text)


def fix(text: str) -> str:
    """``text`` with every safe suggestion of :func:`default_checker` applied."""
    return default_checker().fix(text)


def mask(text: str) -> str:
    """``text`` with the personal data :func:`default_checker` finds masked (same length)."""
    return default_checker().mask(text)
