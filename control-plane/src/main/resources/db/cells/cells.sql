--liquibase formatted sql

--changeset cellbet:control-cells-1
CREATE SCHEMA IF NOT EXISTS cells;

-- The cell registry, built from the cells' own reports on platform.cell-events.
CREATE TABLE cells.cell (
    id                      TEXT        PRIMARY KEY,
    region                  TEXT        NOT NULL,
    base_url                TEXT        NOT NULL,
    brands                  JSONB       NOT NULL,
    applied_config_version  BIGINT      NOT NULL,
    started_at              TIMESTAMPTZ NOT NULL,
    last_seen_at            TIMESTAMPTZ NOT NULL,
    registered_at           TIMESTAMPTZ NOT NULL
);
