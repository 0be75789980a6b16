"""The service answers: a signed-in user reads ``me`` through GraphQL, on every database."""

from tests.ids import gid


def test_signed_in_user_reads_me(gql, make_user):
    user = make_user("smoke@example.com")
    gql.sign_in("smoke@example.com", "correct-horse-battery")
    me = gql.data("{ me { id email roles } }")["me"]
    assert me == {"id": gid("User", user.id), "email": "smoke@example.com", "roles": ["CUSTOMER"]}
    assert gql.data("query($id: ID!) { node(id: $id) { id ... on User { email } } }", {"id": me["id"]}) == {
        "node": {"id": me["id"], "email": "smoke@example.com"}
    }
