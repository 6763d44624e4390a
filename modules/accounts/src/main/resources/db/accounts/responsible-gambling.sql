--liquibase formatted sql

--changeset cellbet:accounts-responsible-gambling-1
-- A player's deposit, loss and wager limits per rolling day, week and month. A lower or new limit
-- applies at once; a higher one, or a removal, waits in pending_* until its cooling-off has passed.
CREATE TABLE accounts.limits (
    player_id             UUID        NOT NULL REFERENCES accounts.players (id),
    kind                  TEXT        NOT NULL CHECK (kind IN ('deposit', 'loss', 'wager')),
    period                TEXT        NOT NULL CHECK (period IN ('day', 'week', 'month')),
    amount_minor          BIGINT      CHECK (amount_minor > 0),
    pending_amount_minor  BIGINT      CHECK (pending_amount_minor > 0),
    pending_removal       BOOLEAN     NOT NULL DEFAULT false,
    pending_effective_at  TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (player_id, kind, period),
    CONSTRAINT limits_pending CHECK ((pending_effective_at IS NULL) = (pending_amount_minor IS NULL AND NOT pending_removal)),
    CONSTRAINT limits_pending_one CHECK (NOT (pending_removal AND pending_amount_minor IS NOT NULL))
);
CREATE INDEX limits_pending_due ON accounts.limits (pending_effective_at) WHERE pending_effective_at IS NOT NULL;

-- Time-outs and self-exclusions. A self-exclusion is made by the player in one brand and applies
-- to the same person in every brand of the operator: person_digest (SHA-256 of the e-mail in lower
-- case and the date of birth) is how the control plane finds their other accounts.
ALTER TABLE accounts.players
    ADD COLUMN person_digest TEXT,
    ADD COLUMN timed_out_until TIMESTAMPTZ,
    ADD COLUMN excluded_until TIMESTAMPTZ,
    ADD COLUMN excluded_permanently BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN session_limit_minutes INT CHECK (session_limit_minutes BETWEEN 5 AND 1440),
    ADD COLUMN reality_check_minutes INT CHECK (reality_check_minutes BETWEEN 5 AND 240);
CREATE INDEX players_person ON accounts.players (person_digest) WHERE person_digest IS NOT NULL;
