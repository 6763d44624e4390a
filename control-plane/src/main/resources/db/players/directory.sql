--liquibase formatted sql

--changeset cellbet:players-directory-1
CREATE SCHEMA IF NOT EXISTS players;

-- Which cell holds each player, learned from the cells' PlayerRegistered events (never from a
-- call on the player's path). Login names are held only as digests of "<brand>:<name in lower case>".
CREATE TABLE players.directory (
    player_id      UUID        PRIMARY KEY,
    brand          TEXT        NOT NULL,
    cell_id        TEXT        NOT NULL,
    country        CHAR(2)     NOT NULL,
    currency       CHAR(3)     NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX directory_cell ON players.directory (cell_id, brand);

CREATE TABLE players.login_names (
    brand      TEXT NOT NULL,
    digest     TEXT NOT NULL,
    player_id  UUID NOT NULL REFERENCES players.directory (player_id),
    PRIMARY KEY (brand, digest)
);

-- How new players are placed on cells: a cell's share of new players is proportional to its
-- weight; a cell closed to new players, or holding its capacity, gets none. "routed" counts the
-- players sent to the cell so far, which spreads a burst evenly before any registration is known.
CREATE TABLE players.cell_routing (
    cell_id                TEXT        PRIMARY KEY,
    weight                 INT         NOT NULL DEFAULT 1 CHECK (weight BETWEEN 0 AND 1000),
    closed_to_new_players  BOOLEAN     NOT NULL DEFAULT false,
    capacity               INT         CHECK (capacity > 0),
    routed                 BIGINT      NOT NULL DEFAULT 0,
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);

--changeset cellbet:players-directory-2
-- The person behind each account (a digest of e-mail and date of birth), and the self-exclusions
-- of persons: a self-exclusion in one brand is sent to every cell holding the same person, and to
-- the cell of any account the person opens later while it lasts.
ALTER TABLE players.directory ADD COLUMN person_digest TEXT;
CREATE INDEX directory_person ON players.directory (person_digest) WHERE person_digest IS NOT NULL;

CREATE TABLE players.exclusions (
    person_digest     TEXT        PRIMARY KEY,
    excluded_until    TIMESTAMPTZ,
    permanent         BOOLEAN     NOT NULL,
    source_brand      TEXT        NOT NULL,
    source_player_id  UUID        NOT NULL,
    excluded_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT exclusions_end CHECK (permanent = (excluded_until IS NULL))
);
