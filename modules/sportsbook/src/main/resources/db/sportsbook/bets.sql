--liquibase formatted sql

--changeset cellbet:sportsbook-bets-1
-- A bet: the player's selections (legs) and the lines its shape makes of them, each line staked with
-- stake_per_line_minor. The money is in the wallet; this row says where the bet's money stands:
--   stake_state  none (nothing reserved yet), reserved (held on the player's cash), posted (in stakes_held
--                or, once settled, in sportsbook_ggr), released (given back: rejected or voided)
--   paid_minor   what the settlements so far have paid the player, net (a rollback takes it back)
--   settle_version  counts the wallet requests settling and unsettling it: their keys are bet:<id>:s<n>
CREATE TABLE sportsbook.bets (
    id                    UUID        PRIMARY KEY,
    brand                 TEXT        NOT NULL,
    player_id             UUID        NOT NULL,
    currency              CHAR(3)     NOT NULL,
    placement_key         TEXT        NOT NULL,
    request_hash          TEXT        NOT NULL,
    shape                 TEXT        NOT NULL,
    line_count            INTEGER     NOT NULL CHECK (line_count > 0),
    stake_per_line_minor  BIGINT      NOT NULL CHECK (stake_per_line_minor > 0),
    stake_minor           BIGINT      NOT NULL CHECK (stake_minor > 0),
    max_payout_minor      BIGINT      NOT NULL,
    liability_minor       BIGINT      NOT NULL,
    odds_policy           TEXT        NOT NULL,
    status                TEXT        NOT NULL CHECK (status IN ('placing', 'pending', 'open', 'rejected', 'settled',
                                                      'voided', 'cashed_out')),
    reason                TEXT,
    live                  BOOLEAN     NOT NULL,
    accept_at             TIMESTAMPTZ,
    cash_account_id       BIGINT      NOT NULL,
    reservation_id        UUID,
    stake_state           TEXT        NOT NULL DEFAULT 'none'
                                      CHECK (stake_state IN ('none', 'reserved', 'posted', 'released')),
    stake_in_ggr          BOOLEAN     NOT NULL DEFAULT false,
    paid_minor            BIGINT      NOT NULL DEFAULT 0,
    receivable_minor      BIGINT      NOT NULL DEFAULT 0,
    settle_version        INTEGER     NOT NULL DEFAULT 0,
    cashed_out_minor      BIGINT      NOT NULL DEFAULT 0,
    placed_at             TIMESTAMPTZ NOT NULL,
    settled_at            TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT bets_placement_unique UNIQUE (player_id, placement_key)
);
CREATE INDEX bets_player ON sportsbook.bets (player_id, placed_at DESC, id);
-- The recovery sweeper's work: bets between two steps of placement, live bets waiting for their delay.
CREATE INDEX bets_unfinished ON sportsbook.bets (status, updated_at) WHERE status IN ('placing', 'pending')
    OR stake_state = 'reserved';

-- One selection of a bet, with the odds it took. cancelled: voided by a bet_cancel whose window held the bet.
CREATE TABLE sportsbook.bet_legs (
    bet_id       UUID          NOT NULL REFERENCES sportsbook.bets (id),
    leg          SMALLINT      NOT NULL,
    event_id     TEXT          NOT NULL,
    sport_id     INTEGER       NOT NULL,
    type_id      INTEGER       NOT NULL,
    specifiers   TEXT          NOT NULL,
    outcome_id   TEXT          NOT NULL,
    odds         NUMERIC(12, 4) NOT NULL CHECK (odds >= 1),
    live         BOOLEAN       NOT NULL,
    cancelled    BOOLEAN       NOT NULL DEFAULT false,
    PRIMARY KEY (bet_id, leg)
);
CREATE INDEX bet_legs_market ON sportsbook.bet_legs (event_id, type_id, specifiers, bet_id);

-- The cell's exposure: open liability (what the house loses if every bet on it wins) and turnover per
-- outcome, market and event, in minor units of each currency. Placement raises a row only while the raise
-- keeps it within the cap, so concurrent placements never pass a cap.
CREATE TABLE sportsbook.exposure (
    scope           TEXT    NOT NULL CHECK (scope IN ('outcome', 'market', 'event')),
    key             TEXT    NOT NULL,
    currency        CHAR(3) NOT NULL,
    liability_minor BIGINT  NOT NULL DEFAULT 0,
    turnover_minor  BIGINT  NOT NULL DEFAULT 0,
    bets            BIGINT  NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key, currency)
);

-- What the feed asked of the bets of one market, in arrival order: settle (results in the catalog), unsettle
-- (a rollback of settlement), cancel and uncancel (of the whole market, or of bets placed inside a window).
-- Written in the feed message's inbox transaction, so never lost; worked off in batches, and a job resumes from
-- its cursor (the last bet id done) after a crash.
CREATE TABLE sportsbook.settlement_jobs (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT        NOT NULL CHECK (kind IN ('settle', 'unsettle', 'cancel', 'uncancel')),
    event_id     TEXT        NOT NULL,
    type_id      INTEGER     NOT NULL,
    specifiers   TEXT        NOT NULL,
    placed_from  TIMESTAMPTZ,
    placed_to    TIMESTAMPTZ,
    cursor_bet   UUID,
    bets_done    BIGINT      NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at   TIMESTAMPTZ,
    done_at      TIMESTAMPTZ
);
CREATE INDEX settlement_jobs_open ON sportsbook.settlement_jobs (id) WHERE done_at IS NULL;

-- A player's per-sportsbook stake factor set by traders: 0.5 halves their maximum stake.
CREATE TABLE sportsbook.player_factors (
    player_id     UUID          PRIMARY KEY,
    stake_factor  NUMERIC(6, 4) NOT NULL CHECK (stake_factor >= 0),
    updated_at    TIMESTAMPTZ   NOT NULL
);

--changeset cellbet:sportsbook-bets-2
-- A job is split in parts by bet id, each worked by its own worker, so a big market settles on every core.
ALTER TABLE sportsbook.settlement_jobs
    ADD COLUMN part  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN parts INTEGER NOT NULL DEFAULT 1;

--changeset cellbet:sportsbook-bets-3
-- Stakes of settled bets leave stakes_held for sportsbook_ggr in sweeps, one wallet transfer per sweep, instead of
-- one per bet: a sweep marks its bets (stake_sweep), moves their sum, then flags them stake_in_ggr.
ALTER TABLE sportsbook.bets ADD COLUMN stake_sweep UUID;
CREATE INDEX bets_stake_unswept ON sportsbook.bets (brand, currency)
    WHERE status IN ('settled', 'voided') AND NOT stake_in_ggr AND stake_sweep IS NULL;
CREATE INDEX bets_stake_sweep ON sportsbook.bets (stake_sweep) WHERE stake_sweep IS NOT NULL;
CREATE TABLE sportsbook.stake_sweeps (
    id            UUID        PRIMARY KEY,
    brand         TEXT        NOT NULL,
    currency      CHAR(3)     NOT NULL,
    amount_minor  BIGINT      NOT NULL CHECK (amount_minor >= 0),
    bets          INTEGER     NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('pending', 'done')),
    created_at    TIMESTAMPTZ NOT NULL,
    done_at       TIMESTAMPTZ
);
CREATE INDEX stake_sweeps_pending ON sportsbook.stake_sweeps (created_at) WHERE status = 'pending';

--changeset cellbet:sportsbook-bets-4
-- How a job's parts divide the bets: 'range', each part a range of bet ids, whose batches are each one scan of the
-- market index from the part's cursor; 'hash', by a hash of the bet id, each batch passing over the other parts'
-- bets. Jobs written before ranges, and by replicas of a cell not yet upgraded, are split by hash.
ALTER TABLE sportsbook.settlement_jobs
    ADD COLUMN split TEXT NOT NULL DEFAULT 'hash' CHECK (split IN ('hash', 'range'));

--changeset cellbet:sportsbook-bets-5
-- A bet's legs are written by the same statement as the bet and never deleted; the foreign key's check on every leg
-- (a lookup and a row lock of the bet just written) is gone from the bet writer's path, as the ledger's entries' are.
ALTER TABLE sportsbook.bet_legs DROP CONSTRAINT bet_legs_bet_id_fkey;

--changeset cellbet:sportsbook-bets-6
-- Each of the sweeps' look-ups gets an index that holds just the bets it looks for, in the order it reads them.
-- bets_unfinished held every pending live bet (and, until vacuum, every one opened since), so the once-a-second look
-- for a reservation still held past its bet read all of them and found none: 40-110 ms of PostgreSQL's CPU every
-- second beside the bet writer at 1,500-2,000 bets/s, its batches slowed at every round (ops/README.md, bets).
CREATE INDEX bets_due ON sportsbook.bets (accept_at) WHERE status = 'pending';
CREATE INDEX bets_placing ON sportsbook.bets (updated_at) WHERE status = 'placing';
CREATE INDEX bets_stake_still_reserved ON sportsbook.bets (updated_at)
    WHERE stake_state = 'reserved' AND status <> 'pending';
DROP INDEX sportsbook.bets_unfinished;
