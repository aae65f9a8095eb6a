from kaimen.demo.reports import DEMO, load_reports_demo
from kaimen.demo.world import demo_world
from kaimen.reports.models import Report, ReportState


def test_demo_has_every_state_and_is_idempotent(db: None) -> None:
    world = demo_world()

    first = load_reports_demo(users=world.users, orgs=world.orgs)
    second = load_reports_demo(users=world.users, orgs=world.orgs)

    assert (first, second) == (len(DEMO), 0)
    assert set(Report.objects.values_list("state", flat=True)) == set(ReportState.values)
