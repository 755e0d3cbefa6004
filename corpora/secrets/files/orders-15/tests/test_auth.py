import pytest

from app import client


def test_rejects_expired_token():
    token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ3NTciLCJleHAiOjE2MDAwMDAwMDAsInJvbGUiOiJhZG1pbiJ9.8QMebDnpdYf1h8XYXyaGTH9PDpP-WzUJB_Pc_FbSpZ8"
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

def test_login(user):
    resp = client.post("/login", data={"username": user.name, "password": user.password})
    assert "password" not in resp.text


@pytest.fixture
def user():
    return User(name="alice", password=make_password())
EXPECTED_DIGEST = "1e04a86e2c745b3d389a9a1646bf5010f2489be31981e4e5f492ed6c068566bf"
