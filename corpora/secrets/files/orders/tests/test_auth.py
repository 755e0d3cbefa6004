import pytest

from app import client


def test_rejects_expired_token():
    token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEwNjEiLCJleHAiOjE2MDAwMDAwMDAsInJvbGUiOiJhZG1pbiJ9.8TKOQmrKQuORDBUN_bTlxwTQ7jTDhq6-dboYV5Vcu6M"
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

def test_login(user):
    resp = client.post("/login", data={"username": user.name, "password": user.password})
    assert "password" not in resp.text


@pytest.fixture
def user():
    return User(name="alice", password=make_password())
EXPECTED_DIGEST = "f02b06d477be41fa4a67228e25256ca339f7407cd8b8c8865578b8e02f93448b"
