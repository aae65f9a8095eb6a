"""Scoped reads of announcement imports: a commission admin sees its own commissions' runs."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kaimen.campaigns.models import ImportRun
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import path_q, scope_for


def import_issuers_for(*, user: Any) -> QuerySet[Organization]:
    """Commissions the user may import announcements for (`campaigns.import_announcement`)."""
    scope = scope_for(user)
    commissions = Organization.objects.filter(kind=OrganizationKind.COMMISSION)
    if not scope.is_superuser:
        commissions = commissions.filter(path_q(scope.admin_paths))
    return commissions.order_by("path")


def import_run_list_for(*, user: Any) -> QuerySet[ImportRun]:
    return (
        ImportRun.objects.filter(issuer__in=import_issuers_for(user=user))
        .select_related("issuer", "created_by", "campaign")
        .order_by("-created_at")
    )


def import_run_get_for(*, user: Any, pk: int) -> ImportRun:
    run = import_run_list_for(user=user).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run
