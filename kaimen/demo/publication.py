"""Demo data: the imported 定海 campaigns (2022–2024) get their announcement generated and
published, as their commission did; the running year's campaign gets a draft written wholly
from its records. Idempotent."""

from typing import Any

from kaimen.campaigns.models import Campaign, CampaignState
from kaimen.publication.models import AnnouncementVersion, VersionState
from kaimen.publication.services import announcement_generate, announcement_publish


def demo_announcements_publish(*, actor: Any) -> list[Campaign]:
    """Publish the generated announcement of every imported, published campaign that has none
    yet; the campaigns it published."""
    done: list[Campaign] = []
    campaigns = Campaign.objects.filter(imported=True, state=CampaignState.PUBLISHED).exclude(
        announcement__versions__state=VersionState.PUBLISHED
    )
    for campaign in campaigns.select_related("issuer").order_by("year"):
        draft = announcement_generate(actor=actor, campaign=campaign, replace_draft=True)
        announcement_publish(actor=actor, version=draft)
        done.append(campaign)
    return done


def demo_running_draft(*, actor: Any) -> list[AnnouncementVersion]:
    """A draft announcement, from the records, for each running campaign run on the system
    that has none yet."""
    campaigns = Campaign.objects.filter(imported=False, state=CampaignState.RUNNING).exclude(
        announcement__versions__isnull=False
    )
    return [
        announcement_generate(actor=actor, campaign=campaign)
        for campaign in campaigns.select_related("issuer").order_by("year", "pk")
    ]
