-- Runs once, when the postgresql volume is initialised: Temporal gets its own role,
-- which creates and owns its databases (temporal, temporal_visibility).
CREATE ROLE temporal LOGIN PASSWORD 'temporal' CREATEDB;
