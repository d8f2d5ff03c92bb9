"""The recogniser: PP-OCR's Chinese recognition model as shipped inside the
`rapidocr-onnxruntime` wheel, run by onnxruntime on the CPU. The detector is not
needed: table cells come from the ruling lines, prose lines from the page's ink
profile (page.py), which costs a fraction of the detector's time.

Nothing is downloaded: the model files are part of the installed package, and
`model_files()` says where (the tests check they exist). One engine per process,
built on first use; the thread count follows ZFXXGK_OCR_THREADS (default 1, so
`batch --jobs N` uses N cores, not N×all).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...errors import InputError

_MISSING = ("文字识别（OCR）所需的软件包未安装：请安装 rapidocr-onnxruntime、onnxruntime 和 "
            "opencv-python-headless（make run 或 pip install zfxxgk 会一并安装）")


def model_files() -> list[Path]:
    """The ONNX model files the engine loads, inside the installed wheel."""
    try:
        import rapidocr_onnxruntime
    except ImportError:
        return []
    root = Path(rapidocr_onnxruntime.__file__).parent / "models"
    return sorted(root.glob("*.onnx"))


@dataclass(frozen=True)
class Recognizer:
    """The recognition model's session and rapidocr's CTC decoder for it."""

    session: object
    decode: object
    input_name: str
    digit_classes: np.ndarray  # the model's output classes of blank, 0-9, "." and "-"


@lru_cache(maxsize=1)
def engine() -> Recognizer:
    """The recogniser, built once per process: only the recognition model is
    loaded (cells and lines are found on the page without the detector), in a
    session with the memory arena on and no spinning threads (rapidocr's own
    session turns the arena off, and allocating every batch afresh cost more
    system time than the inference itself)."""
    try:
        import onnxruntime as ort
        from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode
    except ImportError:
        raise InputError(_MISSING) from None
    import cv2

    threads = int(os.environ.get("ZFXXGK_OCR_THREADS", "1"))
    cv2.setNumThreads(threads)
    model = next((p for p in model_files() if "rec" in p.name), None)
    if model is None:
        raise InputError(_MISSING)
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.enable_cpu_mem_arena = True
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.log_severity_level = 4
    session = ort.InferenceSession(str(model), sess_options=opts,
                                   providers=["CPUExecutionProvider"])
    characters = session.get_modelmeta().custom_metadata_map["character"].splitlines()
    decode = CTCLabelDecode(character=characters)
    digits = [0] + [i for i, c in enumerate(decode.character) if c in _DIGITS]
    return Recognizer(session, decode, session.get_inputs()[0].name,
                      np.array(digits, dtype=np.int64))


_DIGITS = "0123456789.-"


def decode_digits(pred: np.ndarray, classes: np.ndarray, characters: list[str]) -> tuple[str, float]:
    """One crop's model output read as digits only: at every step the likeliest of
    blank, 0-9, "." and "-" (the 2019 form's 增/减 column is signed), repeats collapsed. The confidence is the least probability
    among the digits kept, unrenormalised: a "0" the model took for an "o" keeps
    the low probability the model gave the "0", so the cell stays in doubt."""
    sub = pred[:, classes]
    best = sub.argmax(axis=1)
    probs = sub[np.arange(len(best)), best]
    keep = best != 0
    keep[1:] &= best[1:] != best[:-1]
    chosen = best[keep]
    if chosen.size == 0:
        return "", 0.0
    return "".join(characters[classes[i]] for i in chosen), float(probs[keep].min())


# Height the recogniser reads at; a crop's width follows its aspect ratio.
_REC_H = 48
_MIN_W = 64
# Columns of padded input per batch: wide label lines and narrow digits are
# batched apart (sorted by width), so little is spent on padding. Small batches
# stay in the CPU's cache: 512 columns took half the CPU time of 15 360.
_BATCH_COLUMNS = 512


def _normalised(crop: np.ndarray, width: int) -> np.ndarray:
    import cv2

    h, w = crop.shape[:2]
    scaled = max(8, min(width, int(np.ceil(_REC_H * w / max(1, h)))))
    small = cv2.resize(crop, (scaled, _REC_H), interpolation=cv2.INTER_AREA
                       if h > _REC_H else cv2.INTER_LINEAR).astype(np.float32)
    out = np.zeros((3, _REC_H, width), dtype=np.float32)
    out[:, :, :scaled] = (small / 127.5 - 1.0)[None, :, :]
    return out


def _width(crop: np.ndarray) -> int:
    h, w = crop.shape[:2]
    return max(_MIN_W, int(np.ceil(_REC_H * w / max(1, h) / 8)) * 8)


def recognize(crops: list[np.ndarray], digits: bool = False) -> list[tuple]:
    """Text and confidence of each single-line greyscale crop; with `digits`, also
    the crop read as digits only (`decode_digits`), from the same model run. The crops are
    sorted by width and batched so that each batch is padded only to its own
    widest crop (rapidocr's own batching pads every crop to at least 320
    pixels, which makes a table of short numbers cost as much as a page of prose)."""
    if not crops:
        return []
    rec = engine()
    widths = [_width(c) for c in crops]
    order = sorted(range(len(crops)), key=lambda i: widths[i])
    out: list[tuple] = [("", 0.0, "", 0.0) if digits else ("", 0.0)] * len(crops)
    k = 0
    while k < len(order):
        batch = [order[k]]
        while k + len(batch) < len(order) and \
                widths[order[k + len(batch)]] * (len(batch) + 1) <= max(_BATCH_COLUMNS, widths[order[k + len(batch)]]):
            batch.append(order[k + len(batch)])
        width = widths[batch[-1]]
        tensor = np.stack([_normalised(crops[i], width) for i in batch])
        preds = rec.session.run(None, {rec.input_name: tensor})[0]
        for j, (i, (text, score)) in enumerate(zip(batch, rec.decode(preds))):
            out[i] = (str(text), float(score))
            if digits:
                out[i] += decode_digits(preds[j], rec.digit_classes, rec.decode.character)
        k += len(batch)
    return out


__all__ = ["Recognizer", "decode_digits", "engine", "model_files", "recognize"]
