"""The ``zhproof`` command: ``python -m zhproof`` and the ``zhproof`` script that
``pip install zhproof`` puts on the PATH.

It is the Rust command-line tool itself (``zhproof._zhproof.main``), not a second implementation:
same options, output and exit status (0 clean, 1 findings, 2 errors) as the ``zhproof`` binary.
"""

from __future__ import annotations

import signal
import sys
import threading
from typing import List, Optional


def main(argv: Optional[List[str]] = None) -> int:
    """Runs ``zhproof`` with ``argv`` (default: the command line) and returns its exit status.

    The Rust code writes to file descriptors 1 and 2 directly, so Python's buffers are flushed
    first. Ctrl-C ends the process as it ends the native binary: SIGINT gets its default action
    while the command runs, since Python's own handler could only raise KeyboardInterrupt once
    the command had finished.
    """
    from ._zhproof import main as _native_main

    args = ["zhproof", *(sys.argv[1:] if argv is None else argv)]
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        return _native_main(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


if __name__ == "__main__":
    sys.exit(main())
