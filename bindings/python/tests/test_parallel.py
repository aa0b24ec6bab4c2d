"""check_many and concurrent calls from Python threads give exactly the serial results."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

import zhproof


def many_texts(golden_texts: list[str], n: int = 3000) -> list[str]:
    """n texts of varied length and content: golden cases, pieces and repeats of them."""
    out = []
    for i in range(n):
        base = golden_texts[i % len(golden_texts)]
        cut = (i * 7) % (len(base) + 1)
        out.append(f"第{i}篇。" + base[cut:] * (1 + i % 3) + base[:cut])
    return out


@pytest.fixture(scope="module")
def texts(golden_texts):
    return many_texts(golden_texts)


@pytest.fixture(scope="module")
def serial(texts):
    checker = zhproof.Checker(as_of="2024-06-01")
    return [checker.check(t) for t in texts]


def test_texts_have_findings(serial):
    assert sum(map(len, serial)) > 1000


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_check_many_equals_serial_checks(texts, serial, threads):
    checker = zhproof.Checker(as_of="2024-06-01")
    assert checker.check_many(texts, threads=threads) == serial


def test_check_many_takes_any_iterable(texts, serial):
    checker = zhproof.Checker(as_of="2024-06-01")
    assert checker.check_many(t for t in texts[:50]) == serial[:50]
    assert checker.check_many(tuple(texts[:5])) == serial[:5]
    assert checker.check_many([]) == []


def test_concurrent_calls_from_python_threads(texts, serial):
    checker = zhproof.Checker(as_of="2024-06-01")
    shards = [list(range(i, len(texts), 8)) for i in range(8)]

    def work(k: int):
        idx = shards[k]
        if k % 2:
            return idx, checker.check_many([texts[i] for i in idx], threads=2)
        return idx, [checker.check(texts[i]) for i in idx]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    got = [None] * len(texts)
    for idx, found in results:
        for i, f in zip(idx, found):
            got[i] = f
    assert got == serial


def test_checkers_built_concurrently_behave_the_same(texts, serial):
    with ThreadPoolExecutor(max_workers=4) as pool:
        checkers = list(pool.map(lambda _: zhproof.Checker(as_of="2024-06-01"), range(4)))
    for c in checkers:
        assert [c.check(t) for t in texts[:200]] == serial[:200]


def _child_check_many(q):
    import zhproof as z

    out = z.Checker().check_many(["全面布署"] * 8, threads=2)
    q.put(sum(len(f) for f in out))


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_check_many_in_a_forked_child_after_the_parent_used_pools():
    # Issue 13: the child inherited the parent's pools without their threads and hung.
    import multiprocessing

    c = zhproof.Checker()
    c.check_many(["全面布署"] * 8, threads=2)
    c.check_many(["全面布署"] * 8)
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child_check_many, args=(q,))
    p.start()
    p.join(60)
    alive = p.is_alive()
    if alive:
        p.kill()
    assert not alive, "check_many hung in the forked child"
    assert q.get(timeout=5) == 8


def test_distinct_thread_counts_do_not_pile_up_threads():
    # Issue 13: each distinct threads= value kept a pool (and its threads) for good.
    import threading

    c = zhproof.Checker()
    for n in range(1, 41):
        c.check_many(["全面布署"] * 4, threads=n)
    import os

    tasks = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 0
    # At most 4 pools are kept: 40 + 39 + 38 + 37 threads at the very most, far below the
    # 820 threads of 40 pools.
    assert tasks == 0 or tasks < 200, tasks
    assert threading.active_count() >= 1
