"""The demo's supervision: every state and colour, listings, a look-back due; idempotent."""

from django.utils import timezone

from kaimen.demo.supervision import load_supervision_demo
from kaimen.demo.world import demo_world
from kaimen.supervision.models import AccountabilityRecord, Letter, Problem, ProblemState
from kaimen.supervision.selectors import Colouring


def test_the_demo_shows_every_state_and_colour_and_loads_once(db: None) -> None:
    world = demo_world()

    assert load_supervision_demo(world.users, world.orgs) is True
    assert load_supervision_demo(world.users, world.orgs) is False

    problems = list(Problem.objects.all())
    colouring = Colouring(timezone.localdate())
    assert {p.state for p in problems} == set(ProblemState.values)
    assert {colouring.colour(p) for p in problems} >= {"blue", "yellow", "orange", "red"}
    assert sum(p.listed for p in problems) == 2
    assert Problem.objects.filter(
        state=ProblemState.CLOSED, lookback_due__lte=timezone.localdate(), lookback_done_on=None
    ).exists()
    assert AccountabilityRecord.objects.count() == 4  # three on a 2024 problem, one this year
    assert Letter.objects.filter(colour="red").exists()
