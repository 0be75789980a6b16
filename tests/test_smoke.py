"""The service answers: a signed-in user reads ``me`` through GraphQL, on every database."""


def test_signed_in_user_reads_me(gql, make_user):
    user = make_user("smoke@example.com")
    gql.sign_in("smoke@example.com", "correct-horse-battery")
    me = gql.data("{ me { id email roles } }")["me"]
    assert me == {"id": str(user.id), "email": "smoke@example.com", "roles": ["CUSTOMER"]}
