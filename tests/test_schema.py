"""The committed schema.graphql is what the code serves: a drift fails with the fix."""

from pathlib import Path

from api.schema import schema_sdl

COMMITTED = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_committed_schema_matches_the_code():
    assert COMMITTED.exists(), "schema.graphql is missing: run `robo export-schema` and commit it"
    committed = COMMITTED.read_text(encoding="utf-8")
    assert committed == schema_sdl(), (
        "schema.graphql differs from the schema the code serves: run `robo export-schema` "
        "(or `make schema`) and commit schema.graphql"
    )


def test_contract_operations_and_types_are_in_the_schema():
    sdl = schema_sdl()
    for contract in (
        "register(input: RegisterInput!): RegisterPayload!",
        "login(input: LoginInput!): LoginPayload!",
        "refreshToken(input: RefreshTokenInput!): RefreshTokenPayload!",
        "changePassword(input: ChangePasswordInput!): ChangePasswordPayload!",
        "updateProfile(input: UpdateProfileInput!): UpdateProfilePayload!",
        "me: User",
        "scalar MoneyAmount",
        "scalar Decimal",
    ):
        assert contract in sdl, contract
    assert "logout(" in sdl
