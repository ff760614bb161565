"""Scale out on Dask: partitions of a corpus coded on worker processes, written by one client.

See :func:`accord.distributed.run.code_distributed` and docs/DISTRIBUTED.md.
"""

from accord.distributed.run import DistributedResult, code_distributed, start_cluster

__all__ = ["DistributedResult", "code_distributed", "start_cluster"]
