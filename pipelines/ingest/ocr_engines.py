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

    def recognise(self, crops: list[np.ndarray]) -> list[tuple[str, float]]: ...


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

    def recognise(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """The text of each crop (one line each), read without looking for text first: a table
        cell's second look, which finds the lone digits detection passes over."""
        if not crops:
            return []
        results, _ = self._ocr.text_rec(crops, False)
        return [(r[0], float(r[1])) for r in results]

    def recognise_strips(self, strips: list[tuple[np.ndarray, list[tuple[int, int]]]],
                         ) -> list[list[tuple[str, float]]]:
        """Several cells of a table row read at once: each strip is one image of the row's cells
        side by side, with the x range of each cell in it; every character the recogniser
        emits is given to the cell its position falls in (CTC's time steps run left to right
        across the image). Returns, per strip, each cell's text and lowest character confidence.
        One pass over a row instead of one per cell: the recogniser pads every input to a line's
        width, so a lone digit costs as much as a line."""
        rec = self._ocr.text_rec
        charset = rec.postprocess_op.character
        height = rec.rec_image_shape[1]
        out: list[list[tuple[str, float]]] = [[] for _ in strips]
        order = sorted(range(len(strips)), key=lambda i: strips[i][0].shape[1] / strips[i][0].shape[0])
        for start in range(0, len(order), 8):
            batch = order[start:start + 8]
            scales = [height / strips[i][0].shape[0] for i in batch]
            widths = [max(1, round(strips[i][0].shape[1] * sc)) for i, sc in zip(batch, scales, strict=True)]
            full = max(max(widths), rec.rec_image_shape[2])
            tensor = np.zeros((len(batch), 3, height, full), dtype=np.float32)
            import cv2

            for k, (i, w) in enumerate(zip(batch, widths, strict=True)):
                img = cv2.resize(strips[i][0], (w, height)).astype(np.float32).transpose((2, 0, 1)) / 255
                tensor[k, :, :, :w] = (img - 0.5) / 0.5
            preds = rec.session(tensor)[0]  # (batch, time steps, characters)
            steps = preds.shape[1]
            for k, i in enumerate(batch):
                best, probs = preds[k].argmax(axis=1), preds[k].max(axis=1)
                cells: list[list[tuple[str, float]]] = [[] for _ in strips[i][1]]
                previous = 0
                for t in range(steps):
                    index = int(best[t])
                    if index != 0 and index != previous and index < len(charset):
                        x = (t + 0.5) * full / steps / scales[k]
                        for c, (x0, x1) in enumerate(strips[i][1]):
                            if x0 <= x < x1:
                                cells[c].append((charset[index], float(probs[t])))
                                break
                    previous = index
                out[i] = [("".join(ch for ch, _ in chars).strip(), min((p for _, p in chars), default=0.0))
                          for chars in cells]
        return out


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

    def recognise(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
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
def engine(name: str = DEFAULT_ENGINE) -> Engine:
    """The named engine, loaded once per process (loading the models takes about a second)."""
    try:
        return ENGINES[name]()
    except KeyError:
        raise EngineMissing(f"no OCR engine {name!r}; known: {', '.join(ENGINES)}") from None
