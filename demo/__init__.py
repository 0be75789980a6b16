"""Demo data for every domain (``robo seed-demo``), kept out of the production packages: each
module seeds one domain through its services; ``seed`` runs them in dependency order."""
