"""The downloader against a local HTTP server on 127.0.0.1 (never the real network)."""

import hashlib
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from optviz.engine.datasets import IDX_FILES
from optviz.engine.download import CHUNK, DownloadCancelled, download_dataset
from optviz.engine.errors import DatasetError

NAMES = list(IDX_FILES.values())
TIMEOUT = 5.0  # seconds; the local server answers at once


class FileServer(ThreadingHTTPServer):
    """Serves `files`; can ignore Range, send wrong bytes or hang up midway (per file, N times)."""

    daemon_threads = True

    def __init__(self, files: dict[str, bytes]):
        super().__init__(("127.0.0.1", 0), Handler)
        self.files = files
        self.honour_range = True
        self.corrupt = {}  # name -> how many more responses get damaged bytes
        self.hang_up = {}  # name -> how many more responses stop after half the body
        self.requests = []  # (name, Range header or None)
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def take(self, table: dict, name: str) -> bool:
        with self.lock:
            if table.get(name, 0) > 0:
                table[name] -= 1
                return True
            return False


class Handler(BaseHTTPRequestHandler):
    server: FileServer

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        name = self.path.lstrip("/")
        requested_range = self.headers.get("Range")
        self.server.requests.append((name, requested_range))
        data = self.server.files.get(name)
        if data is None:
            self.send_error(404, "Not Found")
            return
        if self.server.take(self.server.corrupt, name):
            data = bytes(b ^ 0xFF for b in data[:16]) + data[16:]
        start = 0
        match = re.fullmatch(r"bytes=(\d+)-", requested_range or "")
        if match and self.server.honour_range:
            start = int(match[1])
            if start >= len(data):
                self.send_error(416, "Range Not Satisfiable")
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.server.take(self.server.hang_up, name):
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.wfile.write(body)


@pytest.fixture
def files():
    rng = np.random.default_rng(0)
    sizes = [3 * CHUNK + 123, 5000, 2 * CHUNK + 7, 900]  # some need several chunks
    return {name: rng.bytes(size) for name, size in zip(NAMES, sizes, strict=True)}


@pytest.fixture
def checksums(files):
    return {name: hashlib.md5(data).hexdigest() for name, data in files.items()}


@pytest.fixture
def server(files):
    srv = FileServer(files)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=5)
    assert not thread.is_alive()


@pytest.fixture
def closed_port_url():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"  # nothing listens here any more: connection refused


def fetch(dest, mirrors, checksums, **kwargs):
    return download_dataset(
        "mnist", dest, mirrors=mirrors, checksums=checksums, timeout=TIMEOUT, **kwargs
    )


def test_downloads_all_four_files_reporting_growing_progress(tmp_path, server, files, checksums):
    calls = []
    folder = fetch(tmp_path / "mnist", [server.url], checksums, progress=lambda *a: calls.append(a))
    assert folder == tmp_path / "mnist"
    for name, data in files.items():
        assert (folder / name).read_bytes() == data
        done = [d for n, d, _ in calls if n == name]
        assert done == sorted(done) and done[-1] == len(data)
        assert {t for n, _, t in calls if n == name} == {len(data)}
    assert len([c for c in calls if c[0] == NAMES[0]]) >= 4  # one call per chunk at least
    assert not list(folder.glob("*.part"))


def test_files_present_with_the_right_checksum_are_not_downloaded_again(
    tmp_path, server, checksums
):
    fetch(tmp_path, [server.url], checksums)
    count = len(server.requests)
    calls = []
    fetch(tmp_path, [server.url], checksums, progress=lambda *a: calls.append(a))
    assert len(server.requests) == count
    assert len(calls) == 4  # each file reported complete


def test_a_partial_download_resumes_with_a_range_request(tmp_path, server, files, checksums):
    name = NAMES[0]
    half = len(files[name]) // 2
    (tmp_path / (name + ".part")).write_bytes(files[name][:half])
    calls = []
    fetch(tmp_path, [server.url], checksums, progress=lambda *a: calls.append(a))
    assert (name, f"bytes={half}-") in server.requests
    assert (tmp_path / name).read_bytes() == files[name]
    assert [d for n, d, _ in calls if n == name][0] == half  # started where it left off


def test_a_server_that_ignores_range_makes_the_download_restart(tmp_path, server, files, checksums):
    server.honour_range = False
    name = NAMES[2]
    (tmp_path / (name + ".part")).write_bytes(b"x" * 1000)  # not even a prefix of the file
    fetch(tmp_path, [server.url], checksums)
    assert (name, "bytes=1000-") in server.requests
    assert (tmp_path / name).read_bytes() == files[name]


def test_a_part_file_longer_than_the_file_is_dropped_and_fetched_again(
    tmp_path, server, files, checksums
):
    name = NAMES[3]
    (tmp_path / (name + ".part")).write_bytes(b"y" * 5000)  # the file has 900 bytes: HTTP 416
    fetch(tmp_path, [server.url], checksums)
    assert (tmp_path / name).read_bytes() == files[name]
    assert [r for n, r in server.requests if n == name] == ["bytes=5000-", None]


def test_a_connection_dropped_midway_is_resumed(tmp_path, server, files, checksums):
    name = NAMES[0]
    server.hang_up[name] = 1
    fetch(tmp_path, [server.url], checksums)
    ranges = [r for n, r in server.requests if n == name]
    assert ranges[0] is None and ranges[1] == f"bytes={len(files[name]) // 2}-"
    assert (tmp_path / name).read_bytes() == files[name]


def test_a_bad_checksum_is_retried(tmp_path, server, files, checksums):
    server.corrupt[NAMES[1]] = 2
    fetch(tmp_path, [server.url], checksums, retries=2)
    assert [n for n, _ in server.requests].count(NAMES[1]) == 3
    assert (tmp_path / NAMES[1]).read_bytes() == files[NAMES[1]]


def test_a_checksum_that_never_matches_is_an_error_and_leaves_no_file(tmp_path, server, checksums):
    server.corrupt[NAMES[0]] = 100
    with pytest.raises(DatasetError) as caught:
        fetch(tmp_path, [server.url], checksums, retries=1)
    message = str(caught.value)
    assert f"checksum mismatch for {NAMES[0]} from {server.url}{NAMES[0]}" in message
    assert "2 attempt(s)" in message
    assert [n for n, _ in server.requests].count(NAMES[0]) == 2
    assert not (tmp_path / NAMES[0]).exists()
    assert not (tmp_path / (NAMES[0] + ".part")).exists()


def test_an_unreachable_mirror_gives_the_offline_message(tmp_path, closed_port_url, checksums):
    with pytest.raises(DatasetError) as caught:
        fetch(tmp_path, [closed_port_url], checksums)
    message = str(caught.value)
    assert f"could not reach any mirror for {NAMES[0]} (offline?)" in message
    assert "Use folder" in message and "bundled digits" in message
    assert not (tmp_path / NAMES[0]).exists()


def test_the_next_mirror_is_tried_when_the_first_is_unreachable(
    tmp_path, server, files, closed_port_url, checksums
):
    fetch(tmp_path, [closed_port_url, server.url], checksums)
    assert all((tmp_path / n).read_bytes() == d for n, d in files.items())


def test_a_connection_that_keeps_dropping_leaves_only_the_part_file(
    tmp_path, server, files, checksums
):
    name = NAMES[0]
    server.hang_up[name] = 100
    with pytest.raises(DatasetError, match=f"could not download {name}: .*connection closed"):
        fetch(tmp_path, [server.url], checksums, retries=2)
    assert [n for n, _ in server.requests].count(name) == 3
    assert not (tmp_path / name).exists()  # never half a file at the final name
    part = (tmp_path / (name + ".part")).read_bytes()
    assert 0 < len(part) < len(files[name]) and files[name].startswith(part)  # to resume later


def test_http_errors_are_reported_with_their_status(tmp_path, server, checksums):
    del server.files[NAMES[0]]
    with pytest.raises(DatasetError, match=rf"could not download {NAMES[0]}: .*HTTP 404"):
        fetch(tmp_path, [server.url], checksums)


def test_should_stop_cancels_and_keeps_the_part_for_later(tmp_path, server, files, checksums):
    with pytest.raises(DownloadCancelled, match="cancelled"):
        fetch(tmp_path, [server.url], checksums, should_stop=lambda: True)
    name = NAMES[0]
    assert not (tmp_path / name).exists()
    assert (tmp_path / (name + ".part")).stat().st_size == CHUNK
    fetch(tmp_path, [server.url], checksums)
    assert (name, f"bytes={CHUNK}-") in server.requests
    assert (tmp_path / name).read_bytes() == files[name]


def test_the_bundled_digits_need_no_download(tmp_path):
    with pytest.raises(DatasetError, match="bundled"):
        download_dataset("digits", tmp_path)


def test_default_destination_is_the_data_dir_folder(tmp_path, server, checksums, monkeypatch):
    monkeypatch.setenv("OPTVIZ_DATA_DIR", str(tmp_path))
    folder = download_dataset("fashion-mnist", mirrors=[server.url], checksums=checksums)
    assert folder == tmp_path / "fashion-mnist"
    assert sorted(p.name for p in folder.iterdir()) == sorted(NAMES)
