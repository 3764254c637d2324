"""An engine that remembers its readings for a while: the scan reader asks for the same zone
with the same settings more than once while it reads one file (a number's second model, a
date's re-readings, the first engine's alternates the evidence asks for, a composite's
parts), and a reading is a pure function of the pixels and the settings, so the second ask
is answered from memory.

    with remembering(ocr) as ocr:            # for one file; forgotten afterwards
        ocr.recognize(zone, kind="digits")    # read
        ocr.recognize(zone, kind="digits")    # the same OcrResult, not read again

Only numpy arrays are remembered (keyed by a digest of their pixels, their shape and
dtype, and the settings); anything else is passed on.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

from connectors.ocr.base import OcrEngine, OcrResult

if TYPE_CHECKING:
    from connectors.ocr.base import ImageLike

__all__ = ["Remembering", "remembering"]

Key = tuple[bytes, tuple[int, ...], str, str, str | None, bool]


class Remembering(OcrEngine):
    """``engine``'s readings, the last ``size`` of them remembered (``OcrResult`` is immutable,
    so one may be handed out twice). Closing it forgets them and leaves ``engine`` open: it
    belongs to whoever opened it."""

    def __init__(self, engine: OcrEngine, size: int = 256) -> None:
        self.engine, self.size, self.name = engine, size, engine.name
        self._results: OrderedDict[Key, OcrResult] = OrderedDict()

    def recognize(self, image: ImageLike, *, kind: str = "text", whitelist: str | None = None,
                  single_line: bool = True) -> OcrResult:
        if not isinstance(image, np.ndarray):
            return self.engine.recognize(image, kind=kind, whitelist=whitelist, single_line=single_line)
        pixels = np.ascontiguousarray(image)
        key = (hashlib.blake2b(pixels.data, digest_size=16).digest(), pixels.shape, pixels.dtype.str, kind, whitelist,
               single_line)
        known = self._results.get(key)
        if known is not None:
            self._results.move_to_end(key)
            return known
        result = self.engine.recognize(image, kind=kind, whitelist=whitelist, single_line=single_line)
        self._results[key] = result
        if len(self._results) > self.size:
            self._results.popitem(last=False)
        return result

    def detect_orientation(self, page_image: ImageLike) -> tuple[int, float]:
        return self.engine.detect_orientation(page_image)

    def close(self) -> None:
        self._results.clear()


def remembering(engine: OcrEngine, size: int = 256) -> Remembering:
    """``engine`` remembering its last ``size`` readings (see ``Remembering``)."""
    return engine if isinstance(engine, Remembering) else Remembering(engine, size)
