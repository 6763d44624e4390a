--liquibase formatted sql

--changeset cellbet:sportsbook-catalog-2
-- Names from the provider's Sports API (fixture), the event's bet stop watermark, and its live sequence.
ALTER TABLE sportsbook.events
    ADD COLUMN sport_name       TEXT,
    ADD COLUMN category_id      TEXT,
    ADD COLUMN category_name    TEXT,
    ADD COLUMN tournament_id    TEXT,
    ADD COLUMN tournament_name  TEXT,
    ADD COLUMN home_id          TEXT,
    ADD COLUMN home_name        TEXT,
    ADD COLUMN away_id          TEXT,
    ADD COLUMN away_name        TEXT,
    ADD COLUMN next_live_time   BIGINT,
    -- The newest bet_stop: odds older than it cannot reopen a market it stopped, whatever the arrival order.
    ADD COLUMN bet_stop_at      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN bet_stop_status  TEXT,
    -- Counts the changes pushed to live clients; never goes back, so a client resumes from the last one it saw.
    ADD COLUMN seq              BIGINT NOT NULL DEFAULT 0;

-- Results and cancels are a dimension of their own, ordered by their own timestamps, so an odds message
-- arriving late never hides a settlement and a settlement arriving before the market's odds is kept.
ALTER TABLE sportsbook.markets
    ADD COLUMN settled       BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN settled_at    BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN cancelled     BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN cancelled_at  BIGINT  NOT NULL DEFAULT 0;
UPDATE sportsbook.markets SET settled = true, status = 'suspended' WHERE status = 'settled';
UPDATE sportsbook.markets SET cancelled = true, status = 'suspended' WHERE status = 'cancelled';
ALTER TABLE sportsbook.outcomes ADD COLUMN settled_at BIGINT NOT NULL DEFAULT 0;

CREATE INDEX events_sport_start ON sportsbook.events (sport_id, start_time);
