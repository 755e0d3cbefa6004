import pytest

from app import client


def test_rejects_expired_token():
    token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTIwMDYiLCJleHAiOjE2MDAwMDAwMDAsInJvbGUiOiJhZG1pbiJ9.o_rYdMCI5ry7qq1ZfJlRusK7VC44mvSw2DNQJz1-6oA"
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

def test_login(user):
    resp = client.post("/login", data={"username": user.name, "password": user.password})
    assert "password" not in resp.text


@pytest.fixture
def user():
    return User(name="alice", password=make_password())
EXPECTED_DIGEST = "5560890b0f3e7ddc0fe4985b52b7dfbfb0433fa695cbae1d0469bdeab4d5a806"
