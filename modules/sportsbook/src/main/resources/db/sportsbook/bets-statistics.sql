--liquibase formatted sql

--changeset cellbet:sportsbook-bets-statistics-1
-- Bets and their legs grow with every placement and are read by key (id, player, placement key) or by
-- market: statistics from a 7,500-row sample (300 x 25) plan them as well as the default 30,000-row one,
-- for a quarter of an ANALYZE's cost (bets: 0.45 s of a core with the default, 0.12 s with this), which
-- the apps pay every few seconds while the tables are young (ops/README.md, bets). After the cash-out
-- changes, so that every column of bets has it; a column added later should be given it too.
ALTER TABLE sportsbook.bets
    ALTER COLUMN id SET STATISTICS 25,
    ALTER COLUMN brand SET STATISTICS 25,
    ALTER COLUMN player_id SET STATISTICS 25,
    ALTER COLUMN currency SET STATISTICS 25,
    ALTER COLUMN placement_key SET STATISTICS 25,
    ALTER COLUMN request_hash SET STATISTICS 25,
    ALTER COLUMN shape SET STATISTICS 25,
    ALTER COLUMN line_count SET STATISTICS 25,
    ALTER COLUMN stake_per_line_minor SET STATISTICS 25,
    ALTER COLUMN stake_minor SET STATISTICS 25,
    ALTER COLUMN max_payout_minor SET STATISTICS 25,
    ALTER COLUMN liability_minor SET STATISTICS 25,
    ALTER COLUMN odds_policy SET STATISTICS 25,
    ALTER COLUMN status SET STATISTICS 25,
    ALTER COLUMN reason SET STATISTICS 25,
    ALTER COLUMN live SET STATISTICS 25,
    ALTER COLUMN accept_at SET STATISTICS 25,
    ALTER COLUMN cash_account_id SET STATISTICS 25,
    ALTER COLUMN reservation_id SET STATISTICS 25,
    ALTER COLUMN stake_state SET STATISTICS 25,
    ALTER COLUMN stake_in_ggr SET STATISTICS 25,
    ALTER COLUMN paid_minor SET STATISTICS 25,
    ALTER COLUMN receivable_minor SET STATISTICS 25,
    ALTER COLUMN settle_version SET STATISTICS 25,
    ALTER COLUMN cashed_out_minor SET STATISTICS 25,
    ALTER COLUMN placed_at SET STATISTICS 25,
    ALTER COLUMN settled_at SET STATISTICS 25,
    ALTER COLUMN updated_at SET STATISTICS 25,
    ALTER COLUMN stake_sweep SET STATISTICS 25,
    ALTER COLUMN cashout_pending SET STATISTICS 25;
ALTER TABLE sportsbook.bet_legs
    ALTER COLUMN bet_id SET STATISTICS 25,
    ALTER COLUMN leg SET STATISTICS 25,
    ALTER COLUMN event_id SET STATISTICS 25,
    ALTER COLUMN sport_id SET STATISTICS 25,
    ALTER COLUMN type_id SET STATISTICS 25,
    ALTER COLUMN specifiers SET STATISTICS 25,
    ALTER COLUMN outcome_id SET STATISTICS 25,
    ALTER COLUMN odds SET STATISTICS 25,
    ALTER COLUMN live SET STATISTICS 25,
    ALTER COLUMN cancelled SET STATISTICS 25;

--changeset cellbet:sportsbook-bets-statistics-2
-- Bets and their legs are read by key; between analyses the planner scales a table's row count by its current size,
-- so statistics taken at two thirds of its size plan the same lookups. Analysed once they have grown by half, not by
-- a tenth: under a kick-off's load the apps had analysed both every 10 s, 100-240 ms of a core for bets alone
-- (ops/README.md, bets, fifteenth session). Vacuums (bets change status) keep autovacuum's default.
ALTER TABLE sportsbook.bets SET (autovacuum_analyze_scale_factor = 0.5);
ALTER TABLE sportsbook.bet_legs SET (autovacuum_analyze_scale_factor = 0.5);
