--liquibase formatted sql

--changeset cellbet:control-risk-1
CREATE SCHEMA IF NOT EXISTS risk;

-- Each cell's latest exposure figure per outcome, market and event and currency, from the cells'
-- ExposureChanged events. A figure is the cell's whole current one, so the row holds only the newest
-- (highest version) the cell sent; an older or repeated one changes nothing. The figures are the cell's
-- own and are not checked for sign here: a cell's ledger of exposure is its business, the risk view
-- shows what it says. event_id is the event a key belongs to (keys are event/type/specifiers[/outcome]),
-- for the per-event filters.
CREATE TABLE risk.exposure (
    cell_id          TEXT        NOT NULL CHECK (length(cell_id) BETWEEN 1 AND 100),
    scope            TEXT        NOT NULL CHECK (scope IN ('outcome', 'market', 'event')),
    key              TEXT        NOT NULL CHECK (length(key) BETWEEN 1 AND 500),
    currency         TEXT        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    liability_minor  BIGINT      NOT NULL,
    turnover_minor   BIGINT      NOT NULL,
    bets             BIGINT      NOT NULL,
    version          BIGINT      NOT NULL CHECK (version >= 0),
    reported_at      TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL,
    event_id         TEXT        GENERATED ALWAYS AS (split_part(key, '/', 1)) STORED,
    PRIMARY KEY (cell_id, scope, key, currency)
);
CREATE INDEX exposure_scope_event ON risk.exposure (scope, event_id);
CREATE INDEX exposure_scope_key ON risk.exposure (scope, key, currency);

-- Each brand's sportsbook limits (BetLimits as JSON) and the config version they were published at,
-- as sportsbook.brand_content does for content: the row is also the lock every change of the brand's
-- limits takes. It is created (at version 0, then set) in the first change's transaction, so a brand
-- without a row, or with a row at version 0, has never had limits of its own: it gets the built-in ones.
CREATE TABLE risk.brand_limits (
    brand_code      TEXT        PRIMARY KEY CHECK (brand_code ~ '^[A-Z0-9][A-Z0-9_]{1,15}$'),
    value           JSONB       NOT NULL,
    config_version  BIGINT      NOT NULL CHECK (config_version >= 0),
    updated_at      TIMESTAMPTZ,
    CHECK ((config_version = 0) = (updated_at IS NULL))
);
