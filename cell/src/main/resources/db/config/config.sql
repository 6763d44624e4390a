--liquibase formatted sql

--changeset cellbet:cell-config-1
CREATE SCHEMA IF NOT EXISTS config;

-- The config version this cell has applied; every apply locks this row, so replicas
-- applying from the shared queue and a snapshot in flight never interleave.
-- store_id: the control plane's config store the version counts in (null before the first sync).
CREATE TABLE config.state (
    id          INT         PRIMARY KEY CHECK (id = 1),
    store_id    UUID,
    version     BIGINT      NOT NULL CHECK (version >= 0),
    updated_at  TIMESTAMPTZ NOT NULL
);
INSERT INTO config.state (id, version, updated_at) VALUES (1, 0, now());

-- The applied config: the latest value per kind and key. Persisted so a cell starts and
-- serves with the control plane down.
CREATE TABLE config.entry (
    kind          TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    version       BIGINT      NOT NULL,
    committed_at  TIMESTAMPTZ NOT NULL,
    value         JSONB       NOT NULL,
    PRIMARY KEY (kind, key)
);

-- Which version was applied when and how: the audit of this cell's config, and what the
-- propagation benchmark reads.
CREATE TABLE config.applied (
    store_id      UUID        NOT NULL,
    version       BIGINT      NOT NULL,
    kind          TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    committed_at  TIMESTAMPTZ NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL,
    via           TEXT        NOT NULL CHECK (via IN ('delta', 'snapshot')),
    PRIMARY KEY (store_id, version)
);

-- Changes that arrived ahead of a missing version; applied once the gap is filled.
CREATE TABLE config.pending (
    store_id     UUID        NOT NULL,
    version      BIGINT      NOT NULL,
    change       JSONB       NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (store_id, version)
);
