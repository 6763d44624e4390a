--liquibase formatted sql

--changeset cellbet:feed-3
-- When the producer last came up. Its alive is overdue only when neither an alive nor its coming
-- up is within the inactivity window: a producer whose recovery completes before the first alive
-- after an outage gets a whole window for that alive.
ALTER TABLE feed.producers ADD COLUMN up_at TIMESTAMPTZ;
