"""The archive's write lock: one writing process at a time, any number of readers.

SQLite in WAL mode already lets readers run beside one writer, and the tantivy index lets readers
see each commit; what neither can do is keep two *writers* from interleaving batches, queues and
index commits. So every write (ingest, delete, reindex, repair, registry edits, stage rebuilds)
takes an exclusive ``flock`` on ``ARCHIVE/write.lock``. The operating system drops the lock when the
process dies, however it dies, so a SIGKILLed ingest never leaves a stale lock behind. The file
records who holds it, for the message the second writer sees.

Inside one process the lock is re-entrant and shared by threads through a ``threading.RLock`` (the
HTTP server runs write requests on worker threads).
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from marsad.errors import ArchiveBusy

LOCK_NAME = "write.lock"


class WriteLock:
    def __init__(self, folder: Path):
        self.path = Path(folder) / LOCK_NAME
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fh = None

    def holder(self) -> str:
        """Who holds the lock, as written by the holder ("pid 123: marsad ingest …"), or "" when
        nobody does (a killed holder's note may linger in the file; the lock itself tells)."""
        try:
            with open(self.path, "r", encoding="utf-8") as fh:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    info = json.loads(fh.read() or "{}")
                else:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
                    return ""
        except (OSError, ValueError):
            return ""
        return f"pid {info.get('pid')}: {info.get('command', '')}".strip() if info else ""

    def holder_brief(self) -> str:
        """``holder()`` without the command's arguments (paths, options): "pid 123: marsad ingest"."""
        full = self.holder()
        head, sep, command = full.partition(": ")
        if not sep:
            return full
        words = command.split()
        keep = words[:1] + [w for w in words[1:2] if w.isascii() and w.replace("-", "").isalpha()]
        return f"{head}{sep}{' '.join(keep)}"

    @property
    def held(self) -> bool:
        return self._depth > 0

    @contextmanager
    def hold(self, *, wait: bool | float = False) -> Iterator[None]:
        """Hold the lock for the block. ``wait``: False fails at once with :class:`ArchiveBusy` when
        another process writes; True waits for it; a number waits at most that many seconds."""
        if not self._thread_lock.acquire(timeout=-1 if wait is True else (float(wait) if wait else 30)):
            raise ArchiveBusy(f"{self.path.parent}: another writer in this process did not finish")
        try:
            if self._depth == 0:
                self._acquire(wait)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()
        finally:
            self._thread_lock.release()

    def try_hold(self) -> bool:
        """Take the lock if nobody else holds it, without waiting (the caller must :meth:`release_held`)."""
        if not self._thread_lock.acquire(blocking=False):
            return False
        try:
            if self._depth == 0:
                self._acquire(False)
        except ArchiveBusy:
            self._thread_lock.release()
            return False
        self._depth += 1
        return True

    def release_held(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._release()
        self._thread_lock.release()

    def _acquire(self, wait: bool | float) -> None:
        fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while held
        deadline = None if wait is True else time.monotonic() + (float(wait) if wait else 0.0)
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    fh.close()
                    who = self.holder()
                    raise ArchiveBusy(
                        f"{self.path.parent} is being written by another marsad process"
                        f"{f' ({who})' if who else ''}; wait for it to finish, or pass --wait to queue behind it"
                    ) from None
                time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps({"pid": os.getpid(), "command": " ".join(["marsad", *sys.argv[1:]])[:300]}))
        fh.flush()
        self._fh = fh

    def _release(self) -> None:
        if self._fh is None:
            return
        try:
            self._fh.seek(0)
            self._fh.truncate()
            self._fh.flush()
        finally:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None
