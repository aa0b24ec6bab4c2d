"""Type stubs of the native module ``zhproof._zhproof`` (re-exported by ``zhproof``)."""

import datetime
import os
from typing import Iterable, List, Mapping, Optional, Tuple, Union

__version__: str
"""The package version (the Cargo version of the zhproof crates)."""

def rules() -> List[dict]:
    """Every built-in rule of the registry, sorted by id, as dicts with ``id``, ``family``,
    ``kind``, ``severity``, ``summary``, ``explanation``, ``source``, ``fires`` and ``quiet``
    (what ``zhproof rules --json`` prints). Unknown ids given to :class:`Checker` raise
    ``OptionError`` with the nearest id as a hint."""

DictionarySource = Union[str, "os.PathLike[str]", Tuple[str, str]]
"""A dictionary or allow-list: a file path, or ``(name, text)`` with the TSV text in memory
(``name`` is used in error messages)."""

DateLike = Union[datetime.date, str]
"""A ``datetime.date`` (not a ``datetime.datetime``) or a ``'YYYY-MM-DD'`` string."""

class Finding:
    """One problem found in the input: frozen, hashable, picklable.

    The fields are exactly those of ``zhproof check --format json``, in the same order, so
    ``f.to_dict()`` equals the JSON object. ``char_start``/``char_end`` count code points, so
    ``text[f.char_start:f.char_end] == f.text``; ``byte_start``/``byte_end`` index
    ``text.encode("utf-8")``.
    """

    @property
    def rule(self) -> str:
        """Kebab-case id of the rule that fired, e.g. ``'common-typo'``."""
    @property
    def kind(self) -> str:
        """``'sensitive'``, ``'typo'``, ``'expression'``, ``'privacy'`` or ``'usage'``."""
    @property
    def severity(self) -> str:
        """``'error'``, ``'warning'`` or ``'info'`` (after severity overrides)."""
    @property
    def byte_start(self) -> int:
        """UTF-8 byte offset where the flagged text starts."""
    @property
    def byte_end(self) -> int:
        """UTF-8 byte offset just past the flagged text."""
    @property
    def char_start(self) -> int:
        """Code point offset where the flagged text starts (a ``str`` index)."""
    @property
    def char_end(self) -> int:
        """Code point offset just past the flagged text."""
    @property
    def line(self) -> int:
        """1-based line (lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``)."""
    @property
    def column(self) -> int:
        """1-based column, counted in characters from the start of the line."""
    @property
    def text(self) -> str:
        """The flagged text exactly as it appears in the input."""
    @property
    def message(self) -> str:
        """Chinese explanation: what is wrong and why."""
    @property
    def suggestions(self) -> Tuple[str, ...]:
        """Replacements, best first; may be empty."""
    @property
    def source(self) -> str:
        """Where the rule or dictionary entry comes from (a standard, a document, a norm)."""
    @property
    def applicability(self) -> str:
        """Whether ``suggestions[0]`` may be applied without a human looking: ``'safe'``
        (:meth:`Checker.fix` applies it), ``'unsafe'`` or ``'display-only'``."""
    def __init__(
        self,
        rule: str,
        kind: str,
        severity: str,
        byte_start: int,
        byte_end: int,
        char_start: int,
        char_end: int,
        line: int,
        column: int,
        text: str,
        message: str,
        suggestions: Iterable[str],
        source: str,
        applicability: str = "display-only",
    ) -> None:
        """Builds a finding from its fields (raises ``OptionError`` for an unknown kind or
        severity). Findings normally come from :meth:`Checker.check`."""
    def to_dict(self) -> dict:
        """The finding as a ``dict`` equal to its JSON object (``suggestions`` as a list)."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Checker:
    """Checks Chinese text. Immutable and thread-safe; checking releases the GIL.

    Building one parses the dictionaries and builds the automaton (about 0.2 s with extra
    dictionaries; a checker with only the embedded ones shares them, built once per process),
    so build once and reuse. A checker pickles by its configuration (user dictionaries by
    contents) and is rebuilt in the receiving process, so it can be sent to
    ``multiprocessing``, ``concurrent.futures``, Dask or Spark workers.
    """

    def __init__(
        self,
        dictionaries: Iterable[DictionarySource] = (),
        allow: Iterable[DictionarySource] = (),
        select: Optional[Iterable[str]] = None,
        ignore: Optional[Iterable[str]] = None,
        as_of: Optional[DateLike] = None,
        *,
        defaults: bool = True,
        severity: Optional[Mapping[str, str]] = None,
    ) -> None:
        """Builds a checker.

        :param dictionaries: extra term dictionaries (TSV, format in ``dictionaries/README.md``),
            each a path or a ``(name, text)`` pair.
        :param allow: extra allow-lists, each a path or a ``(name, text)`` pair.
        :param select: report only these kinds (``'typo'``) or rule ids (``'common-typo'``);
            ``None`` means every rule. An unknown id raises ``OptionError`` ("unknown rule
            `typos`; did you mean `typo`?").
        :param ignore: never report these kinds or rule ids.
        :param as_of: reference date of date-aware rules (outdated names, leaders' offices);
            ``None`` means today's date (China time), read once when the checker is built
            (see :attr:`as_of`); rules never read the clock. Pin it for reproducible results.
        :param defaults: load the embedded dictionaries and rule families (``False``: only the
            dictionaries given here).
        :param severity: severity overrides, ``{kind or rule id: 'error'|'warning'|'info'}``,
            applied in order.
        :raises DictionaryError: a dictionary is unreadable or has a bad line (``path``, ``line``).
        :raises OptionError: an unknown kind/rule id, severity or an invalid date.
        :raises TypeError: an argument of the wrong type (a bare ``str`` where a list is expected).
        """
    @property
    def as_of(self) -> datetime.date:
        """The reference date of date-aware rules."""
    def check(self, text: str, *, as_of: Optional[DateLike] = None) -> List[Finding]:
        """Checks ``text``; findings sorted by position (then end, then rule).

        :param as_of: reference date for this text only (e.g. the document's publication date).
        :raises UnicodeEncodeError: ``text`` contains a lone surrogate (not valid Unicode text).
        """
    def check_many(
        self, texts: Iterable[str], threads: Optional[int] = None
    ) -> List[List[Finding]]:
        """Checks every text in parallel with the GIL released; one list per text, in input
        order, equal to calling :meth:`check` on each.

        :param threads: number of worker threads (a pool per count, kept for the process);
            ``None`` uses every core (or ``RAYON_NUM_THREADS``). With several, the calling
            thread converts the texts to UTF-8 while the workers check those already converted;
            ``1`` starts no other thread: the texts are converted, then checked on the calling
            thread (what a worker process of a multiprocessing or Dask pool wants).
        """
    def fix(
        self, text: str, *, as_of: Optional[DateLike] = None, unsafe_fixes: bool = False
    ) -> str:
        """``text`` with every safe suggestion applied (left to right, skipping overlaps;
        repeated until the text no longer changes). With ``unsafe_fixes``, the first
        suggestion of ``unsafe`` findings too (the CLI's ``--unsafe-fixes``)."""
    def applied_fixes(
        self, text: str, *, as_of: Optional[DateLike] = None, unsafe_fixes: bool = False
    ) -> List[int]:
        """Indices into :meth:`check` ``(text)`` of the findings whose first suggestion one
        pass of :meth:`fix` applies (safe ones, and unsafe ones with ``unsafe_fixes``; a
        finding overlapping one already applied is skipped)."""
    def mask(self, text: str, *, as_of: Optional[DateLike] = None) -> str:
        """``text`` with the personal data this checker finds (identity, mobile and bank-card
        numbers, any ``privacy`` rule it selects) masked, e.g. ``139****1234``; the result has
        as many characters as ``text``."""
    def __reduce__(self) -> tuple: ...

def _checker_from_state(state: dict) -> Checker:
    """Rebuilds a pickled :class:`Checker` (internal)."""

def _panic_for_test(message: str) -> None:
    """Panics in Rust on purpose; raises :class:`zhproof.InternalError` (tests only)."""

def main(argv: List[str]) -> int:
    """Runs the ``zhproof`` command with ``argv`` (``argv[0]`` is the program name) on the
    process's standard streams and returns its exit status (0 clean, 1 findings, 2 errors)."""
def _check_html(
    checker: Checker,
    html: Union[str, bytes],
    captured: Optional[str] = None,
    own_domains: List[str] = ...,
    allow_domains: List[str] = ...,
    encoding: Optional[str] = None,
) -> Tuple[List[Finding], str]:
    """Findings of a page and its decoded source; use :func:`zhproof.check_html`."""

def _inspect_sites(
    checker: Checker,
    paths: List[str],
    as_of: Optional[str] = None,
    config_toml: Optional[str] = None,
) -> str:
    """The site inspection as JSON; use :func:`zhproof.inspect_sites`."""
