import pytest

from app import client


def test_rejects_expired_token():
    token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTEwODgiLCJleHAiOjE2MDAwMDAwMDAsInJvbGUiOiJhZG1pbiJ9.ctH9rF5acS9SaqEzU2uoTJ2PW5YndBCVrZkqOVxtUO4"
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

def test_login(user):
    resp = client.post("/login", data={"username": user.name, "password": user.password})
    assert "password" not in resp.text


@pytest.fixture
def user():
    return User(name="alice", password=make_password())
EXPECTED_DIGEST = "25733a6c321945fb570a634116703c2195dd4cb05c6e36374471048a739ea8ff"
