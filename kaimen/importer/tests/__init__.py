"""Tests of the pure-Python announcement importer (no Django needed)."""

from __future__ import annotations

from pathlib import Path


def seeds_dir() -> Path:
    """``/work/shared/seeds`` relative to the repository root (``<repo>/../shared/seeds``)."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "seeds"


def seed_text(prefix: str) -> str:
    """Text of the seed whose file name starts with ``prefix`` (``"000"``, ``"001"``…)."""
    matches = sorted(seeds_dir().glob(f"{prefix}_*.txt"))
    if not matches:
        msg = f"seed {prefix} not found in {seeds_dir()}"
        raise FileNotFoundError(msg)
    return matches[0].read_text(encoding="utf-8")
