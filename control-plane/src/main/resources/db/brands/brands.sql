--liquibase formatted sql

--changeset cellbet:control-brands-1
CREATE SCHEMA IF NOT EXISTS brands;

CREATE TABLE brands.brand (
    code            TEXT        PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9_]{1,15}$'),
    value           JSONB       NOT NULL,
    config_version  BIGINT      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- A host name serves one brand only; the constraint settles concurrent claims.
CREATE TABLE brands.domain (
    domain      TEXT PRIMARY KEY,
    brand_code  TEXT NOT NULL REFERENCES brands.brand (code)
);
CREATE INDEX domain_brand ON brands.domain (brand_code);
