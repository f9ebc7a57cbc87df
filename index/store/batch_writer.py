"""Writing units in large, pipelined batches, committing each resolution when done.

Units of many resolutions are embedded together in batches (the embedder is fastest
on full batches) while Chroma writes the previous batch on a worker thread. A
resolution is handed to ``on_written`` (in a list with the others finished by the same
batch) only once every one of its units is stored,
so the caller can commit it to the manifest then and not before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from index.store.records import Unit


@dataclass
class Pending:
    """A resolution waiting to be written: its units and what to commit afterwards."""

    units: list[Unit]
    payload: Any


class BatchWriter:
    """Embeds with ``embed`` and stores with ``upsert``, overlapping the two."""

    def __init__(
        self,
        embed: Callable[[list[str]], Sequence[Sequence[float]]],
        upsert: Callable[[list[Unit], Sequence[Sequence[float]]], None],
        batch_size: int = 256,
    ) -> None:
        self.embed = embed
        self.upsert = upsert
        self.batch_size = batch_size

    def write(self, pendings: list[Pending], on_written: Callable[[list[Pending]], None]) -> int:
        """Write every pending resolution; return the number of units written."""
        flat = [u for p in pendings for u in p.units]
        ends, total = [], 0
        for p in pendings:
            total += len(p.units)
            ends.append(total)
        done = 0  # pendings already handed to on_written

        def release(written: int) -> None:
            nonlocal done
            start = done
            while done < len(pendings) and ends[done] <= written:
                done += 1
            if done > start:
                on_written(pendings[start:done])

        with ThreadPoolExecutor(max_workers=1) as pool:
            job: Future[None] | None = None
            written = 0
            for start in range(0, len(flat), self.batch_size):
                batch = flat[start : start + self.batch_size]
                vectors = self.embed([u.embed_text for u in batch])
                if job is not None:
                    job.result()
                    release(written)
                job = pool.submit(self.upsert, batch, vectors)
                written = start + len(batch)
            if job is not None:
                job.result()
        release(len(flat))
        return len(flat)
