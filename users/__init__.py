"""Users: accounts, roles, password hashing (argon2), access tokens (short-lived JWT) and
revocable refresh tokens, log-in throttling, freezing. Public modules: ``service`` (account
operations), ``auth`` (log-in, tokens, viewer lookup), ``roles``, ``errors``."""
