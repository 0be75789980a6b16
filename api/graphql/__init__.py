"""One GraphQL module per domain; ``api.schema`` assembles them. Each module exports
``<Domain>Query`` and ``<Domain>Mutation`` (root fields) and ``<Domain>ViewerFields`` (fields
on the signed-in ``User``), merged by inheritance."""
