--liquibase formatted sql

--changeset cellbet:sportsbook-catalog-1
CREATE SCHEMA IF NOT EXISTS sportsbook;

-- The cell's catalog, applied from platform.feed. Each row keeps the provider timestamp of what
-- it holds: an odds or status message older than that is ignored (messages arrive twice and out
-- of order); results, cancels and rollbacks are never dropped.
CREATE TABLE sportsbook.events (
    event_id     TEXT        PRIMARY KEY,
    sport_id     INTEGER     NOT NULL,
    status       TEXT,
    home_score   NUMERIC,
    away_score   NUMERIC,
    match_time   TEXT,
    start_time   BIGINT,
    status_at    BIGINT      NOT NULL DEFAULT 0,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sportsbook.markets (
    event_id     TEXT        NOT NULL REFERENCES sportsbook.events (event_id),
    type_id      INTEGER     NOT NULL,
    specifiers   TEXT        NOT NULL,
    producer     INTEGER     NOT NULL,
    status       TEXT        NOT NULL,
    cashout      TEXT,
    odds_at      BIGINT      NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, type_id, specifiers)
);
CREATE INDEX markets_producer ON sportsbook.markets (producer);

CREATE TABLE sportsbook.outcomes (
    event_id          TEXT    NOT NULL,
    type_id           INTEGER NOT NULL,
    specifiers        TEXT    NOT NULL,
    outcome_id        TEXT    NOT NULL,
    odds              NUMERIC(12, 4),
    active            BOOLEAN,
    result            TEXT,
    void_factor       NUMERIC(6, 4),
    dead_heat_factor  NUMERIC(6, 4),
    PRIMARY KEY (event_id, type_id, specifiers, outcome_id),
    FOREIGN KEY (event_id, type_id, specifiers) REFERENCES sportsbook.markets (event_id, type_id, specifiers)
);

-- Producers the control plane declared down: their markets read as suspended until it is up.
CREATE TABLE sportsbook.producers (
    producer    INTEGER PRIMARY KEY,
    up          BOOLEAN NOT NULL,
    changed_at  BIGINT  NOT NULL
);
