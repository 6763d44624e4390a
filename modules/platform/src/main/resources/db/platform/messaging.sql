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

--changeset cellbet:platform-messaging-4 splitStatements:false
-- Messages waiting for the relay are listed in a table of their own, and the outbox becomes a log that is only
-- appended to until its rows pass cellbet.outbox.sent-retention (24 h). Marking a message sent updated its outbox row:
-- a new version of the whole row (its payload inline, about 1 kB compressed), three index entries and a dead version
-- for vacuum to clean, whose vacuum took 75-500 ms under a benchmark's load every 10-30 s (ops/README.md, bets,
-- fifteenth session). Now the relay deletes the message's pending row (its id, its attempts and last error), and
-- vacuum cleans a table that holds only what is in flight. A trigger lists every new message, whatever code wrote it,
-- so no message is left unlisted while replicas of two versions share the database.
-- It is empty whenever the relay has caught up, so a vacuum would find its last pages empty and cut them off, which
-- takes an exclusive lock on it and stops every transaction that writes a message until it is done: vacuum leaves
-- its pages in place (vacuum_truncate), to be filled again by the next messages.
CREATE TABLE messaging.outbox_pending (
    id          BIGINT PRIMARY KEY,
    attempts    INT  NOT NULL DEFAULT 0,
    last_error  TEXT
) WITH (vacuum_truncate = false);
INSERT INTO messaging.outbox_pending (id, attempts, last_error)
    SELECT id, attempts, last_error FROM messaging.outbox WHERE sent_at IS NULL;

CREATE FUNCTION messaging.list_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO messaging.outbox_pending (id) VALUES (NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_listed AFTER INSERT ON messaging.outbox FOR EACH ROW EXECUTE FUNCTION messaging.list_pending();

DROP INDEX messaging.outbox_unsent;
DROP INDEX messaging.outbox_sent_at;
ALTER TABLE messaging.outbox DROP COLUMN sent_at, DROP COLUMN attempts, DROP COLUMN last_error;
-- The purge takes the oldest rows first.
CREATE INDEX outbox_occurred_at ON messaging.outbox (occurred_at);
-- Read through its keys: analysed once it has grown by half, not by a tenth. TableUpkeep follows a table's own
-- settings where the server's autovacuum is off.
ALTER TABLE messaging.outbox SET (autovacuum_analyze_scale_factor = 0.5);
