--liquibase formatted sql

--changeset cellbet:feed-2
-- Per event seen on the feed: whether its fixture (sport, category, tournament and competitor
-- names, start time) has been read from the provider's Sports API. pending: to fetch at
-- next_attempt_at; fetched: published as FixtureChanged "fetched"; missing: the provider said
-- 404 fixture-missing-attempts times. A fixture_change makes it pending again and counts a new
-- request, so a fetch that was under way when the change came cannot mark it fetched.
CREATE TABLE feed.fixtures (
    event_id         TEXT        PRIMARY KEY,
    sport_id         INTEGER     NOT NULL,
    producer         INTEGER     NOT NULL,
    state            TEXT        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fetched', 'missing')),
    requests         INTEGER     NOT NULL DEFAULT 1 CHECK (requests > 0),
    attempts         INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    fetched_at       TIMESTAMPTZ,
    last_error       TEXT,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX fixtures_due ON feed.fixtures (next_attempt_at) WHERE state = 'pending';
