"""Image data sets for the training race: the IDX reader, MNIST, Fashion-MNIST and bundled digits.

MNIST and Fashion-MNIST are four IDX files each (images, labels; train, t10k), found in
``data_dir()/mnist`` and ``data_dir()/fashion-mnist`` or in a folder the user chooses;
`optviz.engine.download` fetches them. The 8×8 UCI digits ship with optviz
(``resources/data``) so the race works offline, with nothing to download.
"""

from __future__ import annotations

import gzip
import importlib.resources
import os
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import platformdirs

from optviz.engine.errors import DatasetError

Array = np.ndarray

# IDX header: two zero bytes, a type code, the number of dimensions, then one big-endian
# uint32 per dimension. Unsigned-byte labels (1 dim) give the magic 2049, images (3) 2051.
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
LABELS_MAGIC = 2049
IMAGES_MAGIC = 2051
GZIP_MAGIC = b"\x1f\x8b"

FILE_ROLES = ("train_images", "train_labels", "test_images", "test_labels")
IDX_FILES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}


@dataclass(frozen=True)
class DatasetInfo:
    """What optviz knows about a data set before loading it (one source of truth)."""

    name: str
    title: str
    image_shape: tuple[int, int]
    class_names: tuple[str, ...]
    credit: str
    folder: str = ""  # below data_dir(); "" for bundled data
    md5: dict[str, str] | None = None  # file name -> MD5 of the canonical .gz
    mirrors: tuple[str, ...] = ()

    @property
    def downloadable(self) -> bool:
        return bool(self.mirrors)


DATASETS: dict[str, DatasetInfo] = {
    "mnist": DatasetInfo(
        name="mnist",
        title="MNIST",
        image_shape=(28, 28),
        class_names=tuple(str(d) for d in range(10)),
        credit="Yann LeCun, Corinna Cortes and Christopher J. C. Burges, "
        '"The MNIST database of handwritten digits". Licence: CC BY-SA 3.0.',
        folder="mnist",
        md5={
            "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
            "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
            "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
        },
        mirrors=(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
        ),
    ),
    "fashion-mnist": DatasetInfo(
        name="fashion-mnist",
        title="Fashion-MNIST",
        image_shape=(28, 28),
        class_names=(
            "T-shirt/top",
            "Trouser",
            "Pullover",
            "Dress",
            "Coat",
            "Sandal",
            "Shirt",
            "Sneaker",
            "Bag",
            "Ankle boot",
        ),  # fmt: skip
        credit="Han Xiao, Kashif Rasul and Roland Vollgraf (Zalando Research), "
        '"Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning '
        'Algorithms". Licence: MIT.',
        folder="fashion-mnist",
        md5={
            "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
            "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
            "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
        },
        mirrors=("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",),
    ),
    "digits": DatasetInfo(
        name="digits",
        title="Digits (8×8, bundled)",
        image_shape=(8, 8),
        class_names=tuple(str(d) for d in range(10)),
        credit="E. Alpaydin and C. Kaynak, Optical Recognition of Handwritten Digits, "
        "UCI Machine Learning Repository, CC BY 4.0.",
    ),
}

DIGITS_FILES = ("digits-images-idx3-ubyte.gz", "digits-labels-idx1-ubyte.gz")
DIGITS_TRAIN = 1500  # of 1,797; the other 297 are the test set
DIGITS_SPLIT_SEED = 0


@dataclass(frozen=True)
class Dataset:
    """Images as rows of floats in [0, 1] and integer labels.

    x_train: (n_train, height·width) float32; y_train: (n_train,) int64; same for test.
    """

    name: str
    x_train: Array
    y_train: Array
    x_test: Array
    y_test: Array
    image_shape: tuple[int, int]
    class_names: tuple[str, ...]
    credit: str
    source: str = ""  # where the files came from, for the UI

    @property
    def n_features(self) -> int:
        return self.x_train.shape[1]

    @property
    def n_classes(self) -> int:
        return len(self.class_names)

    def from_test_split(self, n_train: int) -> Dataset:
        """Train on the first `n_train` test images, test on the rest (the training set is
        dropped). For a machine that has only the two t10k files of MNIST."""
        n = len(self.x_test)
        if not 0 < n_train < n:
            raise DatasetError.of(
                "{name}: cannot split {count} test images at {at}",
                name=self.name,
                count=n,
                at=n_train,
            )
        return replace(
            self,
            x_train=self.x_test[:n_train],
            y_train=self.y_test[:n_train],
            x_test=self.x_test[n_train:],
            y_test=self.y_test[n_train:],
            source=f"{self.source} (test images {n_train} / {n - n_train})",
        )


def parse_idx(data: bytes, source: str) -> Array:
    """Decode IDX bytes (gzip-compressed or raw); `source` names the file in error messages."""
    if data[:2] == GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise DatasetError.of(
                "{file}: damaged or incomplete gzip file ({reason}); delete it and "
                "download it again",
                file=source,
                reason=str(error),
            ) from None
    if len(data) < 4:
        raise DatasetError.of(
            "{file}: not an IDX file (only {size} bytes)", file=source, size=len(data)
        )
    magic = int.from_bytes(data[:4], "big")
    type_code, ndim = data[2], data[3]
    if data[:2] != b"\0\0" or type_code not in IDX_TYPES or ndim == 0:
        raise DatasetError.of(
            "{file}: not an IDX file (magic number {magic}; expected {labels} for "
            "labels or {images} for images)",
            file=source,
            magic=magic,
            labels=LABELS_MAGIC,
            images=IMAGES_MAGIC,
        )
    header_size = 4 + 4 * ndim
    if len(data) < header_size:
        raise DatasetError.of(
            "{file}: truncated header ({size} bytes, {ndim} dimensions)",
            file=source,
            size=len(data),
            ndim=ndim,
        )
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    dtype = np.dtype(IDX_TYPES[type_code])
    expected = header_size + int(np.prod(shape)) * dtype.itemsize
    if len(data) != expected:
        fields = {"file": source, "shape": " × ".join(map(str, shape)), "expected": expected,
                  "size": len(data), "count": abs(len(data) - expected)}  # fmt: skip
        if len(data) < expected:
            raise DatasetError.of(
                "{file}: truncated ({count} bytes missing): the header promises {shape} values, "
                "{expected} bytes with the header, but there are {size} bytes",
                **fields,
            )
        raise DatasetError.of(
            "{file}: trailing data after the last item ({count} bytes too many): the header "
            "promises {shape} values, {expected} bytes with the header, but there are {size} bytes",
            **fields,
        )
    array = np.frombuffer(data, dtype=dtype, offset=header_size).reshape(shape)
    return array if dtype.isnative else array.astype(dtype.newbyteorder("="))


def read_idx(path: str | os.PathLike) -> Array:
    """Read an IDX file, gzip-compressed or raw, into an array shaped by its header."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DatasetError.of("{file}: file not found", file=str(path)) from None
    except OSError as error:
        raise DatasetError.of(
            "{file}: cannot read ({reason})", file=str(path), reason=str(error.strerror or error)
        ) from None
    return parse_idx(data, str(path))


def data_dir() -> Path:
    """Where downloaded data sets live: $OPTVIZ_DATA_DIR, else the user data folder/data."""
    override = os.environ.get("OPTVIZ_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("optviz")) / "data"


def dataset_info(name: str) -> DatasetInfo:
    """Metadata of a data set by name; DatasetError listing the names if unknown."""
    try:
        return DATASETS[name]
    except KeyError:
        raise DatasetError.of(
            "unknown data set {name} (known: {names})", name=repr(name), names=", ".join(DATASETS)
        ) from None


def dataset_folder(name: str, root: str | os.PathLike | None = None) -> Path:
    """The folder that holds (or will hold) a downloadable data set's four files:
    ``root/<folder>``, root defaulting to `data_dir()`."""
    info = dataset_info(name)
    return Path(root if root is not None else data_dir()) / info.folder


def find_file(folder: Path, file_name: str) -> Path | None:
    """The file in `folder`, also accepted already decompressed (without ".gz")."""
    for candidate in (folder / file_name, folder / file_name.removesuffix(".gz")):
        if candidate.is_file():
            return candidate
    return None


def _load_images(path: Path, info: DatasetInfo) -> Array:
    images = read_idx(path)
    if images.ndim != 3 or images.shape[1:] != info.image_shape:
        expected = " × ".join(map(str, ("n", *info.image_shape)))
        raise DatasetError.of(
            "{file}: expected images of {expected}, got {shape}",
            file=str(path),
            expected=expected,
            shape=" × ".join(map(str, images.shape)),
        )
    return _scale(images, 255)


def _load_labels(path: Path, info: DatasetInfo, n_images: int) -> Array:
    labels = read_idx(path)
    if labels.ndim != 1:
        raise DatasetError.of(
            "{file}: expected labels (1 dimension), got shape {shape}",
            file=str(path),
            shape=str(labels.shape),
        )
    if len(labels) != n_images:
        raise DatasetError.of(
            "{file}: {count} labels for {images} images",
            file=str(path),
            count=len(labels),
            images=n_images,
        )
    if len(labels) and labels.max() >= len(info.class_names):
        top = len(info.class_names) - 1
        raise DatasetError.of(
            "{file}: label {label} out of range 0–{top}",
            file=str(path),
            label=int(labels.max()),
            top=top,
        )
    return labels.astype(np.int64)


def _scale(images: Array, maximum: float) -> Array:
    x = images.reshape(len(images), -1).astype(np.float32)
    x *= np.float32(1.0 / maximum)
    return x


def load_dataset(
    name: str,
    data_dir: str | os.PathLike | None = None,
    folder: str | os.PathLike | None = None,
    train_from_test: int | None = None,
) -> Dataset:
    """Load a data set by name ("mnist", "fashion-mnist", "digits").

    folder: the folder holding the four IDX files (what "Use folder…" picks); otherwise
    ``data_dir/<name>`` with data_dir defaulting to `data_dir()`.
    train_from_test: train on the first n test images and test on the rest; only the two
    t10k files are read (see `Dataset.from_test_split`).
    """
    info = dataset_info(name)
    if name == "digits":
        dataset = load_digits()
        return dataset if train_from_test is None else dataset.from_test_split(train_from_test)
    where = Path(folder) if folder is not None else dataset_folder(name, data_dir)
    roles = FILE_ROLES if train_from_test is None else ("test_images", "test_labels")
    paths = {}
    for role in roles:
        path = find_file(where, IDX_FILES[role])
        if path is None:
            raise DatasetError.of(
                "{title}: the file {file} is missing (looked in {folder}). Download {title}, "
                "choose a folder that holds its four files ('Use folder…'), or train on the "
                "bundled 'digits' data set, which needs no download.",
                title=info.title,
                file=IDX_FILES[role],
                folder=str(where),
            )
        paths[role] = path
    arrays = {}
    for part in ("train", "test"):
        if f"{part}_images" in paths:
            x = _load_images(paths[f"{part}_images"], info)
            arrays[part] = (x, _load_labels(paths[f"{part}_labels"], info, len(x)))
    if train_from_test is not None:
        arrays["train"] = (arrays["test"][0][:0], arrays["test"][1][:0])
    dataset = Dataset(
        name=name,
        x_train=arrays["train"][0],
        y_train=arrays["train"][1],
        x_test=arrays["test"][0],
        y_test=arrays["test"][1],
        image_shape=info.image_shape,
        class_names=info.class_names,
        credit=info.credit,
        source=str(where),
    )
    return dataset if train_from_test is None else dataset.from_test_split(train_from_test)


def load_digits() -> Dataset:
    """The bundled 8×8 UCI digits: 1,797 images, a fixed 1,500 / 297 train/test split."""
    info = DATASETS["digits"]
    data = importlib.resources.files("optviz.resources") / "data"
    images = parse_idx((data / DIGITS_FILES[0]).read_bytes(), f"bundled {DIGITS_FILES[0]}")
    labels = parse_idx((data / DIGITS_FILES[1]).read_bytes(), f"bundled {DIGITS_FILES[1]}")
    x = _scale(images, 16)  # pixel values are counts 0..16
    y = labels.astype(np.int64)
    order = np.random.default_rng(DIGITS_SPLIT_SEED).permutation(len(x))
    train, test = order[:DIGITS_TRAIN], order[DIGITS_TRAIN:]
    return Dataset(
        name="digits",
        x_train=x[train],
        y_train=y[train],
        x_test=x[test],
        y_test=y[test],
        image_shape=info.image_shape,
        class_names=info.class_names,
        credit=info.credit,
        source="bundled with optviz",
    )
