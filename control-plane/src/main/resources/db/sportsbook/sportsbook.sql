--liquibase formatted sql

--changeset cellbet:control-sportsbook-1
CREATE SCHEMA IF NOT EXISTS sportsbook;

-- Each brand's sportsbook content (SportsbookContent as JSON) and the config version it was
-- published at. The row is also the lock every edit of the brand's content takes, so two
-- concurrent edits apply one after the other. A row at version 0 was created by an edit that
-- changed nothing and reads as no overrides.
CREATE TABLE sportsbook.brand_content (
    brand_code      TEXT        PRIMARY KEY CHECK (brand_code ~ '^[A-Z0-9][A-Z0-9_]{1,15}$'),
    value           JSONB       NOT NULL,
    config_version  BIGINT      NOT NULL CHECK (config_version >= 0),
    updated_at      TIMESTAMPTZ,
    CHECK ((config_version = 0) = (updated_at IS NULL))
);
