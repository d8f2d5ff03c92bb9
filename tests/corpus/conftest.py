"""Fixtures of the corpus tests: generated text corpora (see corpus_gen.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import write_corpus  # noqa: E402


@pytest.fixture(scope="session")
def corpus_2000(tmp_path_factory) -> Path:
    """2,000 good text reports and one corrupted file, in nested folders."""
    root = tmp_path_factory.mktemp("corpus2000")
    write_corpus(root / "a", 1000)
    write_corpus(root / "b" / "c", 1000, start=1000)
    (root / "b" / "corrupted.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40)
    return root


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """40 bodies × 2021-2023 (120 reports)."""
    root = tmp_path_factory.mktemp("small")
    write_corpus(root, 40, years=(2021, 2022, 2023))
    return root
