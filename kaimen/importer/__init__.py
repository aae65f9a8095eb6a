"""Announcement importer: results-announcement text in, dataclasses out (pure Python).

No Django imports here: the Django side (``kaimen.campaigns`` and friends) calls
:func:`parse_announcement` and stores what it returns.
"""

from kaimen.importer.docx import docx_to_text
from kaimen.importer.figures import extract_figures
from kaimen.importer.model import Figure, OutcomeItem, ParsedAnnouncement, ParsedProject
from kaimen.importer.parser import parse_announcement
from kaimen.importer.text import (
    MAX_BYTES,
    AnnouncementInputError,
    decode_bytes,
    normalize_text,
)

__all__ = [
    "MAX_BYTES",
    "AnnouncementInputError",
    "Figure",
    "OutcomeItem",
    "ParsedAnnouncement",
    "ParsedProject",
    "decode_bytes",
    "docx_to_text",
    "extract_figures",
    "normalize_text",
    "parse_announcement",
]
