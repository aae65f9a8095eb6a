"""Shapes of the participation API. No `from __future__ import annotations`: Ninja reads the
annotations at runtime."""

from datetime import datetime

from ninja import Field, Schema


class TopicIn(Schema):
    call: int = Field(description="The topic call (点题征集) id.")
    title: str = Field(max_length=100)
    description: str = Field(max_length=2000)
    region: int = Field(description="Organization id of the place (区、街道、社区).")
    category: str = Field("other", description="Theme code, as `Project.theme`.")


class TopicOut(Schema):
    id: int
    call: int
    title: str
    description: str
    region: str
    category: str
    state: str
    is_candidate: bool
    supports: int
    merged_into: int | None
    answer: str
    answered_by: str | None
    answered_at: datetime | None
    project: int | None
    created_at: datetime


class SupportOut(Schema):
    topic: int
    supports: int
    created: bool = Field(description="True when this request added the support.")


class EvaluationIn(Schema):
    rating: str = Field(description="satisfied | basically_satisfied | dissatisfied")
    comment: str = Field("", max_length=1000)


class EvaluationOut(Schema):
    id: int
    project: int
    rating: str
    comment: str
    created: bool
    satisfaction_rate: float | None = Field(description="(满意+基本满意)/全部, percent")
    n: int
