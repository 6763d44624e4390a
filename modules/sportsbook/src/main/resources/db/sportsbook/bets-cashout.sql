--liquibase formatted sql

--changeset cellbet:sportsbook-bets-cashout-1
-- A cash-out in three durable steps: written pending (with the settle version it takes, so its wallet key
-- bet:<id>:s<version> is its own), then the wallet moves the money, then the bet is reduced or closed. The bet's
-- cashout_pending keeps settlement off it meanwhile; the sweeper finishes a cash-out a crash interrupted.
CREATE TABLE sportsbook.cashouts (
    id                      UUID        PRIMARY KEY,
    bet_id                  UUID        NOT NULL REFERENCES sportsbook.bets (id),
    version                 INTEGER     NOT NULL,
    amount_minor            BIGINT      NOT NULL CHECK (amount_minor > 0),
    stake_removed_per_line  BIGINT      NOT NULL CHECK (stake_removed_per_line > 0),
    full_close              BOOLEAN     NOT NULL,
    status                  TEXT        NOT NULL CHECK (status IN ('pending', 'done')),
    created_at              TIMESTAMPTZ NOT NULL,
    done_at                 TIMESTAMPTZ,
    CONSTRAINT cashouts_version UNIQUE (bet_id, version)
);
CREATE INDEX cashouts_pending ON sportsbook.cashouts (created_at) WHERE status = 'pending';
ALTER TABLE sportsbook.bets ADD COLUMN cashout_pending BOOLEAN NOT NULL DEFAULT false;
