"""Similar topics while a citizen types, so duplicates are merged early.

Chinese text has no spaces; character bigrams need no dictionary and catch most rewordings of
the same problem ("小区电梯老化" / "老旧小区电梯经常故障"). Words that every topic shares
("问题", "治理", "群众"…) are dropped first, otherwise they alone would make topics look alike.
Score: Jaccard similarity of the bigram sets of title + description, the title counted twice
(it names the problem; descriptions wander). Precision measured in tests/test_similarity.py.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Words too common in topics to tell them apart.
STOPWORDS = (
    "专项治理",
    "治理",
    "问题",
    "群众",
    "希望",
    "建议",
    "反映",
    "我们",
    "现在",
    "一些",
    "存在",
    "情况",
    "有关部门",
    "部门",
    "相关",
    "解决",
    "加强",
    "不到位",
)
_NON_WORD = re.compile(r"[^\w]+")
DEFAULT_THRESHOLD = 0.12


def normalize(text: str) -> str:
    text = text.lower()
    for word in STOPWORDS:
        text = text.replace(word, " ")
    return _NON_WORD.sub(" ", text)


def bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for chunk in normalize(text).split():
        if len(chunk) == 1:
            grams.add(chunk)
        grams.update(chunk[i : i + 2] for i in range(len(chunk) - 1))
    return grams


def topic_grams(title: str, description: str = "") -> set[str]:
    return bigrams(title) | {f"t:{g}" for g in bigrams(title)} | bigrams(description)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Match:
    key: int
    score: float


def rank_similar(
    title: str,
    description: str,
    candidates: Iterable[tuple[int, str, str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 5,
) -> list[Match]:
    """The candidates (key, title, description) most like the text, best first."""
    query = topic_grams(title, description)
    scored = [
        Match(key, jaccard(query, topic_grams(other_title, other_description)))
        for key, other_title, other_description in candidates
    ]
    hits = [match for match in scored if match.score >= threshold]
    return sorted(hits, key=lambda match: (-match.score, match.key))[:limit]
