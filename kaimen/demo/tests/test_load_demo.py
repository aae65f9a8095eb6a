"""The demo: loaded once for this module (rolled back afterwards), idempotent, every login's
scope as the foundation issue describes it."""

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from kaimen.accounts.models import User
from kaimen.campaigns.indicators import code_for
from kaimen.campaigns.models import (
    RUNNING_PROJECT_STATES,
    Campaign,
    CampaignState,
    Project,
    ProjectState,
)
from kaimen.campaigns.selectors import campaign_list_for, project_list_for
from kaimen.demo.world import DEMO_LOGINS, DEMO_PASSWORD, DINGHAI_UNITS, running_year
from kaimen.importer import parse_announcement
from kaimen.insights.selectors.rollup import mixed, rollup_for
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.publication.figures import campaign_figures
from kaimen.supervision.figures import recorded_for
from kaimen.timeline.models import Event
from kaimen.timeline.services import chain_verify, events_seal_all

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Load the demo once inside a transaction that is rolled back after the module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # Argon2 is slow by design; the demo's passwords are checked, not its hasher.
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                call_command("load_demo", stdout=StringIO(), stderr=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def loaded(demo: None, db: None) -> None:
    """Each test runs in a savepoint inside the module's transaction."""


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _dinghai(year: int) -> Campaign:
    return Campaign.objects.get(issuer__name="定海区纪委监委", year=year)


def test_dinghai_history_is_published_as_in_reality(loaded: None) -> None:
    for year, count in ((2022, 13), (2023, 12), (2024, 9)):
        campaign = _dinghai(year)
        assert (campaign.state, campaign.imported) == (CampaignState.PUBLISHED, True)
        states = set(campaign.projects.values_list("state", flat=True))
        assert (campaign.projects.count(), states) == (count, {ProjectState.PUBLISHED})


def test_the_running_years_campaign_gives_the_units_work(loaded: None) -> None:
    campaign = _dinghai(running_year())
    assert campaign.state == CampaignState.RUNNING
    rows = {
        p.title: (p.state, sorted(u.name for u in p.lead_units.all()))
        for p in campaign.projects.all()
    }
    assert rows == {
        "校外培训机构预收费监管问题专项治理": (ProjectState.IN_PROGRESS, ["定海区教育局"]),
        "电信网络诈骗专项治理": (ProjectState.IN_PROGRESS, ["定海区公安分局"]),
        "中小学校园周边交通安全问题专项治理": (
            ProjectState.APPROVED,
            ["定海区公安分局", "定海区教育局"],
        ),
        "农村供水保障问题专项治理": (ProjectState.DRAFT, ["定海区农业农村局"]),
    }
    fees = campaign.projects.get(title__startswith="校外培训")
    assert (fees.targets.count(), fees.reports.count()) == (3, 2)


def test_putuo_2024_has_one_published_and_one_running_project(loaded: None) -> None:
    campaign = Campaign.objects.get(issuer__name="普陀区纪委监委", year=2024)
    states = sorted(campaign.projects.values_list("state", flat=True))
    assert states == [ProjectState.IN_PROGRESS, ProjectState.PUBLISHED]


def test_demo_places(loaded: None) -> None:
    dinghai = Organization.objects.get(name="定海区")
    assert dinghai.parent is not None
    assert dinghai.parent.name == "舟山市"
    departments = Organization.objects.filter(
        path__startswith=dinghai.path, kind=OrganizationKind.DEPARTMENT
    )
    assert sorted(departments.values_list("name", flat=True)) == sorted(DINGHAI_UNITS)
    towns = Organization.objects.filter(parent=dinghai, kind=OrganizationKind.TOWN)
    assert set(towns.values_list("name", flat=True)) == {"白泉镇", "盐仓街道", "昌国街道"}
    assert all(town.children.filter(kind=OrganizationKind.COMMUNITY).count() == 1 for town in towns)
    assert Organization.objects.filter(name="普陀区民政局", parent__name="普陀区").exists()


def test_every_record_has_its_event_and_the_chain_holds(loaded: None) -> None:
    assert Event.objects.filter(action="campaign.imported").count() == 3
    assert Event.objects.filter(action="project.imported").count() == 34
    assert Event.objects.filter(action="campaign.created").count() == 2
    # The demo acts as the people of the story: the demo logins, anonymous reporters, the system.
    demo_logins = set(User.objects.values_list("username", flat=True))
    assert {e.actor_label for e in Event.objects.all()} <= demo_logins | {"anonymous", "system"}
    assert Event.objects.filter(action="project.imported", actor_label="admin").count() == 34
    assert events_seal_all() == Event.objects.count()
    assert chain_verify() == (True, None, "")


def test_loading_again_changes_nothing(loaded: None) -> None:
    # given
    counts = (Event.objects.count(), Project.objects.count(), Organization.objects.count())
    # when
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    # then
    assert (Event.objects.count(), Project.objects.count(), Organization.objects.count()) == counts
    assert "已存在 2024 年定海区专项治理（9 个项目" in out.getvalue()


def test_every_login_works_with_the_demo_password(loaded: None) -> None:
    for login in DEMO_LOGINS:
        assert authenticate(username=login.username, password=DEMO_PASSWORD) is not None
    assert _user("admin").is_superuser
    assert _user("citizen1").kind == "citizen"


def _visible(username: str) -> set[int]:
    return set(project_list_for(user=_user(username)).values_list("pk", flat=True))


def _drafts(issuer: str) -> set[int]:
    projects = Project.objects.filter(campaign__issuer__name=issuer, state=ProjectState.DRAFT)
    return set(projects.values_list("pk", flat=True))


def _running(issuer: str) -> set[int]:
    projects = Project.objects.filter(
        campaign__issuer__name=issuer, state__in=RUNNING_PROJECT_STATES
    )
    return set(projects.values_list("pk", flat=True))


def _of(issuer: str) -> set[int]:
    return set(Project.objects.filter(campaign__issuer__name=issuer).values_list("pk", flat=True))


def test_putuo_commission_sees_dinghai_running_projects_but_no_draft(loaded: None) -> None:
    visible = _visible("pt-jiwei")
    assert not visible & _drafts("定海区纪委监委")
    assert _running("定海区纪委监委") <= visible  # public from approval
    assert _drafts("普陀区纪委监委") <= visible
    assert len(visible & _of("定海区纪委监委")) == 34 + 3


def test_city_commission_sees_both_districts(loaded: None) -> None:
    visible = _visible("zs-jiwei")
    assert (_drafts("定海区纪委监委") | _drafts("普陀区纪委监委")) <= visible
    assert len(visible) == Project.objects.count()


@pytest.mark.parametrize("username", ["dh-jiwei", "dh-jiancha"])
def test_dinghai_commission_sees_all_of_dinghai_and_no_putuo_draft(
    loaded: None, username: str
) -> None:
    visible = _visible(username)
    assert _of("定海区纪委监委") <= visible
    assert not visible & _drafts("普陀区纪委监委")


@pytest.mark.parametrize("username", ["dh-jiaoyu", "dh-gongan"])
def test_units_see_the_running_and_published_projects_but_no_other_draft(
    loaded: None, username: str
) -> None:
    visible = _visible(username)
    assert _running("定海区纪委监委") <= visible
    assert not visible & _drafts("定海区纪委监委")  # 农村供水 is 农业农村局's draft


@pytest.mark.parametrize("username", ["citizen1", "citizen2"])
def test_citizens_see_published_and_running_projects(loaded: None, username: str) -> None:
    visible = _visible(username)
    published = set(
        Project.objects.filter(state=ProjectState.PUBLISHED).values_list("pk", flat=True)
    )
    assert len(published) == 35
    assert visible == published | _running("定海区纪委监委") | _running("普陀区纪委监委")
    years = {c.year for c in campaign_list_for(user=_user(username))}
    assert years == {2022, 2023, 2024, running_year()}


def test_demo_logins_prints_every_login(loaded: None) -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert f"密码均为 {DEMO_PASSWORD}" in text
    for login in DEMO_LOGINS:
        assert login.username in text
        assert login.sees in text


def test_imported_history_stands_as_announced_beside_its_records(loaded: None) -> None:
    figures = {row.code: row for row in campaign_figures(_dinghai(2024)).rows}
    assert figures["inspections"].announced == 646
    assert figures["inspections"].recorded is not None
    assert figures["inspections"].differs  # the demo's records are not the announced year
    page = Client().get(f"/campaigns/{_dinghai(2024).pk}/figures/").content.decode()
    assert "646" in page
    assert "不一致" in page


def test_the_running_years_draft_comes_out_of_its_records(loaded: None) -> None:
    campaign = _dinghai(running_year())
    recorded = recorded_for(campaign)
    assert recorded["inspections"] >= 3
    assert recorded["cases"] >= 1
    assert recorded["institutions"] >= 1
    draft = campaign.announcement.versions.get()
    stated = {
        code_for(f.label, f.normalized_unit): f.normalized_value
        for f in parse_announcement(draft.text).intro_totals
    }
    assert stated
    assert all(recorded[code] == value for code, value in stated.items())
    assert "均根据纪检监察机关监督检查、问题整改和问责处理记录统计" in draft.text


def test_the_citys_2024_roll_up_adds_putuos_campaign(loaded: None) -> None:
    rollup = rollup_for(
        user=_user("admin"), organization=Organization.objects.get(name="舟山市"), year=2024
    )
    children = {c.organization.name: c.values for c in rollup.children}
    assert children["普陀区"]["projects_selected"] == 2
    assert rollup.total["projects_selected"] == 9 + 2  # 定海's announced nine, 普陀's two
    assert "projects_selected" in mixed(rollup.sources)  # announced and recorded, said so
