from ninja import Schema


class OrganizationRef(Schema):
    id: int
    name: str


class TotalOut(Schema):
    code: str
    label: str
    value: float
    unit: str


class ChildTotalsOut(Schema):
    organization: OrganizationRef
    totals: list[TotalOut]


class TotalsOut(Schema):
    organization: OrganizationRef
    year: int | None
    totals: list[TotalOut]
    children: list[ChildTotalsOut]
