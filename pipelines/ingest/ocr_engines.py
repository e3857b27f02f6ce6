"""OCR engines behind one small interface: a page image in, text boxes out.

`RapidOcr` (PP-OCRv4 models run by onnxruntime; the models ship inside the
`rapidocr-onnxruntime` wheel, nothing is downloaded) is the engine the project uses: it read
table cells far better than Tesseract on scanned report pages (docs/ocr.md has the numbers).
`Tesseract` (Debian `tesseract-ocr tesseract-ocr-chi-sim`, through pytesseract) is kept for the
comparison and for machines where onnxruntime cannot run.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import metadata
from typing import NamedTuple, Protocol

import numpy as np

# onnxruntime reports telemetry to a remote host unless told not to (offline it fails harmlessly,
# but a batch job has no business calling out)
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")


class Box(NamedTuple):
    """A run of text the engine read, its place as an upright rectangle in the page's pixels."""

    text: str
    score: float  # the engine's confidence, 0–1
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


class Engine(Protocol):
    name: str

    @property
    def version(self) -> str: ...

    def read(self, image: np.ndarray) -> list[Box]: ...

    def recognise(self, crops: list[np.ndarray], wide: bool = False) -> list[tuple[str, float]]: ...


class EngineMissing(RuntimeError):
    """The OCR engine is not installed."""


class RapidOcr:
    """RapidOCR with the settings measured best on report tables: a low text-score cut-off (the
    default 0.5 drops lone zeros; a doubtful read is flagged, not dropped) and no angle
    classifier (it turned short lines upside down); one thread, as workers run in parallel."""

    name = "rapidocr"
    TEXT_SCORE = 0.3

    def __init__(self, threads: int = 1) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise EngineMissing("rapidocr-onnxruntime is not installed (pip install rapidocr-onnxruntime)") from exc
        self._ocr = RapidOCR(text_score=self.TEXT_SCORE, use_cls=False, print_verbose=False,
                             intra_op_num_threads=threads, inter_op_num_threads=1)

    @property
    def version(self) -> str:
        return f"rapidocr-onnxruntime {metadata.version('rapidocr-onnxruntime')}"

    def read(self, image: np.ndarray) -> list[Box]:
        result, _ = self._ocr(image, text_score=self.TEXT_SCORE, box_thresh=0.5, unclip_ratio=1.6)
        boxes = []
        for quad, text, score in result or ():
            xs, ys = [p[0] for p in quad], [p[1] for p in quad]
            boxes.append(Box(text, float(score), min(xs), min(ys), max(xs), max(ys)))
        return boxes

    def recognise(self, crops: list[np.ndarray], wide: bool = False) -> list[tuple[str, float]]:
        """The text of each crop (one line each) and the mean confidence of its characters, read
        without looking for text first (a table cell's second look, which finds the lone digits
        detection passes over); the crops are read packed side by side (`_read_packed`) in runs of
        `LINE_WIDTH`, or, `wide`, as wide as a table row's strip (the lines of a table's cells not
        read in their row's strip: a label over several lines, a number off its row's line)."""
        reads = self._read_packed([(crop, [(-np.inf, np.inf)]) for crop in crops],
                                  self.PACK_WIDTH if wide else self.LINE_WIDTH)
        return [("".join(ch for ch, _ in chars[0]), float(np.mean([p for _, p in chars[0]])) if chars[0] else 0.0)
                for chars in reads]

    def recognise_strips(self, strips: list[tuple[np.ndarray, list[tuple[int, int]]]],
                         ) -> list[list[tuple[str, float]]]:
        """Several cells of a table row read at once: each strip is one image of the row's cells
        side by side, with the x range of each cell in it; every character the recogniser
        emits is given to the cell its position falls in (CTC's time steps run left to right
        across the image). Returns, per strip, each cell's text and lowest character confidence."""
        # a space read in the white between two cells is no part of either, nor of its confidence
        return [[("".join(ch for ch, _ in chars).strip(), min((p for ch, p in chars if not ch.isspace()), default=0.0))
                 for chars in cells] for cells in self._read_packed(strips)]

    # the width, at the recogniser's height of 48 px, of the images it is given. Measured on one
    # onnxruntime thread, a run's cost a pixel grows with its width (the recogniser's attention
    # spans the whole run): about 90 µs at 600–800 px, 120 at 1 600, 140 at 2 000; narrower than
    # 320 px an image is padded to it. A batch of several images costs about half as much again
    # a pixel, and every image of a batch is padded to its widest. Narrower runs than 1 600 px
    # read a table row's strip in pieces: its cells out of the row's context, where a seal's
    # stroke beside a dash is read as a character and the row lost
    PACK_WIDTH = 1600
    PACK_GAP = 24  # padding between two packed pieces: three of the recogniser's time steps
    # lines read on their own (prose, a cell's second look) are packed, and cut, to the cheaper
    # runs of 800 px; the lines of a table's cells that are not read in their row's strip (a
    # label over several lines, a number off its row's line: under a seal) are read in runs of
    # `PACK_WIDTH`, as the strip is: in 800 px runs the numbers of a row under a seal are read
    # with the seal's characters (docs/ocr.md). A second look stays in 800 px runs: in 1 600 it
    # reads a lone 0 as 10, a speck as 1, more often
    LINE_WIDTH = 800
    # the narrowest white gap a line is cut at, a share of the height of its print: the white
    # after a full-width comma or stop, between words, between two cells of a strip; wider than
    # the white inside a character (川, 小)
    CUT_GAP = 0.4

    def _read_packed(self, items: list[tuple[np.ndarray, list[tuple[float, float]]]], width: int = 0,
                     ) -> list[list[list[tuple[str, float]]]]:
        """Pieces of print read packed side by side into images about `PACK_WIDTH` wide, one
        image a run: each item is a one-line image and the x ranges (in its own pixels) of the
        parts it is made of; each character goes to the part its position falls in. An item
        wider than a run (`width`, else `PACK_WIDTH`; a line of prose is 1 500–2 500 px) is packed
        as pieces cut at its white gaps (`_cuts`). Returns,
        per item, per part, its characters and their confidences."""
        import cv2

        rec = self._ocr.text_rec
        charset = rec.postprocess_op.character
        height = rec.rec_image_shape[1]
        gap = self.PACK_GAP
        width = width or self.PACK_WIDTH
        out: list[list[list[tuple[str, float]]]] = [[[] for _ in ranges] for _, ranges in items]
        # per image: (item, x of the piece in the image, the piece's pixels, x of the piece in
        # its item's resized pixels, the item's scale)
        lines: list[list[tuple[int, int, np.ndarray, int, float]]] = []
        at = 0
        for i, (image, _ranges) in enumerate(items):
            h, w = image.shape[:2]
            if h == 0 or w == 0:
                continue
            scale = height / h
            pixels = cv2.resize(image, (max(1, round(w * scale)), height), interpolation=cv2.INTER_LINEAR)
            if pixels.ndim == 3:
                pixels = pixels.mean(axis=2)
            for start, end in self._cuts(pixels, width):
                piece = pixels[:, start:end]
                if not lines or at + piece.shape[1] + gap > width:
                    lines.append([])
                    at = 0
                lines[-1].append((i, at, piece, start, scale))
                at += piece.shape[1] + gap
        for line in lines:
            run = max(line[-1][1] + line[-1][2].shape[1] + gap, rec.rec_image_shape[2])
            # between and after the pieces the recogniser's own padding (0, a mid-grey), as it was
            # trained: white there made it read a lone 0 as 。 and lowered its confidence throughout
            tensor = np.zeros((1, 3, height, run), dtype=np.float32)
            for _i, x, pixels, _start, _scale in line:
                tensor[0, :, :, x:x + pixels.shape[1]] = pixels.astype(np.float32) / 127.5 - 1.0
            preds = rec.session(tensor)[0][0]  # (time steps, characters)
            best, probs = preds.argmax(axis=1), preds.max(axis=1)
            step = run / preds.shape[0]
            starts = [x - gap / 2 for _i, x, _p, _st, _s in line]
            previous = 0
            for t, index in enumerate(best.tolist()):
                if index != 0 and index != previous and index < len(charset):
                    x = (t + 0.5) * step
                    k = max(0, int(np.searchsorted(starts, x, side="right")) - 1)
                    i, left, _pixels, start, scale = line[k]
                    local = (x - left + start) / scale
                    for part, (x0, x1) in enumerate(items[i][1]):
                        if x0 <= local < x1:
                            out[i][part].append((charset[index], float(probs[t])))
                            break
                previous = index
        return out

    def _cuts(self, pixels: np.ndarray, piece: int) -> list[tuple[int, int]]:
        """[start, end) of the pieces a resized line is read in: the whole line, or, wider than
        `piece`, pieces of at most that width cut in the middle of the widest white gap
        (no ink in a column) in their second half, one at least `CUT_GAP` of the print's height
        (its rows with ink) wide; a stretch without such a gap stays whole."""
        width = pixels.shape[1]
        if width <= piece:
            return [(0, width)]
        tall = int((pixels.min(axis=1) < 250).sum())
        blank = np.concatenate(([False], pixels.min(axis=0) >= 250, [False]))
        edges = np.flatnonzero(blank[1:] != blank[:-1])
        gaps = [(a, b) for a, b in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True)
                if b - a >= self.CUT_GAP * tall and 0 < a and b < width]
        out, start = [], 0
        while width - start > piece:
            low, high = start + piece // 2, start + piece
            inside = [(a, b) for a, b in gaps if low <= (a + b) // 2 <= high]
            if not inside:
                later = [(a, b) for a, b in gaps if (a + b) // 2 > high]
                if not later:
                    break
                inside = later[:1]
            a, b = max(inside, key=lambda g: (g[1] - g[0], g[0]))
            out.append((start, (a + b) // 2))
            start = (a + b) // 2
        return [*out, (start, width)]


class Tesseract:
    """Tesseract 5 with `chi_sim`, a page as one block of text lines (`--psm 6`); a line's words
    are joined into one box until a gap wider than a character, so that table cells stay apart.
    One thread per process (`OMP_THREAD_LIMIT=1`: its own threading made it about 4× slower)."""

    name = "tesseract"

    def __init__(self, lang: str = "chi_sim") -> None:
        try:
            import pytesseract
        except ImportError as exc:
            raise EngineMissing("pytesseract is not installed") from exc
        self._tess = pytesseract
        self.lang = lang
        try:
            self._version = str(pytesseract.get_tesseract_version())
        except pytesseract.TesseractNotFoundError as exc:
            raise EngineMissing("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-chi-sim)") from exc
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    @property
    def version(self) -> str:
        return f"tesseract {self._version} {self.lang}"

    def read(self, image: np.ndarray) -> list[Box]:
        data = self._tess.image_to_data(image, lang=self.lang, config="--psm 6",
                                        output_type=self._tess.Output.DICT)
        lines: dict[tuple[int, int, int], list[tuple[str, float, int, int, int, int]]] = {}
        for i, word in enumerate(data["text"]):
            if not word.strip() or float(data["conf"][i]) < 0:
                continue
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            left, top = data["left"][i], data["top"][i]
            lines.setdefault(key, []).append((word.strip(), float(data["conf"][i]) / 100, left, top,
                                              left + data["width"][i], top + data["height"][i]))
        boxes: list[Box] = []
        for words in lines.values():
            words.sort(key=lambda w: w[2])
            run = [words[0]]
            for word in words[1:]:
                height = max(w[5] - w[3] for w in run)
                if word[2] - run[-1][4] > height * 1.2:
                    boxes.append(_joined(run))
                    run = []
                run.append(word)
            boxes.append(_joined(run))
        return boxes

    def recognise(self, crops: list[np.ndarray], wide: bool = False) -> list[tuple[str, float]]:
        out = []
        for crop in crops:
            boxes = self.read_line(crop)
            out.append(("".join(b.text for b in boxes), min((b.score for b in boxes), default=0.0)))
        return out

    def read_line(self, image: np.ndarray) -> list[Box]:
        data = self._tess.image_to_data(image, lang=self.lang, config="--psm 7",
                                        output_type=self._tess.Output.DICT)
        return [Box(w.strip(), float(c) / 100, 0, 0, 0, 0) for w, c in zip(data["text"], data["conf"], strict=True)
                if w.strip() and float(c) >= 0]


def _joined(words: list[tuple[str, float, int, int, int, int]]) -> Box:
    return Box("".join(w[0] for w in words), min(w[1] for w in words), min(w[2] for w in words),
               min(w[3] for w in words), max(w[4] for w in words), max(w[5] for w in words))


ENGINES = {"rapidocr": RapidOcr, "tesseract": Tesseract}
DEFAULT_ENGINE = "rapidocr"


def engine_version(name: str = DEFAULT_ENGINE) -> str:
    """The engine's version, without loading its models where the package's version says it."""
    if name == "rapidocr":
        return f"rapidocr-onnxruntime {metadata.version('rapidocr-onnxruntime')}"
    return engine(name).version


@lru_cache(maxsize=4)
def engine_charset(version: str) -> frozenset[str] | None:
    """The characters the engine of `version` (an `OcrDocument.engine`) can print, where its
    recogniser has a closed set of them (RapidOCR's, in its recognition model); None where not
    known. A character outside it is always read as another one."""
    if not version.startswith("rapidocr-onnxruntime "):
        return None
    try:
        from importlib.resources import files

        import onnxruntime
        import yaml

        package = files("rapidocr_onnxruntime")
        config = yaml.safe_load(package.joinpath("config.yaml").read_text("utf-8"))
        model = str(package.joinpath(config["Rec"]["model_path"]))
        meta = onnxruntime.InferenceSession(model, providers=["CPUExecutionProvider"]).get_modelmeta()
        return frozenset(meta.custom_metadata_map["character"].splitlines())
    except (ImportError, OSError, KeyError, TypeError, ValueError):
        return None


@lru_cache(maxsize=4)
def engine(name: str = DEFAULT_ENGINE) -> Engine:
    """The named engine, loaded once per process (loading the models takes about a second)."""
    try:
        return ENGINES[name]()
    except KeyError:
        raise EngineMissing(f"no OCR engine {name!r}; known: {', '.join(ENGINES)}") from None
