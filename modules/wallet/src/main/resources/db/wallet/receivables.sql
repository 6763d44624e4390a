--liquibase formatted sql

--changeset cellbet:wallet-receivables-1
-- player_receivables: what players owe the house after a settlement was reversed beyond their balance. A player
-- account never goes negative; the shortfall is taken from this house account instead (its balance goes negative
-- by what players owe) and collected into it later.
ALTER TABLE wallet.accounts DROP CONSTRAINT accounts_kind;
ALTER TABLE wallet.accounts ADD CONSTRAINT accounts_kind CHECK (kind IN ('cash', 'bonus', 'stakes_held',
    'sportsbook_ggr', 'casino_ggr', 'payments_clearing', 'bonus_cost', 'adjustments', 'player_receivables'));
