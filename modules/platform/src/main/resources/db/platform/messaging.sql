--liquibase formatted sql

--changeset cellbet:platform-messaging-1
CREATE SCHEMA IF NOT EXISTS messaging;

-- Messages written in the same transaction as the change they announce; the relay
-- publishes them in id order with publisher confirms and then marks them sent.
CREATE TABLE messaging.outbox (
    id              BIGSERIAL PRIMARY KEY,
    message_id      UUID        NOT NULL UNIQUE,
    exchange        TEXT        NOT NULL,
    routing_key     TEXT        NOT NULL,
    aggregate_type  TEXT        NOT NULL,
    aggregate_id    TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    schema_version  INT         NOT NULL CHECK (schema_version > 0),
    source          TEXT        NOT NULL,
    correlation_id  TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    payload         JSONB       NOT NULL,
    sent_at         TIMESTAMPTZ,
    attempts        INT         NOT NULL DEFAULT 0,
    last_error      TEXT
);
CREATE INDEX outbox_unsent ON messaging.outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON messaging.outbox (sent_at) WHERE sent_at IS NOT NULL;

-- One row per message a consumer has processed: a redelivered message finds its row
-- and is skipped, which makes every consumer idempotent.
CREATE TABLE messaging.inbox (
    consumer      TEXT        NOT NULL,
    message_id    UUID        NOT NULL,
    type          TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);
CREATE INDEX inbox_processed_at ON messaging.inbox (processed_at);

--changeset cellbet:platform-messaging-2
-- The outbox is a queue, read through its indexes (unsent rows by id, sent ones by age): statistics from
-- a 3,000-row sample (300 x 10) plan it as well as the default 30,000-row one. Under load the apps
-- analyse it every few seconds (TableUpkeep, or autovacuum): an ANALYZE of it took 0.5-0.6 s of a
-- core with the default sample and 0.08 s with this one (ops/README.md, bets).
ALTER TABLE messaging.outbox
    ALTER COLUMN id SET STATISTICS 10,
    ALTER COLUMN message_id SET STATISTICS 10,
    ALTER COLUMN exchange SET STATISTICS 10,
    ALTER COLUMN routing_key SET STATISTICS 10,
    ALTER COLUMN aggregate_type SET STATISTICS 10,
    ALTER COLUMN aggregate_id SET STATISTICS 10,
    ALTER COLUMN type SET STATISTICS 10,
    ALTER COLUMN schema_version SET STATISTICS 10,
    ALTER COLUMN source SET STATISTICS 10,
    ALTER COLUMN correlation_id SET STATISTICS 10,
    ALTER COLUMN occurred_at SET STATISTICS 10,
    ALTER COLUMN payload SET STATISTICS 10,
    ALTER COLUMN sent_at SET STATISTICS 10,
    ALTER COLUMN attempts SET STATISTICS 10,
    ALTER COLUMN last_error SET STATISTICS 10;

--changeset cellbet:platform-messaging-3 splitStatements:false
-- Payloads of a few kB are compressed as they are stored. With PostgreSQL's default (pglz) that was about half the
-- cost of writing a message: 2,000 payloads of 3.7 kB (a bet batch's BetsChanged, a ledger batch's TransfersApplied),
-- once parsed as jsonb, went in 270 ms with pglz and 58 ms with lz4, which also reads back faster for the relay
-- (ops/README.md, wallet, tenth session). Only new rows are affected. A server built without lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE messaging.outbox ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this server has no lz4: outbox payloads stay compressed with pglz';
END $$;

--changeset cellbet:platform-messaging-4
-- The outbox is a queue: every message becomes one dead row version when it is marked sent, and sent rows stay for
-- cellbet.outbox.sent-retention (24 h). Autovacuum's default (dead rows past 50 + 20 % of the live ones) waits longer
-- as the table grows, for a vacuum that is larger each time; after a fixed 5,000 dead rows instead, each vacuum is
-- small (20 ms against 70-500 ms under a benchmark's load, ops/README.md, bets, fifteenth session). It is read through
-- its keys and two partial indexes, so it is analysed once it has grown by half, not by a tenth. TableUpkeep follows
-- these settings where the server's autovacuum is off.
ALTER TABLE messaging.outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_analyze_scale_factor = 0.5);
