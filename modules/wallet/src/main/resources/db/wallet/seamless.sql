--liquibase formatted sql
-- Seamless (brand) wallet calls: the shadow ledger. A seamless brand keeps its players' money
-- in its own wallet; the cell records here every call it makes to that wallet, before sending
-- it and again with its outcome, so a crash mid-call is found and resolved after a restart.

--changeset cellbet:wallet-seamless-1
-- One row per transfer id (the brand's idempotency key). Rows are kept for audit.
--   debit:    pending -> acknowledged | rejected | unknown (answer lost) -> rolled_back
--             (an acknowledged debit may also be rolled_back by an explicit rollback)
--   credit:   pending (retried with backoff) -> acknowledged | rejected (ops may put it back to pending)
--   rollback: pending (retried with backoff) -> acknowledged | rejected
-- next_attempt_at is when a pending call may be (re)sent; while a call is in flight it is the
-- end of that call's lease, after which the call counts as lost (a crash) and is resolved.
CREATE TABLE wallet.seamless_calls (
    transfer_id           UUID        PRIMARY KEY,
    seq                   BIGINT      GENERATED ALWAYS AS IDENTITY UNIQUE,
    brand                 TEXT        NOT NULL,
    player_id             TEXT        NOT NULL,
    operation             TEXT        NOT NULL,
    amount_minor          BIGINT      NOT NULL,
    currency              CHAR(3)     NOT NULL,
    type                  TEXT        NOT NULL,
    reference             TEXT,
    original_transfer_id  UUID        REFERENCES wallet.seamless_calls (transfer_id),
    request_hash          BYTEA       NOT NULL,
    status                TEXT        NOT NULL,
    rejection             TEXT,
    attempts              INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at       TIMESTAMPTZ,
    last_error            TEXT,
    http_status           INTEGER,
    balance_minor         BIGINT,
    response              JSONB,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT seamless_calls_operation CHECK (operation IN ('debit', 'credit', 'rollback')),
    CONSTRAINT seamless_calls_status CHECK (status IN ('pending', 'acknowledged', 'rejected', 'unknown', 'rolled_back')),
    CONSTRAINT seamless_calls_amount_positive CHECK (amount_minor > 0),
    CONSTRAINT seamless_calls_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT seamless_calls_attempts CHECK (attempts >= 0),
    -- An answer lost and a debit undone only exist for debits.
    CONSTRAINT seamless_calls_debit_states CHECK (status NOT IN ('unknown', 'rolled_back') OR operation = 'debit'),
    -- A rollback, and only a rollback, names the debit it undoes.
    CONSTRAINT seamless_calls_rollback_original CHECK ((operation = 'rollback') = (original_transfer_id IS NOT NULL)),
    -- Only pending calls are scheduled, and every pending call is: none can be forgotten.
    CONSTRAINT seamless_calls_schedule CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
    CONSTRAINT seamless_calls_rejection CHECK ((status = 'rejected') = (rejection IS NOT NULL))
);
-- At most one rollback per debit.
CREATE UNIQUE INDEX seamless_calls_one_rollback ON wallet.seamless_calls (original_transfer_id) WHERE operation = 'rollback';
CREATE INDEX seamless_calls_due ON wallet.seamless_calls (next_attempt_at) WHERE status = 'pending';
CREATE INDEX seamless_calls_player ON wallet.seamless_calls (brand, player_id, seq);
CREATE INDEX seamless_calls_status ON wallet.seamless_calls (status, seq);

-- Every sending of a call and what came of it.
CREATE TABLE wallet.seamless_attempts (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transfer_id  UUID        NOT NULL REFERENCES wallet.seamless_calls (transfer_id),
    attempt      INTEGER     NOT NULL,
    sent_at      TIMESTAMPTZ NOT NULL,
    duration_ms  BIGINT      NOT NULL,
    outcome      TEXT        NOT NULL,
    http_status  INTEGER,
    code         TEXT,
    error        TEXT,
    CONSTRAINT seamless_attempts_attempt CHECK (attempt > 0),
    CONSTRAINT seamless_attempts_duration CHECK (duration_ms >= 0),
    CONSTRAINT seamless_attempts_outcome CHECK (outcome IN ('acknowledged', 'rejected', 'unknown'))
);
CREATE INDEX seamless_attempts_call ON wallet.seamless_attempts (transfer_id, id);
