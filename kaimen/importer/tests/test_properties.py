"""Property tests: arbitrary, truncated and shuffled texts never raise and report warnings."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaimen.importer import extract_figures, normalize_text, parse_announcement
from kaimen.importer.tests import seed_text

SEEDS = {prefix: seed_text(prefix) for prefix in ("000", "001", "002", "004")}
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text biased towards the genre: Chinese, digits, punctuation, labels, numbering
TOKENS = [
    *"治理项目牵头单位成果目标：:，,。、（）()一二三十是1234567890.%万元人次个余约近超过第年月",
    "\n",
    " ",
    "治理项目：",
    "牵头单位：",
    "治理成果：",
    "治理目标：",
    "1.",
    "（一）",
    "一是",
    "《",
    "》",
    "“",
]
GENRE = st.lists(st.sampled_from(TOKENS), max_size=200).map("".join)


def _check(text: str) -> None:
    result = parse_announcement(text)
    assert isinstance(result.warnings, list)
    assert result.text == normalize_text(text)
    for project in result.projects:
        for figure in project.figures:
            assert 0 <= figure.start < figure.end <= len(result.text)
    result.to_json_dict()


@FAST
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check(text)
    extract_figures(text)


@FAST
@given(GENRE)
def test_genre_like_text_never_raises(text: str) -> None:
    _check(text)


@FAST
@given(st.sampled_from(sorted(SEEDS)), st.floats(min_value=0.0, max_value=0.999))
def test_truncated_seeds_warn(prefix: str, fraction: float) -> None:
    text = SEEDS[prefix]
    truncated = text[: int(len(text) * fraction)]
    result = parse_announcement(truncated)
    assert result.warnings


@FAST
@given(st.sampled_from(sorted(SEEDS)), st.randoms(use_true_random=False))
def test_shuffled_lines_never_raise_and_warn(prefix: str, rng: random.Random) -> None:
    lines = SEEDS[prefix].split("\n")
    rng.shuffle(lines)
    result = parse_announcement("\n".join(lines))
    assert result.warnings


@FAST
@given(
    st.sampled_from(sorted(SEEDS)), st.integers(min_value=0, max_value=20000), st.text(max_size=5)
)
def test_inserted_noise_never_raises(prefix: str, position: int, noise: str) -> None:
    text = SEEDS[prefix]
    position %= len(text) + 1
    _check(text[:position] + noise + text[position:])
