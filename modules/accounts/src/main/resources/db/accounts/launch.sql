--liquibase formatted sql

--changeset cellbet:accounts-launch-1
-- Players who come from a brand's own site through a signed launch token (embedded web app): the
-- brand's id for them is external_id, unique per brand. Such a player has no password (they never
-- log in with one) and may have neither e-mail nor username.
ALTER TABLE accounts.players ADD COLUMN external_id TEXT;
ALTER TABLE accounts.players ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE accounts.players DROP CONSTRAINT players_login_name;
ALTER TABLE accounts.players ADD CONSTRAINT players_login_name
    CHECK (email IS NOT NULL OR username IS NOT NULL OR external_id IS NOT NULL);
ALTER TABLE accounts.players ADD CONSTRAINT players_credentials
    CHECK (password_hash IS NOT NULL OR external_id IS NOT NULL);
ALTER TABLE accounts.players ADD CONSTRAINT players_external_id
    CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 64);
CREATE UNIQUE INDEX players_external ON accounts.players (brand, external_id) WHERE external_id IS NOT NULL;

-- The nonces of launch tokens already taken, each kept until its token's expiry: a token is taken
-- once, and a row past its expires_at may be deleted, since its token is refused as expired anyway.
CREATE TABLE accounts.launch_nonces (
    brand       TEXT        NOT NULL,
    nonce       TEXT        NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    taken_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (brand, nonce)
);
CREATE INDEX launch_nonces_expiry ON accounts.launch_nonces (expires_at);
