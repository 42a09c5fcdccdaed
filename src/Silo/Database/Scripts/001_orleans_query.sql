-- The Orleans AdoNet providers read every statement they run from this table at start-up:
-- "SELECT QueryKey, QueryText FROM OrleansQuery". Later scripts register their queries here.
CREATE TABLE orleansquery
(
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);
