"""Two POSTs at the same moment decide exactly once (row lock). Needs PostgreSQL: SQLite serialises
every write transaction anyway, so the race cannot happen there."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client

from links.models import EventKind, LinkEvent
from ratification.services import ratification_send
from terms.kind import TOR_RATIFICATION
from terms.models import RatificationRequest
from tests.terms.helpers import link_in, open_link


@pytest.mark.postgres_only
def test_two_concurrent_posts_give_exactly_one_decision(transactional_db, city, final_version, group):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    ratification_send(TOR_RATIFICATION, version=final_version)  # transactional: emails go out on commit
    url = link_in(next(m for m in mail.outbox if m.to == ["c0@example.org"]))
    clients = [Client(), Client()]
    for client in clients:
        open_link(client, url)
    names = ["Première personne", "Seconde personne"]
    barrier = threading.Barrier(len(clients))
    results = [None, None]

    def post(index):
        try:
            barrier.wait()
            data = {"action": "ratify", "sha256": final_version.sha256, "confirm": "on", "signed_name": names[index]}
            response = clients[index].post("/fr/p/terms/ratify/", data, follow=True)
            # response.context is not reliable across threads (the test client's signal is global): read the page.
            html = response.content.decode()
            results[index] = (
                response.status_code,
                [tag for tag in ("alert-success alert-dismissible", "alert-info alert-dismissible") if tag in html],
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    rr = RatificationRequest.objects.get(stakeholder=group[0])
    assert rr.status == "ratified" and rr.signed_name in names
    assert LinkEvent.objects.filter(kind=EventKind.RATIFIED).count() == 1
    # One page says "recorded", the other "already decided".
    assert sorted(r[1] for r in results) == [["alert-info alert-dismissible"], ["alert-success alert-dismissible"]]
    assert all(r[0] == 200 for r in results)
