"""write_lock(): the check of a write's preconditions and the write made
one step (RFC 9110 13.1.1, 13.2.1: a precondition is about the state the
write replaces, so nothing may change that state in between)."""
from __future__ import annotations

import asyncio
import os
import threading
from types import TracebackType
from typing import Any, Dict, List, Optional, Type

try:
    import fcntl
except ImportError:                   # not a POSIX system
    fcntl = None  # type: ignore

__all__ = ["write_lock"]

# Per key: [the lock, how many hold or wait for it]; an entry goes when
# nobody does, so that the table holds only the keys in use.
_guard = threading.Lock()
_threads: Dict[str, List[Any]] = {}
_tasks: Dict[str, List[Any]] = {}


def _take(table: Dict[str, List[Any]], key: str, make: Any) -> Any:
    with _guard:
        entry = table.get(key)
        if entry is None:
            entry = table[key] = [make(), 0]
        entry[1] += 1
        return entry[0]


def _leave(table: Dict[str, List[Any]], key: str) -> None:
    with _guard:
        entry = table[key]
        entry[1] -= 1
        if entry[1] == 0:
            del table[key]


class write_lock:
    """Hold it around check_preconditions() and the write it allows:

        with write_lock(path):                   # WSGI, threads
            if status := check_preconditions(environ, etag=etag_of(path)):
                return answer(status)
            write(path)

        async with write_lock(path):             # ASGI, one event loop
            ...

    Two writers that read the same ETag then both pass If-Match unless
    the second one's check comes after the first one's write: this makes
    it so. key names the resource (its path, its row's key): writers of
    one key take turns, others do not wait. In one process that is a
    threading.Lock per key (an asyncio.Lock with `async with`). Servers
    of several processes (gunicorn's workers, Django under uWSGI) need
    lock_file too, a file every process names alike for the resource,
    locked with fcntl.flock(); or a database transaction that holds the
    row. The validators must be read inside the lock."""

    __slots__ = ("key", "lock_file", "_fd", "_async")

    def __init__(self, key: str, lock_file: Optional[str] = None) -> None:
        if lock_file is not None and fcntl is None:
            raise OSError("write_lock: lock_file needs fcntl (POSIX)")
        self.key = key
        self.lock_file = lock_file
        self._fd = -1
        self._async = False

    def _open(self) -> int:
        assert self.lock_file is not None
        return os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o600)

    def __enter__(self) -> "write_lock":
        lock = _take(_threads, self.key, threading.Lock)
        lock.acquire()
        try:
            if self.lock_file is not None:
                fd = self._open()
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                except BaseException:
                    os.close(fd)
                    raise
                self._fd = fd
        except BaseException:
            lock.release()
            _leave(_threads, self.key)
            raise
        return self

    def __exit__(self, et: Optional[Type[BaseException]],
                 ev: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        self._unlock_file()
        with _guard:
            entry = _threads[self.key]
        entry[0].release()
        _leave(_threads, self.key)

    def _unlock_file(self) -> None:
        if self._fd >= 0:
            fd, self._fd = self._fd, -1
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    async def __aenter__(self) -> "write_lock":
        lock = _take(_tasks, self.key, asyncio.Lock)
        try:
            await lock.acquire()
        except BaseException:
            _leave(_tasks, self.key)
            raise
        try:
            if self.lock_file is not None:
                fd = self._open()
                try:
                    while True:
                        # Not blocking the event loop: tried again soon.
                        try:
                            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                            break
                        except BlockingIOError:
                            await asyncio.sleep(0.002)
                except BaseException:
                    os.close(fd)
                    raise
                self._fd = fd
        except BaseException:
            lock.release()
            _leave(_tasks, self.key)
            raise
        return self

    async def __aexit__(self, et: Optional[Type[BaseException]],
                        ev: Optional[BaseException],
                        tb: Optional[TracebackType]) -> None:
        self._unlock_file()
        with _guard:
            entry = _tasks[self.key]
        entry[0].release()
        _leave(_tasks, self.key)
