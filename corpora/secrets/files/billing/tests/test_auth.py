import pytest

from app import client


def test_rejects_expired_token():
    token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTIzMTEiLCJleHAiOjE2MDAwMDAwMDAsInJvbGUiOiJhZG1pbiJ9.jAejkoiQVIafS72GxLbJUmcc9ukz4QfvfgG0yuXW220"
    assert client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401

def test_login(user):
    resp = client.post("/login", data={"username": user.name, "password": user.password})
    assert "password" not in resp.text


@pytest.fixture
def user():
    return User(name="alice", password=make_password())
EXPECTED_DIGEST = "a6fce15985bf661103cdaecbad32bc615f2d4f79ae1a4026e7971ba9f15bd823"
