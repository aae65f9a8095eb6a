"""Writes of the site frame: a visitor's correction (纠错) and staff handling it."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.portal.models import Correction, CorrectionState
from kaimen.timeline.services import event_record

DESCRIPTION_MAX = 1000


@transaction.atomic
def correction_submit(*, actor: Any, page: str, description: str) -> Correction:
    """Anyone may tell the site's staff that something on a page is wrong."""
    description = description.strip()
    if not description:
        raise ApplicationError(_("请描述页面上的问题。"), code="required", field="description")
    if len(description) > DESCRIPTION_MAX:
        raise ApplicationError(_("问题描述不超过1000字。"), code="too_long", field="description")
    page = page.strip()[:300]
    if not page.startswith("/") or page.startswith("//"):
        page = ""  # only a page of this site: staff open it from their list
    correction = Correction.objects.create(page=page, description=description)
    event_record(
        actor=actor,
        action="portal.correction_submitted",
        target=correction,
        after={"page": correction.page},
    )
    return correction


@transaction.atomic
def correction_handle(*, actor: Any, correction: Correction) -> Correction:
    require(actor, "portal_site.handle_correction", correction)
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    if correction.state == CorrectionState.HANDLED:
        return correction
    correction.state = CorrectionState.HANDLED
    correction.save(update_fields=["state", "updated_at"])
    event_record(
        actor=actor,
        action="portal.correction_handled",
        target=correction,
        before={"state": CorrectionState.NEW},
        after={"state": CorrectionState.HANDLED},
    )
    return correction
