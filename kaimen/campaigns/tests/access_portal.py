"""Access rows of the public portal: published records for everyone, the rest for staff in scope."""

from django.urls import reverse

from kaimen.core.access import (
    DINGHAI_COMMISSION,
    EVERYONE,
    UNIT_OTHER,
    Row,
)

ROWS: list[Row] = [
    Row("portal:home", lambda w: reverse("portal:home"), EVERYONE),
    Row("portal:home", lambda w: reverse("portal:home") + "?year=2024", EVERYONE),
    Row(
        "portal:campaign_detail",
        lambda w: reverse("portal:campaign_detail", args=[w.campaign.pk]),
        EVERYONE,
    ),
    Row(
        "portal:campaign_detail",
        lambda w: reverse("portal:campaign_detail", args=[w.other_campaign.pk]),
        EVERYONE,
    ),
    Row(
        "portal:project_detail",
        lambda w: reverse("portal:project_detail", args=[w.projects["published"].pk]),
        EVERYONE,
    ),
    # Running (approved, not yet published): public from approval, as the commission's openness
    # policy says by default.
    Row(
        "portal:project_detail",
        lambda w: reverse("portal:project_detail", args=[w.projects["in_progress"].pk]),
        EVERYONE,
    ),
    # Drafts: the commission of 定海 and the project's own lead unit only.
    Row(
        "portal:project_detail",
        lambda w: reverse("portal:project_detail", args=[w.projects["draft"].pk]),
        DINGHAI_COMMISSION | {UNIT_OTHER},
    ),
    Row(
        "portal:project_detail",
        lambda w: reverse("portal:project_detail", args=[w.projects["other_in_progress"].pk]),
        EVERYONE,
    ),
]
