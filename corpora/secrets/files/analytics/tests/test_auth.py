import pytest

from app import client


def test_rejects_expired_token():
    token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTk0NTciLCJleHAiOjE2MDAwMDAwMDAsInJvbGUiOiJhZG1pbiJ9.VH8CIKtkK2sYwQ1nJLcP_Wf5X0nQcv-Nt6lhOHa02_8"
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

def test_login(user):
    resp = client.post("/login", data={"username": user.name, "password": user.password})
    assert "password" not in resp.text


@pytest.fixture
def user():
    return User(name="alice", password=make_password())
EXPECTED_DIGEST = "6e81277692ef15aef1ed7c4edfdc0b04ef71cece5a84c35a745b6fd5cb771ee8"
