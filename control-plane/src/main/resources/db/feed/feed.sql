--liquibase formatted sql

--changeset cellbet:feed-1
CREATE SCHEMA IF NOT EXISTS feed;

-- Per producer (1 live odds, 3 prematch, ...): the newest provider timestamp processed, the
-- "after" of the next recovery request, and when its last alive arrived.
CREATE TABLE feed.producers (
    product            INTEGER     PRIMARY KEY,
    last_processed_at  BIGINT,
    last_alive_at      BIGINT,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Messages the adapter could not read, kept with the reason so ops can look at them.
CREATE TABLE feed.dead_letters (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    routing_key  TEXT        NOT NULL,
    body         BYTEA       NOT NULL,
    reason       TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_received ON feed.dead_letters (received_at);
