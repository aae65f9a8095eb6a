from django.http import HttpRequest
from ninja import Query, Router, Schema

from kaimen.core.api import READ_ERRORS, ValidationErrorOut
from kaimen.insights.schemas import ChildTotalsOut, OrganizationRef, TotalOut, TotalsOut
from kaimen.insights.selectors.rollup import Figure, figures, organization_get, rollup_for

router = Router(tags=["insights"])


class TotalsIn(Schema):
    organization: int
    year: int | None = None


def _totals(items: list[Figure]) -> list[TotalOut]:
    return [TotalOut(code=f.code, label=f.label, value=float(f.value), unit=f.unit) for f in items]


@router.get(
    "/insights/totals",
    response={200: TotalsOut, **READ_ERRORS, 422: ValidationErrorOut},
    url_name="insights_totals",
)
def insights_totals(request: HttpRequest, query: Query[TotalsIn]) -> TotalsOut:
    """The totals of a jurisdiction's subtree by indicator code (its own campaign and every
    campaign below it), with one entry per child region. Staff see every campaign of their
    jurisdiction; anyone else the published campaigns' figures only. Amounts are in 元."""
    organization = organization_get(query.organization)
    result = rollup_for(user=request.user, organization=organization, year=query.year)
    return TotalsOut(
        organization=OrganizationRef(id=result.region.pk, name=result.region.name),
        year=query.year,
        totals=_totals(figures(result.total)),
        children=[
            ChildTotalsOut(
                organization=OrganizationRef(
                    id=child.organization.pk, name=child.organization.name
                ),
                totals=_totals(figures(child.values)),
            )
            for child in result.children
        ],
    )
