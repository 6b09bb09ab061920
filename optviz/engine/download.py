"""Download MNIST / Fashion-MNIST: resumable, checksummed, cancellable, standard library only.

Each file is streamed to ``<file>.part`` beside its final name; an interrupted download
resumes from the ``.part`` with an HTTP Range request, and only a file whose MD5 matches is
moved, atomically, to the final name. So the final name never holds half a file. A ``.part``
is kept after a network failure or a cancel (to resume next time) and deleted after a
checksum mismatch.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from optviz.engine.datasets import FILE_ROLES, IDX_FILES, dataset_folder, dataset_info
from optviz.engine.errors import DatasetError

TIMEOUT = 15.0  # seconds without data before a mirror counts as unreachable
CHUNK = 64 * 1024
USER_AGENT = "optviz/0.1 (Python urllib)"

Progress = Callable[[str, int, int], None]  # (file name, bytes done, bytes total or 0)


class DownloadCancelled(DatasetError):
    """The user stopped the download; the ``.part`` file is kept for a later resume."""


class _NetworkError(Exception):
    """A mirror failed. received: some bytes arrived first (worth resuming); http: the
    server answered with an error status (it is reachable, the file is not there)."""

    def __init__(self, message: str, received: bool = False, http: bool = False):
        super().__init__(message)
        self.received = received
        self.http = http


def file_md5(path: str | os.PathLike) -> str:
    """Hex MD5 of a file, read in chunks."""
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def download_dataset(
    name: str,
    dest_dir: str | os.PathLike | None = None,
    mirrors: Sequence[str] | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    retries: int = 2,
    checksums: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> Path:
    """Fetch the four IDX files of `name` into `dest_dir` and return that folder.

    dest_dir defaults to ``data_dir()/<name>`` (where `load_dataset` looks). Files already
    present with the right MD5 are skipped. Mirrors are tried in order; a mirror that
    drops the connection midway, or sends bytes with the wrong checksum, is tried again
    up to `retries` more times. `checksums` (file name → MD5) and `mirrors` default to
    the data set's canonical ones. Raises DatasetError with a message for the user, or
    DownloadCancelled when `should_stop()` returns true.
    """
    info = dataset_info(name)
    if not info.downloadable:
        raise DatasetError.of(
            "{title} is bundled with optviz; there is nothing to download", title=info.title
        )
    folder = Path(dest_dir) if dest_dir is not None else dataset_folder(name)
    mirrors = list(mirrors if mirrors is not None else info.mirrors)
    checksums = checksums if checksums is not None else info.md5 or {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatasetError.of(
            "cannot create {folder}: {reason}",
            folder=str(folder),
            reason=str(error.strerror or error),
        ) from None
    unreachable: set[str] = set()  # mirrors that sent nothing: do not wait on them again
    for role in FILE_ROLES:
        file_name = IDX_FILES[role]
        _download_file(
            file_name, folder, mirrors, checksums[file_name], progress, should_stop,
            retries, timeout, unreachable,
        )  # fmt: skip
    return folder


def _download_file(
    file_name: str,
    folder: Path,
    mirrors: list[str],
    md5: str,
    progress: Progress | None,
    should_stop: Callable[[], bool] | None,
    retries: int,
    timeout: float,
    unreachable: set[str],
) -> None:
    final = folder / file_name
    if final.is_file() and file_md5(final) == md5:
        size = final.stat().st_size
        if progress:
            progress(file_name, size, size)
        return
    part = folder / (file_name + ".part")
    mismatches: list[str] = []  # "url: details", one per attempt
    failures: list[str] = []
    http_errors = received_any = False
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + file_name
        if mirror in unreachable:
            failures.append(f"{url}: unreachable")
            continue
        for _attempt in range(retries + 1):
            try:
                _fetch(url, part, file_name, progress, should_stop, timeout)
            except _NetworkError as error:
                failures.append(f"{url}: {error}")
                http_errors |= error.http
                received_any |= error.received
                if error.received:
                    continue  # made progress: resume from the .part on the same mirror
                if not error.http:
                    unreachable.add(mirror)
                break
            actual = file_md5(part)
            if actual != md5:
                part.unlink()
                mismatches.append(f"{url}: expected MD5 {md5}, got {actual}")
                continue
            os.replace(part, final)
            return
    if mismatches:
        raise DatasetError.of(
            "checksum mismatch for {file} from {source} ({count} attempt(s) in all) — you can "
            "download the files yourself and use 'Use folder…', or train on the bundled digits",
            file=file_name,
            source=mismatches[-1],
            count=len(mismatches),
        )
    if not http_errors and not received_any:
        raise DatasetError.of(
            "could not reach any mirror for {file} (offline?) — you can download the files "
            "yourself and use 'Use folder…', or train on the bundled digits. Tried: {failures}",
            file=file_name,
            failures="; ".join(failures),
        )
    raise DatasetError.of(
        "could not download {file}: {failures} — you can download the files yourself and use "
        "'Use folder…', or train on the bundled digits",
        file=file_name,
        failures="; ".join(failures),
    )


_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


def _fetch(
    url: str,
    part: Path,
    file_name: str,
    progress: Progress | None,
    should_stop: Callable[[], bool] | None,
    timeout: float,
) -> None:
    """Stream `url` into `part`, resuming from its current size; raise _NetworkError."""
    offset = part.stat().st_size if part.is_file() else 0
    headers = {"User-Agent": USER_AGENT}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    received = False
    try:
        request = urllib.request.Request(url, headers=headers)
        try:
            response = urllib.request.urlopen(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code == 416 and offset:
                part.unlink()  # the .part is not a prefix of this file: start again
                raise _NetworkError("HTTP 416; restarting", received=True, http=True) from None
            raise _NetworkError(f"HTTP {error.code} {error.reason}", http=True) from None
        with response:
            status = response.status or 200
            total = int(response.headers.get("Content-Length") or 0)
            content_range = _CONTENT_RANGE.match(response.headers.get("Content-Range") or "")
            if offset and status == 206 and content_range and int(content_range[1]) == offset:
                mode = "ab"
                total = int(content_range[3]) if content_range[3] != "*" else 0
            else:
                offset, mode = 0, "wb"  # the server ignored Range: start from the beginning
            done = offset
            with open(part, mode) as out:
                if progress:
                    progress(file_name, done, total)
                while chunk := response.read(CHUNK):
                    received = True
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(file_name, done, total)
                    if should_stop and should_stop():
                        raise DownloadCancelled.of("download of {file} cancelled", file=file_name)
            if total and done != total:
                raise _NetworkError(f"connection closed after {done} of {total} bytes", received)
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        raise _NetworkError(str(reason) or type(reason).__name__, received) from None
