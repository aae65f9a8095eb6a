from django.urls import reverse

from kaimen.core.access import EVERYONE, Row

ROWS = [
    # The day seals reveal no content: published for anyone to keep a copy.
    Row("timeline:seals", lambda w: reverse("timeline:seals"), EVERYONE),
    Row("api:chain_seals", lambda w: reverse("api:chain_seals"), EVERYONE),
]
