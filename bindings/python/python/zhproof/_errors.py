"""Exceptions raised by zhproof. Every one derives from :class:`ZhproofError`."""

from __future__ import annotations

from typing import Optional

__all__ = ["ZhproofError", "DictionaryError", "OptionError", "InternalError"]


class ZhproofError(Exception):
    """Base class of every error zhproof raises (wrong argument types raise ``TypeError``)."""


class DictionaryError(ZhproofError):
    """A dictionary or allow-list could not be read or has a bad line.

    ``path`` is the file name (or the name of an in-memory ``(name, text)`` dictionary) and
    ``line`` the 1-based line, or ``None`` when the whole file is at fault (unreadable, not
    UTF-8). ``str(error)`` reads ``path:line: problem``.
    """

    def __init__(self, message: str, path: str, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line

    def __reduce__(self):  # keep path and line across processes (multiprocessing, Dask)
        return (type(self), (self.args[0], self.path, self.line))


class OptionError(ZhproofError, ValueError):
    """An option value is invalid: a date, a kind or rule id, a severity, a thread count."""


class InternalError(ZhproofError):
    """A bug in zhproof: a Rust panic, caught and raised instead of crashing the interpreter."""
