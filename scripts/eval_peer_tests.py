#!/usr/bin/env python3
"""Runs the peer sensitive-word test suites against `zhproof check` and reports where we differ.

The suites live in ../shared/corpus/sensitive/peer_tests (ZHPROOF_SHARED overrides ../shared);
they are read for comparison only. Each case's own deny words become a temporary user dictionary
(kind `sensitive`) and zhproof runs with `--no-default-dicts`; cases that need the peer's built-in
dictionary run with zhproof's embedded dictionaries instead (`--select sensitive`), which answers
"does our own spam list agree with the peer here".

Supported steps: contains / verify / validate / find_in (bool), find_all, find_first,
find_all_count, find_first_keyword, find_all_keywords_prefix, replace / filter_text / filter
(masking), filter_remove, add_deny / remove_deny / add_allow / remove_allow. Tags, raw offsets,
details and peer options are reported as unsupported.

Usage: eval_peer_tests.py [--zhproof PATH] [--verbose]   (skips with status 0 if the corpus is absent)
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_common import REPO, shared_dir  # noqa: E402

HEAD = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n"


class Runner:
    def __init__(self, binary: str):
        self.binary = binary
        self.tmp = Path(tempfile.mkdtemp(prefix="zhproof-peer-"))

    def matches(self, text: str, deny: list[str], allow: list[str], peer_dict: bool):
        """Surface forms of zhproof's sensitive findings in `text`, in order."""
        args = [self.binary, "check", "--no-config", "--format", "jsonl", "--as-of", "2025-01-01"]
        if peer_dict:
            args += ["--select", "sensitive"]
        else:
            # A word both denied and allowed is allowed (the peers' semantics).
            words = [
                w for w in dict.fromkeys(deny)
                if w and "\t" not in w and w == w.strip() and w not in allow
            ]
            if not words:
                return []
            d = self.tmp / "deny.tsv"
            d.write_text(
                HEAD + "".join(f"{w}\t\tsensitive\tpeer-test\terror\t\tpeer test\n" for w in words),
                encoding="utf-8",
            )
            args += ["--no-default-dicts", "--dict", str(d)]
        allow = [w for w in dict.fromkeys(allow) if w and "\t" not in w and w not in deny]
        if allow:
            a = self.tmp / "allow.tsv"
            a.write_text("term\n" + "".join(w + "\n" for w in allow), encoding="utf-8")
            args += ["--allow", str(a)]
        r = subprocess.run(args, input=text, capture_output=True, text=True)
        if r.returncode == 2:
            raise RuntimeError(r.stderr.strip())
        found = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
        found.sort(key=lambda f: f["char_start"])
        return found


def mask(text: str, found, char: str = "*") -> str:
    chars = list(text)
    for f in found:
        for i in range(f["char_start"], f["char_end"]):
            chars[i] = char
    return "".join(chars)


def remove(text: str, found) -> str:
    chars = list(text)
    for f in found:
        for i in range(f["char_start"], f["char_end"]):
            chars[i] = ""
    return "".join(chars)


def judge(op: str, step: dict, text: str, found) -> bool | None:
    """True/False when the step passes/fails, None when the op is unsupported."""
    words = [f["text"] for f in found]
    exp = step.get("expect")
    if op == "contains":
        return bool(found) == exp
    if op == "verify":
        return (not found) == exp
    if op in ("validate", "find_in"):
        key = "pass" if op == "validate" else "found"
        want_pass = exp.get(key)
        ok = (not found) == want_pass if op == "validate" else bool(found) == want_pass
        return ok and (words[0] if words else "") == (exp.get("first") or "")
    if op == "find_all":
        return words == exp
    if op in ("find_first", "find_first_keyword"):
        return (words[0] if words else None) == exp
    if op == "find_all_count":
        return len(words) == exp
    if op == "find_all_keywords_prefix":
        return words[: len(exp)] == exp
    if op in ("replace", "filter_text"):
        return mask(text, found, step.get("char", step.get("replace_char", "*"))) == exp
    if op == "filter":
        return words == exp.get("words") and mask(text, found) == exp.get("text")
    if op == "filter_remove":
        return remove(text, found) == exp
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--zhproof", default=str(REPO / "target" / "debug" / "zhproof"))
    ap.add_argument("--verbose", action="store_true", help="print every failing step")
    args = ap.parse_args()
    shared = shared_dir()
    if shared is None:
        print("peer tests skipped: no ../shared/corpus")
        return 0
    if not Path(args.zhproof).exists():
        sys.exit(f"{args.zhproof} not found: build it with `cargo build -p zhproof-cli`")
    runner = Runner(args.zhproof)
    for path in sorted((shared / "corpus/sensitive/peer_tests").glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        tally = collections.Counter()
        for case in suite["cases"]:
            deny = list(case.get("dictionary", {}).get("deny", []) or case.get("keywords", []))
            allow = list(case.get("dictionary", {}).get("allow", []))
            peer = bool(case.get("needs_peer_dictionary"))
            # ToolGood's pattern mode ('.' and [..] wildcards) has no zhproof equivalent.
            pattern = case.get("mode") == "pattern"
            opts = case.get("options", {})
            for step in case["steps"]:
                if pattern:
                    tally["unsupported"] += 1
                    continue
                if "char" not in step and "customCharacter" in opts:
                    step = {**step, "char": opts["customCharacter"]}
                op = step["op"]
                if op in ("add_deny", "remove_deny", "add_allow", "remove_allow"):
                    target = deny if op.endswith("deny") else allow
                    ws = step.get("words", [])
                    if op.startswith("add"):
                        target.extend(ws)
                    else:
                        target[:] = [w for w in target if w not in ws]
                    continue
                text = step.get("text")
                if text is None:
                    tally["unsupported"] += 1
                    continue
                found = runner.matches(text, deny, allow, peer)
                verdict = judge(op, step, text, found)
                key = "peer-dict " if peer else ""
                if verdict is None:
                    tally["unsupported"] += 1
                elif verdict:
                    tally[key + "pass"] += 1
                else:
                    tally[key + "fail"] += 1
                    if args.verbose:
                        print(
                            f"  FAIL {case['id']} {op} {text[:40]!r}: expect "
                            f"{json.dumps(step.get('expect'), ensure_ascii=False)[:80]} got "
                            f"{[f['text'] for f in found]}"
                        )
        print(f"{suite['suite']}: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
