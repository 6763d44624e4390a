--liquibase formatted sql

--changeset cellbet:cell-config-1
CREATE SCHEMA IF NOT EXISTS config;

-- The config version this cell has applied; every apply locks this row, so replicas
-- applying from the shared queue and a snapshot in flight never interleave.
CREATE TABLE config.state (
    id          INT         PRIMARY KEY CHECK (id = 1),
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
    version       BIGINT      PRIMARY KEY,
    kind          TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    committed_at  TIMESTAMPTZ NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL,
    via           TEXT        NOT NULL CHECK (via IN ('delta', 'snapshot'))
);

-- Changes that arrived ahead of a missing version; applied once the gap is filled.
CREATE TABLE config.pending (
    version      BIGINT      PRIMARY KEY,
    change       JSONB       NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL
);
