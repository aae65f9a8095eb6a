"""Constants and the console actor shared by the import modules."""

from collections.abc import Callable

MAX_SOURCE_BYTES = 5 * 1024 * 1024
DEFAULT_CAMPAIGN_TITLE = "漠视侵害群众利益问题专项治理"
MIN_YEAR, MAX_YEAR = 1990, 2100

ProgressCallback = Callable[[int, int], None]


class OperatorActor:
    """The person at the console running a management command (not a user of the site).

    Commands act with full rights; the events they leave name the command as their actor.
    """

    is_superuser = True
    is_active = True
    is_authenticated = False

    def __init__(self, label: str) -> None:
        self.label = label

    def __str__(self) -> str:
        return self.label

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return True
