"""IDX reading, data-set folders and messages, the bundled digits, and the real files if present."""

import gzip
import hashlib
import importlib.resources
import os
import struct
import time
from pathlib import Path

import numpy as np
import platformdirs
import pytest

from optviz.engine.datasets import (
    IDX_FILES,
    data_dir,
    load_dataset,
    load_digits,
    parse_idx,
    read_idx,
)
from optviz.engine.errors import DatasetError

REAL_DATA = Path(__file__).parents[2].parent / "shared" / "datasets"


def idx_bytes(array: np.ndarray, type_code: int = 0x08) -> bytes:
    dtype = {0x08: ">u1", 0x0C: ">i4", 0x0D: ">f4"}[type_code]
    header = struct.pack(">HBB", 0, type_code, array.ndim) + struct.pack(
        f">{array.ndim}I", *array.shape
    )
    return header + array.astype(dtype).tobytes()


def write_idx(path: Path, array: np.ndarray, compress: bool | None = None) -> Path:
    data = idx_bytes(array)
    if compress if compress is not None else path.suffix == ".gz":
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def write_dataset(folder: Path, n_train=6, n_test=4, shape=(28, 28), seed=0) -> dict:
    """The four canonical files, tiny; returns the arrays written."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {
        "train_images": rng.integers(0, 256, (n_train, *shape), dtype=np.uint8),
        "train_labels": rng.integers(0, 10, n_train, dtype=np.uint8),
        "test_images": rng.integers(0, 256, (n_test, *shape), dtype=np.uint8),
        "test_labels": rng.integers(0, 10, n_test, dtype=np.uint8),
    }
    for role, array in arrays.items():
        write_idx(folder / IDX_FILES[role], array)
    return arrays


# --- the IDX reader ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["images-idx3-ubyte.gz", "images-idx3-ubyte"])
def test_read_idx_reads_gzip_and_raw_files_with_the_header_shape(tmp_path, name):
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    out = read_idx(write_idx(tmp_path / name, images))
    assert out.shape == (2, 3, 4) and out.dtype == np.uint8
    np.testing.assert_array_equal(out, images)


def test_read_idx_decodes_big_endian_integers(tmp_path):
    values = np.array([[1, -2, 70000]], dtype=np.int32)
    path = tmp_path / "ints.idx"
    path.write_bytes(idx_bytes(values, 0x0C))
    out = read_idx(path)
    np.testing.assert_array_equal(out, values)
    assert out.dtype.isnative


def test_labels_and_images_files_carry_the_magic_numbers_2049_and_2051():
    assert int.from_bytes(idx_bytes(np.zeros(3))[:4], "big") == 2049
    assert int.from_bytes(idx_bytes(np.zeros((1, 2, 2)))[:4], "big") == 2051


def test_damaged_gzip_names_the_file(tmp_path):
    data = bytearray(gzip.compress(idx_bytes(np.arange(200, dtype=np.uint8))))
    data[12:40] = bytes(28)  # wreck the deflate stream
    path = tmp_path / "labels.gz"
    path.write_bytes(bytes(data))
    with pytest.raises(DatasetError, match="damaged or incomplete gzip") as caught:
        read_idx(path)
    assert str(path) in str(caught.value)


def test_gzip_cut_short_is_reported_as_incomplete(tmp_path):
    data = gzip.compress(idx_bytes(np.arange(200, dtype=np.uint8)))
    path = tmp_path / "labels.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatasetError, match=r"labels\.gz: damaged or incomplete gzip"):
        read_idx(path)


def test_truncated_data_says_truncated_and_gives_sizes(tmp_path):
    path = tmp_path / "images"
    path.write_bytes(idx_bytes(np.zeros((2, 3, 3), np.uint8))[:-5])
    with pytest.raises(DatasetError) as caught:
        read_idx(path)
    message = str(caught.value)
    assert str(path) in message and "truncated" in message
    assert "5 bytes missing" in message and "2 × 3 × 3 values" in message
    assert "34 bytes with the header" in message and "there are 29 bytes" in message


def test_trailing_bytes_are_an_error(tmp_path):
    path = tmp_path / "labels"
    path.write_bytes(idx_bytes(np.zeros(4, np.uint8)) + b"junk")
    with pytest.raises(DatasetError, match=r"trailing data after the last item \(4 bytes too"):
        read_idx(path)


def test_wrong_magic_number_is_not_an_idx_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"hello, this is text")
    with pytest.raises(DatasetError, match=r"not an IDX file.*expected 2049.*2051"):
        read_idx(path)
    with pytest.raises(DatasetError, match="not an IDX file"):
        parse_idx(b"\x00\x00\x07\x01\x00\x00\x00\x01\x05", "odd type code")


def test_header_shorter_than_its_dimensions_is_truncated():
    with pytest.raises(DatasetError, match="truncated header"):
        parse_idx(b"\x00\x00\x08\x03\x00\x00\x00\x01", "short header")


def test_missing_file_is_a_dataset_error(tmp_path):
    with pytest.raises(DatasetError, match="file not found"):
        read_idx(tmp_path / "nothing.gz")


# --- data-set folders -------------------------------------------------------------------------


def test_load_dataset_from_a_folder_scales_pixels_and_keeps_labels(tmp_path):
    arrays = write_dataset(tmp_path / "files")
    data = load_dataset("mnist", folder=tmp_path / "files")
    assert data.x_train.shape == (6, 784) and data.x_train.dtype == np.float32
    assert data.x_test.shape == (4, 784)
    assert data.y_train.dtype == np.int64
    np.testing.assert_array_equal(data.y_test, arrays["test_labels"])
    expected = arrays["train_images"].reshape(6, -1) / np.float32(255)
    np.testing.assert_allclose(data.x_train, expected, rtol=1e-6)
    assert data.x_train.min() >= 0 and data.x_train.max() <= 1
    assert data.image_shape == (28, 28) and data.n_classes == 10
    assert "LeCun" in data.credit and data.source == str(tmp_path / "files")


def test_load_dataset_looks_in_data_dir_subfolder_and_accepts_uncompressed_files(tmp_path):
    folder = tmp_path / "fashion-mnist"
    write_dataset(folder)
    gz = folder / IDX_FILES["test_labels"]
    raw = folder / IDX_FILES["test_labels"].removesuffix(".gz")
    raw.write_bytes(gzip.decompress(gz.read_bytes()))
    gz.unlink()
    data = load_dataset("fashion-mnist", data_dir=tmp_path)
    assert data.class_names[9] == "Ankle boot" and len(data.y_test) == 4


def test_optviz_data_dir_variable_is_respected(tmp_path, monkeypatch):
    monkeypatch.setenv("OPTVIZ_DATA_DIR", str(tmp_path / "mine"))
    assert data_dir() == tmp_path / "mine"
    write_dataset(tmp_path / "mine" / "mnist", n_train=3)
    assert len(load_dataset("mnist").y_train) == 3


def test_data_dir_defaults_to_the_user_data_folder(monkeypatch):
    monkeypatch.delenv("OPTVIZ_DATA_DIR", raising=False)
    assert data_dir() == Path(platformdirs.user_data_dir("optviz")) / "data"


def test_missing_file_message_says_which_where_and_what_to_do(tmp_path):
    write_dataset(tmp_path / "mnist")
    (tmp_path / "mnist" / "train-images-idx3-ubyte.gz").unlink()
    with pytest.raises(DatasetError) as caught:
        load_dataset("mnist", data_dir=tmp_path)
    message = str(caught.value)
    assert "train-images-idx3-ubyte.gz is missing" in message
    assert str(tmp_path / "mnist") in message
    assert "Download MNIST" in message and "Use folder" in message and "digits" in message


def test_images_of_the_wrong_size_are_rejected(tmp_path):
    write_dataset(tmp_path, shape=(5, 5))
    with pytest.raises(DatasetError, match=r"expected images of n × 28 × 28, got 6 × 5 × 5"):
        load_dataset("mnist", folder=tmp_path)


def test_label_count_must_match_image_count(tmp_path):
    write_dataset(tmp_path)
    write_idx(tmp_path / IDX_FILES["test_labels"], np.zeros(3, np.uint8))
    with pytest.raises(DatasetError, match="3 labels for 4 images"):
        load_dataset("mnist", folder=tmp_path)


def test_train_from_test_needs_only_the_test_files(tmp_path):
    arrays = write_dataset(tmp_path, n_test=10)
    for role in ("train_images", "train_labels"):
        (tmp_path / IDX_FILES[role]).unlink()
    data = load_dataset("mnist", folder=tmp_path, train_from_test=8)
    assert len(data.x_train) == 8 and len(data.x_test) == 2
    np.testing.assert_array_equal(data.y_train, arrays["test_labels"][:8])
    np.testing.assert_array_equal(data.y_test, arrays["test_labels"][8:])
    with pytest.raises(DatasetError, match="cannot split 10 test images at 10"):
        load_dataset("mnist", folder=tmp_path, train_from_test=10)


def test_unknown_dataset_lists_the_known_ones():
    with pytest.raises(
        DatasetError, match="unknown data set 'cifar'.*mnist, fashion-mnist, digits"
    ):
        load_dataset("cifar")


# --- bundled digits ---------------------------------------------------------------------------


def test_bundled_digits_are_1797_images_of_8x8_with_all_ten_labels():
    data = load_digits()
    assert len(data.x_train) + len(data.x_test) == 1797
    assert (len(data.x_train), len(data.x_test)) == (1500, 297)
    assert data.image_shape == (8, 8) and data.x_train.shape[1] == 64
    labels = np.concatenate([data.y_train, data.y_test])
    assert set(labels.tolist()) == set(range(10))
    assert data.x_train.min() == 0 and data.x_train.max() == 1  # pixel counts 0..16 / 16
    assert "Alpaydin" in data.credit and "CC BY 4.0" in data.credit
    assert load_dataset("digits").y_test.tolist() == data.y_test.tolist()  # fixed split


def test_bundled_digits_come_from_package_resources_split_without_overlap():
    folder = importlib.resources.files("optviz.resources") / "data"
    images = parse_idx((folder / "digits-images-idx3-ubyte.gz").read_bytes(), "images")
    assert images.shape == (1797, 8, 8)
    assert (folder / "CREDITS.txt").read_text(encoding="utf-8").count("CC BY 4.0") >= 1
    data = load_digits()
    rows = np.concatenate([data.x_train, data.x_test]) * 16
    as_bytes = sorted(r.astype(np.uint8).tobytes() for r in rows)
    assert as_bytes == sorted(r.tobytes() for r in images.reshape(1797, 64))


# --- the real files, where this machine has them ----------------------------------------------


@pytest.fixture
def real_data() -> Path:
    if not (REAL_DATA / "fashion-mnist").is_dir():
        # CI always has shared/ beside the clone: there a missing folder is a failure.
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI should have the real data sets in {REAL_DATA}")
        pytest.skip(f"no real data sets in {REAL_DATA}")
    return REAL_DATA


def test_real_fashion_mnist_loads_fully_and_fast(real_data):
    start = time.perf_counter()
    data = load_dataset("fashion-mnist", data_dir=real_data)
    seconds = time.perf_counter() - start
    assert data.x_train.shape == (60000, 784) and data.x_test.shape == (10000, 784)
    assert np.bincount(data.y_train).tolist() == [6000] * 10  # balanced classes
    assert np.bincount(data.y_test).tolist() == [1000] * 10
    assert 0.2 < float(data.x_train.mean()) < 0.4  # not all zeros, not unscaled
    assert seconds < 10, f"took {seconds:.1f} s"
    labels = gzip.decompress((real_data / "fashion-mnist" / IDX_FILES["train_labels"]).read_bytes())
    assert hashlib.sha256(labels).hexdigest() == (
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"
    )


def test_real_mnist_lacks_train_images_and_splits_its_test_set(real_data):
    with pytest.raises(DatasetError, match="train-images-idx3-ubyte.gz is missing"):
        load_dataset("mnist", data_dir=real_data)
    data = load_dataset("mnist", data_dir=real_data, train_from_test=8000)
    assert data.x_train.shape == (8000, 784) and data.x_test.shape == (2000, 784)
    assert set(np.unique(data.y_test).tolist()) == set(range(10))
