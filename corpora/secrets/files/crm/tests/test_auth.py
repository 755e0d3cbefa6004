import pytest

from app import client


def test_rejects_expired_token():
    token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQzMTYiLCJleHAiOjE2MDAwMDAwMDAsInJvbGUiOiJhZG1pbiJ9.n6o87Ypk8NCHmtOg_Y9Wz9n338TzFGk7ozIXyyfdaUU"
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

def test_login(user):
    resp = client.post("/login", data={"username": user.name, "password": user.password})
    assert "password" not in resp.text


@pytest.fixture
def user():
    return User(name="alice", password=make_password())
EXPECTED_DIGEST = "40e21ad17ea596b9b6f96076219f18782a7c054f83f1b712f901b3049c482ce8"
