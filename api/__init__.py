"""API: the FastAPI app, the strawberry GraphQL schema assembled from one module per domain
(``api.graphql.*``), the request context and auth, GraphQL hardening, dataloaders, and the
``robo`` command line. The only package that knows HTTP or GraphQL."""
