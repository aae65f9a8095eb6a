from django.db.models import Count

from kaimen.demo.participation import load_participation_demo
from kaimen.demo.world import demo_world
from kaimen.participation.models import Support, Topic, TopicState
from kaimen.timeline.models import Event


def test_the_demo_call_has_topics_in_every_public_state_and_loads_once(db: None) -> None:
    world = demo_world()
    admin = world.users["admin"]

    load_participation_demo(admin=admin, users=world.users, orgs=world.orgs)
    counts = (Topic.objects.count(), Support.objects.count(), Event.objects.count())
    load_participation_demo(admin=admin, users=world.users, orgs=world.orgs)

    assert (Topic.objects.count(), Support.objects.count(), Event.objects.count()) == counts
    states = dict(Topic.objects.values_list("state").annotate(n=Count("pk")))
    assert states == {
        TopicState.PUBLISHED: 5,
        TopicState.MERGED: 1,
        TopicState.DECLINED: 1,
        TopicState.SUBMITTED: 1,
    }
    answered = Topic.objects.filter(state=TopicState.PUBLISHED).exclude(answer="")
    assert answered.count() == 3
    assert Support.objects.count() == 6
    world.users["citizen1"].refresh_from_db()
    assert world.users["citizen1"].phone == "13800000001"
