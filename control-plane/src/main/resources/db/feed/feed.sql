--liquibase formatted sql

--changeset cellbet:feed-1
CREATE SCHEMA IF NOT EXISTS feed;

-- Per producer (1 live odds, 3 prematch, ...): the newest provider timestamp processed (the
-- "after" of the next recovery request), its last alive (provider time and our time), and its
-- state: down until a recovery it asked for completes, then up until alive stops or says
-- subscribed="0".
CREATE TABLE feed.producers (
    product                INTEGER     PRIMARY KEY,
    last_processed_at      BIGINT,
    last_alive_at          BIGINT,
    last_alive_received_at TIMESTAMPTZ,
    state                  TEXT        NOT NULL DEFAULT 'down' CHECK (state IN ('up', 'down')),
    down_reason            TEXT,
    recovery_request_id    BIGINT,
    recovery_requested_at  TIMESTAMPTZ,
    next_recovery_at       TIMESTAMPTZ,
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE SEQUENCE feed.recovery_request_ids;

-- Messages the adapter could not read, kept with the reason so ops can look at them.
CREATE TABLE feed.dead_letters (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    routing_key  TEXT        NOT NULL,
    body         BYTEA       NOT NULL,
    reason       TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_received ON feed.dead_letters (received_at);
