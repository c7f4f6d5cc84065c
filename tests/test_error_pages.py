"""Error pages are no dead end: a member is offered the way back to her cities."""


def test_a_page_not_found_leads_a_member_back_to_her_cities(client, alice):
    client.force_login(alice)
    response = client.get("/ar/c/tunis/stakeholders/999999/")
    assert response.status_code == 404
    assert '<p><a href="/ar/">' in response.content.decode()  # "My cities", in Arabic


def test_an_access_denied_page_leads_back_to_the_cities(client, bob):
    client.force_login(bob)  # a viewer may not add a stakeholder
    response = client.get("/fr/c/tunis/stakeholders/new/")
    assert response.status_code == 403
    assert '<p><a href="/fr/">Mes villes</a></p>' in response.content.decode()


def test_an_anonymous_visitor_is_not_offered_the_cities(client, db):
    response = client.get("/fr/l/unknown-token/")
    assert response.status_code == 404
    assert '<p><a href="/fr/">' not in response.content.decode()
