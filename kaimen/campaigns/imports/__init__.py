"""Importing published results announcements (成果公告) into campaigns, projects and figures.

The parser (`kaimen.importer`, pure Python) turns a text into dataclasses; this package is the
Django side: it keeps the parse of an upload in an `ImportRun` that an admin reviews and
corrects (`runs`, `review`), and `write.announcement_import` is the one function that writes a
campaign from a parsed announcement — or, in a dry run, only says what it would write
(`plan`). Importing the same text twice changes nothing; a changed text yields a plan that is
applied only when the caller confirms.

The parsed announcement travels as JSON (`ImportRun.parsed`): the importer's `to_json_dict()`
shape, enriched with what the review page and the records need (`data`) — the title and
intro, and for every figure its value and unit as written, qualifier, source text, offsets in
the text and the outcome item it belongs to.
"""

from kaimen.campaigns.imports.common import MAX_SOURCE_BYTES, OperatorActor
from kaimen.campaigns.imports.data import announcement_to_json, figure_normalize
from kaimen.campaigns.imports.issuers import import_issuer_get
from kaimen.campaigns.imports.review import review_context, source_segments
from kaimen.campaigns.imports.runs import (
    import_run_confirm,
    import_run_correct,
    import_run_create,
    import_run_perform,
    parsed_with_campaign,
    parsed_with_project,
    source_text_read,
)
from kaimen.campaigns.imports.units import lead_unit_split, unit_name_candidates
from kaimen.campaigns.imports.write import announcement_import

__all__ = [
    "MAX_SOURCE_BYTES",
    "OperatorActor",
    "announcement_import",
    "announcement_to_json",
    "figure_normalize",
    "import_issuer_get",
    "import_run_confirm",
    "import_run_correct",
    "import_run_create",
    "import_run_perform",
    "lead_unit_split",
    "parsed_with_campaign",
    "parsed_with_project",
    "review_context",
    "source_segments",
    "source_text_read",
    "unit_name_candidates",
]
