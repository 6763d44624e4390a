--liquibase formatted sql

--changeset cellbet:ops-users-1
CREATE SCHEMA IF NOT EXISTS ops;

-- People who operate the platform. Roles: ops (player and wallet operations), admin (also manages
-- ops users). Passwords are Argon2id hashes in the PHC format.
CREATE TABLE ops.users (
    username       TEXT        PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    password_hash  TEXT        NOT NULL,
    roles          TEXT        NOT NULL CHECK (roles IN ('ops', 'ops,admin')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by     TEXT        NOT NULL,
    disabled_at    TIMESTAMPTZ
);

-- The key pair ops tokens are signed with; its public half is replicated to the cells as config.
CREATE TABLE ops.signing_keys (
    key_id       TEXT        PRIMARY KEY,
    private_key  BYTEA       NOT NULL,
    public_key   BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at   TIMESTAMPTZ
);
