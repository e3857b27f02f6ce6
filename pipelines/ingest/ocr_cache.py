"""OCR results kept on disk, so that a scanned file is recognised once: the key is the file's
sha256, the engine's version and the version of this package's page reading (`READER_VERSION`),
so a new engine or a change to the reading reads the file again, and nothing else does.

One JSON file per (file, engine, reader), under `<cache>/<sha[:2]>/`; written atomically (a
temporary file renamed), so workers on several machines sharing the folder never see half a file.
The cache folder is `XXGK_OCR_CACHE`, else `ocr-cache/` beside the warehouse file.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pipelines import paths

from .ocr import DPI, OcrCell, OcrDocument, is_image, ocr_document
from .ocr_engines import DEFAULT_ENGINE, engine_version
from .pdf import PdfUnreadable, is_pdf, pdf_text, undecoded_share

# the version of the page reading in `ocr.py`: raise it when a change there changes what is read
READER_VERSION = "12"


def cache_dir() -> Path:
    """Where OCR results are kept: XXGK_OCR_CACHE, else ocr-cache/ beside the warehouse file."""
    env = os.environ.get("XXGK_OCR_CACHE")
    return Path(env).resolve() if env else paths.warehouse_file().parent / "ocr-cache"


def cache_key(sha256: str, engine: str = DEFAULT_ENGINE, dpi: int = DPI) -> str:
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", engine_version(engine)).strip("-")
    return f"{sha256}.{slug}.r{READER_VERSION}.{dpi}dpi"


def needs_ocr(data: bytes) -> bool:
    """A file whose text must be recognised: an image, or a PDF without a usable text layer (none,
    or one whose characters do not decode: fonts without a Unicode map). A PDF that cannot be
    opened is not: it is quarantined as unreadable, whatever OCR could do."""
    if is_image(data):
        return True
    if not is_pdf(data):
        return False
    try:
        text, _ = pdf_text(data)
    except PdfUnreadable:
        return False
    return not text or undecoded_share(text) > 0.2


def to_json(doc: OcrDocument) -> dict[str, Any]:
    record = asdict(doc)
    record["cells"] = [list(c) for c in doc.cells]
    record["page_lines"] = list(doc.page_lines)
    record["problems"] = [list(p) for p in doc.problems]
    return record


def from_json(record: dict[str, Any]) -> OcrDocument:
    record = dict(record)
    record["cells"] = [OcrCell(*c) for c in record.get("cells", [])]
    record["page_lines"] = tuple(record.get("page_lines", ()))
    record["problems"] = [tuple(p) for p in record.get("problems", [])]
    record["rows"] = []  # cells are read from the text by the reader, as for any text
    return OcrDocument(**record)


def ocr_cached(data: bytes, path: str, folder: Path | None = None, engine: str = DEFAULT_ENGINE,
               dpi: int = DPI) -> tuple[OcrDocument, bool]:
    """The OCR'd Document of a file and whether it came from the cache."""
    import hashlib

    sha = hashlib.sha256(data).hexdigest()
    folder = folder or cache_dir()
    target = folder / sha[:2] / f"{cache_key(sha, engine, dpi)}.json"
    if target.is_file():
        try:
            doc = from_json(json.loads(target.read_text(encoding="utf-8")))
            doc.path = path
            return doc, True
        except (ValueError, TypeError, KeyError):
            pass  # a damaged entry is read again and replaced
    doc = ocr_document(data, path, engine_name=engine, dpi=dpi)
    if not any(code in ("ocr_unavailable", "file_unreadable") for code, _, _ in doc.problems):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(to_json(doc), out, ensure_ascii=False)
        os.replace(tmp, target)
    return doc, False
