--liquibase formatted sql

--changeset cellbet:accounts-players-1 splitStatements:false
CREATE SCHEMA IF NOT EXISTS accounts;

-- A player of one brand, living in this cell. E-mail and username are unique per brand whatever
-- their case; at least one of them is the login name. The password is an Argon2id hash in the
-- PHC string format, which carries its own parameters, so they can be raised without a migration.
CREATE TABLE accounts.players (
    id                UUID        PRIMARY KEY,
    brand             TEXT        NOT NULL,
    email             TEXT,
    username          TEXT,
    password_hash     TEXT        NOT NULL,
    date_of_birth     DATE        NOT NULL,
    country           CHAR(2)     NOT NULL,
    currency          CHAR(3)     NOT NULL,
    status            TEXT        NOT NULL DEFAULT 'active',
    kyc_status        TEXT        NOT NULL DEFAULT 'unverified',
    failed_logins     INT         NOT NULL DEFAULT 0,
    locked_until      TIMESTAMPTZ,
    last_login_at     TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    version           BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT players_login_name CHECK (email IS NOT NULL OR username IS NOT NULL),
    CONSTRAINT players_status CHECK (status IN ('active', 'suspended', 'closed')),
    CONSTRAINT players_kyc_status CHECK (kyc_status IN ('unverified', 'pending', 'verified', 'rejected')),
    CONSTRAINT players_country CHECK (country ~ '^[A-Z]{2}$'),
    CONSTRAINT players_currency CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT players_failed_logins CHECK (failed_logins >= 0)
);
CREATE UNIQUE INDEX players_email ON accounts.players (brand, lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX players_username ON accounts.players (brand, lower(username)) WHERE username IS NOT NULL;

-- Refresh tokens: only a SHA-256 of the token is kept. A token is used once: refreshing revokes it
-- and issues its successor in the same family; presenting a revoked token revokes the whole family
-- (a stolen token and its thief's successors die together).
CREATE TABLE accounts.refresh_tokens (
    id            UUID        PRIMARY KEY,
    family_id     UUID        NOT NULL,
    player_id     UUID        NOT NULL REFERENCES accounts.players (id),
    token_hash    BYTEA       NOT NULL UNIQUE,
    issued_at     TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    revoked_why   TEXT
);
CREATE INDEX refresh_tokens_family ON accounts.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_player ON accounts.refresh_tokens (player_id) WHERE revoked_at IS NULL;

-- The key pair this cell signs access tokens with. Every replica of the cell reads the same row,
-- so a token issued by one replica is accepted by all; the first replica to start creates it.
CREATE TABLE accounts.signing_keys (
    key_id        TEXT        PRIMARY KEY,
    algorithm     TEXT        NOT NULL,
    private_key   BYTEA       NOT NULL,
    public_key    BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    retired_at    TIMESTAMPTZ
);

-- Who changed what of a player, when and why, with the state before and after. Append-only: the
-- triggers below refuse updates and deletes, whatever the code above does.
CREATE TABLE accounts.audit (
    id            BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    player_id     UUID        NOT NULL REFERENCES accounts.players (id),
    brand         TEXT        NOT NULL,
    action        TEXT        NOT NULL,
    actor         TEXT        NOT NULL,
    reason        TEXT,
    before_state  JSONB,
    after_state   JSONB,
    occurred_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_player ON accounts.audit (player_id, id);

CREATE FUNCTION accounts.forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only (%)', TG_OP USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON accounts.audit
    FOR EACH STATEMENT EXECUTE FUNCTION accounts.forbid_change();
