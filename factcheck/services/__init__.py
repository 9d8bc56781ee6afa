"""Services: one unit of work each (ingest, claims, review, models, exchange, settings,
stats, audit, database); every function takes the session it works in."""
