from axes.models import AccessAttempt


def _login(client, password, ip="192.0.2.10"):
    return client.post("/fr/accounts/login/", {"username": "alice", "password": password}, REMOTE_ADDR=ip)


def test_a_good_login_lands_on_my_cities(client, alice):
    response = _login(client, "secret-pass-123")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_a_wrong_password_shows_a_translated_error(client, alice):
    response = client.post("/ar/accounts/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "الرجاء إدخال" in response.content.decode()


def test_brute_force_is_locked_out_even_with_the_right_password(client, alice):
    for _ in range(4):
        assert _login(client, "wrong").status_code == 200
    assert _login(client, "wrong").status_code == 429  # the fifth failure locks
    response = _login(client, "secret-pass-123")
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    # Attempts while locked out count too: the right password does not reset the counter.
    assert AccessAttempt.objects.get().failures_since_start == 6


def test_the_lockout_is_per_address(client, alice):
    for _ in range(5):
        _login(client, "wrong")
    assert _login(client, "secret-pass-123", ip="198.51.100.7").status_code == 302
