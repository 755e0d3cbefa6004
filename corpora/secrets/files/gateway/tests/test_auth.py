import pytest

from app import client


def test_rejects_expired_token():
    token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTc3NTciLCJleHAiOjE2MDAwMDAwMDAsInJvbGUiOiJhZG1pbiJ9.SxGYgJ90anLKqWBQi5pCFOWHsy1nrk6kxd0sCe4Gv5w"
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

def test_login(user):
    resp = client.post("/login", data={"username": user.name, "password": user.password})
    assert "password" not in resp.text


@pytest.fixture
def user():
    return User(name="alice", password=make_password())
EXPECTED_DIGEST = "511ef5d5dc53e528a2c9ade1f92aabef737b31294caa6057ea905270e4f8b2b9"
