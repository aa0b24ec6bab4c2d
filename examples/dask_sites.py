"""Inspects many mirrored sites on a Dask cluster and prints the 合格率 and the issue table.

    python examples/dask_sites.py mirror/ 2024-03-12

Each site directory under mirror/ is one task; a worker process inspects it with the GIL released
(`zhproof.inspect_sites` runs in Rust) and returns the report as data.
"""

import sys
from pathlib import Path

from dask.distributed import Client, LocalCluster

import zhproof


def inspect(path: str, as_of: str) -> dict:
    return zhproof.inspect_sites([path], as_of=as_of)["sites"][0]


def main() -> None:
    root, as_of = Path(sys.argv[1]), sys.argv[2]
    sites = sorted(str(p) for p in root.iterdir() if p.is_dir())
    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        reports = client.gather(client.map(inspect, sites, as_of=as_of))
    failed = [r for r in reports if not r["qualified"]]
    rate = 100.0 * (len(reports) - len(failed)) / max(len(reports), 1)
    print(f"检查网站{len(reports)}个，{len(failed)}个存在单项否决问题，合格率{rate:.1f}%")
    for i, r in enumerate([r for r in reports if r["issues"]], 1):
        print(i, r["name"], "、".join(r["issues"]), r["sponsor"], r["captured"], sep="\t")


if __name__ == "__main__":
    main()
