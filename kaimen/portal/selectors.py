"""Reads of the site frame: the site search over what is published, corrections for staff,
and the index of what the commissions publish of their supervision (监督公开).

The search reads as an anonymous visitor would, whoever asks: it finds published content only.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.models import Outcome, Project
from kaimen.campaigns.selectors import campaign_list_for, project_list_for, project_results_q
from kaimen.core.permissions import require
from kaimen.insights.selectors.league import league_public_commissions
from kaimen.orgs.models import Organization
from kaimen.participation.selectors import topic_list_for
from kaimen.portal.models import Correction, CorrectionState
from kaimen.publication.selectors import current_published_versions
from kaimen.supervision.selectors import commissions_publishing_listed

SEARCH_LIMIT = 20  # per kind of result; the page says when there are more
MAX_WORDS = 5


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    context: str  # where it belongs: the campaign, the commission
    snippet: str  # text around the first word found


@dataclass
class HitGroup:
    kind: str
    label: str | Promise
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


def search_words(query: str) -> list[str]:
    """The words of a query (split on any space, full-width ones too), at most MAX_WORDS."""
    return [word for word in query.replace("\u3000", " ").split() if word][:MAX_WORDS]


def _matching(words: list[str], fields: Iterable[str]) -> Q:
    """Every word in at least one of the fields (icontains: Chinese has no word boundaries)."""
    fields = list(fields)
    return reduce(
        and_,
        (reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields)) for word in words),
    )


def snippet(text: str, words: list[str], width: int = 60) -> str:
    """The text around the first word found in it, shortened with an ellipsis."""
    text = " ".join(text.split())
    found = [i for i in (text.lower().find(w.lower()) for w in words) if i >= 0]
    start = max(min(found) - width // 3, 0) if found else 0
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _group(kind: str, label: str | Promise, rows: list[Any], build: Any) -> HitGroup:
    return HitGroup(
        kind=kind,
        label=label,
        hits=[build(row) for row in rows[:SEARCH_LIMIT]],
        more=len(rows) > SEARCH_LIMIT,
    )


def site_search(query: str) -> list[HitGroup]:
    """Published campaigns, projects (results and running work), outcomes, topics and
    announcements whose text holds every word of the query; empty groups left out."""
    words = search_words(query)
    if not words:
        return []
    public = AnonymousUser()
    take = SEARCH_LIMIT + 1
    campaigns = list(
        campaign_list_for(user=public)
        .filter(_matching(words, ["title", "intro", "issuer__name"]))
        .order_by("-year", "issuer__path")[:take]
    )
    projects = list(
        project_list_for(user=public)
        .filter(
            pk__in=Project.objects.filter(
                _matching(words, ["title", "goal", "lead_units__name"])
            ).values("pk")
        )
        .order_by("-campaign__year", "campaign__issuer__path", "position")[:take]
    )
    outcomes = list(
        Outcome.objects.filter(
            _matching(words, ["headline", "body"]),
            project__in=Project.objects.filter(project_results_q(public)).values("pk"),
        )
        .select_related("project__campaign__issuer")
        .order_by("-project__campaign__year", "project__position", "position")[:take]
    )
    topics = list(
        topic_list_for(user=public).filter(_matching(words, ["title", "description"]))[:take]
    )
    announcements = list(
        current_published_versions()
        .filter(_matching(words, ["text"]))
        .order_by("-announcement__campaign__year")[:take]
    )
    groups = [
        _group(
            "campaign",
            _("专项治理"),
            campaigns,
            lambda c: Hit(
                str(c),
                reverse("portal:campaign_detail", args=[c.pk]),
                c.issuer.name,
                snippet(c.intro, words),
            ),
        ),
        _group(
            "project",
            _("治理项目"),
            projects,
            lambda p: Hit(
                p.title,
                reverse("portal:project_detail", args=[p.pk]),
                f"{p.campaign.issuer.name} · {p.campaign.year}",
                snippet(p.goal, words),
            ),
        ),
        _group(
            "outcome",
            _("治理成果"),
            outcomes,
            lambda o: Hit(
                o.headline,
                reverse("portal:project_detail", args=[o.project_id]) + f"#outcome-{o.position}",
                f"{o.project.title} · {o.project.campaign.year}",
                snippet(o.body, words),
            ),
        ),
        _group(
            "topic",
            _("群众点题"),
            topics,
            lambda t: Hit(
                t.title,
                reverse("participation:topic_detail", args=[t.pk]),
                t.call.commission.name,
                snippet(t.description, words),
            ),
        ),
        _group(
            "announcement",
            _("成果公告"),
            announcements,
            lambda v: Hit(
                str(v.announcement.campaign),
                reverse("publication:public_detail", args=[v.announcement.campaign_id]),
                v.announcement.campaign.issuer.name,
                snippet(v.text, words),
            ),
        ),
    ]
    return [group for group in groups if group.hits]


# ---------------------------------------------------------------- 监督公开


@dataclass(frozen=True)
class Disclosures:
    """What commissions publish of their supervision: listed problems, league tables."""

    listed: list[Organization]
    league: list[Organization]


def disclosures() -> Disclosures:
    return Disclosures(
        listed=list(commissions_publishing_listed()), league=list(league_public_commissions())
    )


# ---------------------------------------------------------------- corrections (staff)


def correction_list_for(*, user: Any) -> QuerySet[Correction]:
    """The site's corrections, new ones first, for the staff who run the site."""
    require(user, "portal_site.handle_correction")
    return Correction.objects.order_by("-state", "-created_at")


def correction_new_count() -> int:
    return Correction.objects.filter(state=CorrectionState.NEW).count()
