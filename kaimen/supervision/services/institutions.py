"""Institutions (制度建设) a commission records as a campaign's lasting results."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kaimen.campaigns.models import Institution, Project
from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.orgs.models import Organization
from kaimen.supervision.models import (
    Problem,
)
from kaimen.supervision.services.checks import attach_files, clean_text, resolve_today
from kaimen.timeline.services import event_record

MAX_TEXT = 5000

# ---------------------------------------------------------------- institutions (制度建设)


@transaction.atomic
def institution_create(
    *,
    actor: Any,
    organization: Organization,
    title: str,
    issued_on: date | None,
    description: str = "",
    project: Project | None = None,
    problems: Sequence[Problem] = (),
    files: Sequence[UploadedFile[Any]] = (),
    today: date | None = None,
) -> Institution:
    """Record a rule or mechanism created (建章立制), linked to problems and a project."""
    require(actor, "supervision.add_institution", organization)
    title = clean_text(title, "title", _("请填写制度名称。"))[:300]
    if issued_on is not None and issued_on > resolve_today(today):
        raise ApplicationError(_("印发日期不能晚于今天。"), code="future", field="issued_on")
    for problem in problems:
        if not actor.has_perm("supervision.view_problem", problem):
            raise ApplicationError(_("问题不在范围内。"), code="out_of_scope", field="problems")
    institution = Institution.objects.create(
        organization=organization,
        title=title,
        issued_on=issued_on,
        description=description.strip(),
        project=project,
    )
    if problems:
        institution.problems.set(list(problems))
    attach_files(actor, files, institution=institution)
    event_record(
        actor=actor,
        action="institution.created",
        target=institution,
        organization=organization,
        after={
            "title": title,
            "issued_on": issued_on,
            "project": project.pk if project else None,
            "problems": sorted(p.pk for p in problems),
        },
    )
    return institution
