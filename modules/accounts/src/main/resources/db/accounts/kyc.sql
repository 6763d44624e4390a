--liquibase formatted sql

--changeset cellbet:accounts-kyc-1
-- Identity checks sent to the KYC provider; the player's kyc_status follows the latest one.
CREATE TABLE accounts.kyc_checks (
    id                  UUID        PRIMARY KEY,
    player_id           UUID        NOT NULL REFERENCES accounts.players (id),
    provider_check_id   TEXT,
    status              TEXT        NOT NULL CHECK (status IN ('submitting', 'pending', 'approved', 'rejected')),
    reason              TEXT,
    full_name           TEXT        NOT NULL,
    document_type       TEXT        NOT NULL,
    document_number     TEXT        NOT NULL,
    submitted_at        TIMESTAMPTZ NOT NULL,
    decided_at          TIMESTAMPTZ,
    attempts            INT         NOT NULL DEFAULT 0
);
CREATE INDEX kyc_checks_open ON accounts.kyc_checks (submitted_at) WHERE status IN ('submitting', 'pending');
CREATE INDEX kyc_checks_player ON accounts.kyc_checks (player_id, submitted_at);
