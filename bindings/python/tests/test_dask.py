"""A real dask.distributed cluster with worker processes checks documents with a pickled
Checker and gets exactly what check_many gets locally."""

from __future__ import annotations

import os

import pytest

import zhproof

if os.environ.get("ZHPROOF_TEST_ALL"):  # scripts/test-python.sh: Dask must be there
    from dask.distributed import Client, LocalCluster
else:
    distributed = pytest.importorskip("dask.distributed")
    Client, LocalCluster = distributed.Client, distributed.LocalCluster

USER_TSV = (
    "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n"
    "赣洲\t赣州\texpression\tplace-name\terror\t地名\t民政部行政区划\n"
)


def test_dask_local_cluster_with_worker_processes(golden_texts):
    docs = [f"赣洲第{i}号。" + golden_texts[i % len(golden_texts)] for i in range(400)]
    checker = zhproof.Checker(dictionaries=[("mine.tsv", USER_TSV)], as_of="2024-06-01")
    expected = checker.check_many(docs)
    assert sum(map(len, expected)) > 400
    chunks = [docs[i : i + 50] for i in range(0, len(docs), 50)]
    with LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=40,
    ) as cluster, Client(cluster) as client:
        worker_pids = set(client.run(os.getpid).values())
        assert len(worker_pids) == 2 and os.getpid() not in worker_pids
        remote_checker = client.scatter(checker, broadcast=True)
        futures = client.map(
            lambda c, chunk: (os.getpid(), c.check_many(chunk)),
            [remote_checker] * len(chunks),
            chunks,
        )
        results = client.gather(futures)
        one_by_one = client.gather(client.map(checker.check, docs[:20]))
    assert {pid for pid, _ in results} <= worker_pids
    assert [f for _, found in results for f in found] == expected
    assert one_by_one == expected[:20]
