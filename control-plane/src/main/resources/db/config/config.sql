--liquibase formatted sql

--changeset cellbet:control-config-1
CREATE SCHEMA IF NOT EXISTS config;

-- The global config version. Every change locks and increments this one row, so versions
-- are gapless and commit in version order: a cell can tell a gap from a delay.
-- store_id names this history; it changes when the history is replaced (see ConfigStore).
CREATE TABLE config.version_counter (
    id        INT    PRIMARY KEY CHECK (id = 1),
    version   BIGINT NOT NULL CHECK (version >= 0),
    store_id  UUID   NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO config.version_counter (id, version) VALUES (1, 0);

-- Every change ever made, with the whole new value: the snapshot at any version is the
-- latest change per kind and key at or before it.
CREATE TABLE config.change (
    version       BIGINT      PRIMARY KEY CHECK (version > 0),
    kind          TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    value         JSONB       NOT NULL,
    committed_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX change_kind_key ON config.change (kind, key, version DESC);
