"""Storage: the tables, engines and sessions, shared reads, bulk writes, the hash-chained
event log and the record shapes of every entity."""
