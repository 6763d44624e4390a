--liquibase formatted sql

--changeset cellbet:wallet-ledger-1
CREATE SCHEMA IF NOT EXISTS wallet;

-- An account holds one currency. Balance = credits - debits, so a player's money is a
-- positive balance and the house side mirrors it: the balances of a currency sum to zero.
-- pending_debits_minor is what two-phase transfers have reserved and not yet posted or voided.
CREATE TABLE wallet.accounts (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    brand                 TEXT        NOT NULL,
    player_id             TEXT,
    kind                  TEXT        NOT NULL,
    currency              CHAR(3)     NOT NULL,
    balance_minor         BIGINT      NOT NULL DEFAULT 0,
    pending_debits_minor  BIGINT      NOT NULL DEFAULT 0,
    version               BIGINT      NOT NULL DEFAULT 0,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT accounts_id_currency UNIQUE (id, currency),
    CONSTRAINT accounts_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT accounts_kind CHECK (kind IN ('cash', 'bonus', 'stakes_held', 'sportsbook_ggr', 'casino_ggr',
        'payments_clearing', 'bonus_cost', 'adjustments')),
    CONSTRAINT accounts_owner CHECK ((player_id IS NOT NULL) = (kind IN ('cash', 'bonus'))),
    CONSTRAINT accounts_pending_not_negative CHECK (pending_debits_minor >= 0),
    -- A player never owes the house: neither the balance nor what is left after reservations
    -- may go below zero, whatever the code above this table does.
    CONSTRAINT accounts_player_never_negative CHECK (player_id IS NULL OR balance_minor - pending_debits_minor >= 0)
);
CREATE UNIQUE INDEX accounts_player_unique ON wallet.accounts (brand, player_id, kind, currency) WHERE player_id IS NOT NULL;
CREATE UNIQUE INDEX accounts_house_unique ON wallet.accounts (brand, kind, currency) WHERE player_id IS NULL;

-- A transfer moves a positive amount between two different accounts of its currency.
-- Transfers of one request (linked transfers) share its idempotency key and the hash of the
-- request; (request_key, position) is unique, so a key is applied at most once.
-- Two-phase transfers are created 'pending' with an expiry and end 'posted', 'voided' or 'expired'.
CREATE TABLE wallet.transfers (
    id                 UUID        PRIMARY KEY,
    request_key        TEXT        NOT NULL,
    position           SMALLINT    NOT NULL CHECK (position >= 0),
    request_hash       BYTEA       NOT NULL,
    debit_account_id   BIGINT      NOT NULL,
    credit_account_id  BIGINT      NOT NULL,
    currency           CHAR(3)     NOT NULL,
    amount_minor       BIGINT      NOT NULL,
    type               TEXT        NOT NULL,
    reference          TEXT,
    metadata           JSONB,
    two_phase          BOOLEAN     NOT NULL,
    status             TEXT        NOT NULL,
    expires_at         TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL,
    completed_at       TIMESTAMPTZ,
    CONSTRAINT transfers_request UNIQUE (request_key, position),
    CONSTRAINT transfers_amount_positive CHECK (amount_minor > 0),
    CONSTRAINT transfers_distinct_accounts CHECK (debit_account_id <> credit_account_id),
    CONSTRAINT transfers_status CHECK (status IN ('posted', 'pending', 'voided', 'expired')),
    CONSTRAINT transfers_two_phase CHECK (two_phase = (expires_at IS NOT NULL) AND (two_phase OR status = 'posted')),
    -- The accounts' currency must be the transfer's: checked by the keys, not only by code.
    CONSTRAINT transfers_debit_currency FOREIGN KEY (debit_account_id, currency) REFERENCES wallet.accounts (id, currency),
    CONSTRAINT transfers_credit_currency FOREIGN KEY (credit_account_id, currency) REFERENCES wallet.accounts (id, currency)
);
CREATE INDEX transfers_pending_expiry ON wallet.transfers (expires_at) WHERE status = 'pending';
-- Every index costs each insert of the hot path; transfers are found by id, by key, and
-- (for reservations still held) by expiry and debit account, nothing else.
CREATE INDEX transfers_pending_debit ON wallet.transfers (debit_account_id) WHERE status = 'pending';

-- The statement: one row per account a posted transfer touched, signed (credit +, debit -),
-- with the balance after it. Every balance equals the sum of its entries (the auditor checks).
CREATE TABLE wallet.entries (
    id                   BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id           BIGINT      NOT NULL REFERENCES wallet.accounts (id),
    transfer_id          UUID        NOT NULL REFERENCES wallet.transfers (id),
    amount_minor         BIGINT      NOT NULL CHECK (amount_minor <> 0),
    balance_after_minor  BIGINT      NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX entries_statement ON wallet.entries (account_id, id);
CREATE INDEX entries_transfer ON wallet.entries (transfer_id);

-- Results of the auditor, kept so ops can see when the ledger was last proven consistent.
CREATE TABLE wallet.audits (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    passed       BOOLEAN     NOT NULL,
    findings     JSONB       NOT NULL
);

--changeset cellbet:wallet-ledger-2 splitStatements:false
-- Every statement that changes balances must keep each currency at zero: the ledger writer
-- updates all accounts of a batch in one statement, so this proves the batch balanced.
CREATE FUNCTION wallet.assert_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced TEXT;
BEGIN
    SELECT string_agg(currency || ' ' || delta, ', ') INTO unbalanced
    FROM (SELECT n.currency, sum(n.balance_minor - o.balance_minor) AS delta
          FROM changed_new n JOIN changed_old o ON o.id = n.id
          GROUP BY n.currency) d
    WHERE delta <> 0;
    IF unbalanced IS NOT NULL THEN
        RAISE EXCEPTION 'ledger out of balance: %', unbalanced USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER accounts_balanced AFTER UPDATE ON wallet.accounts
    REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
    FOR EACH STATEMENT EXECUTE FUNCTION wallet.assert_balanced();

-- Accounts open empty and are never deleted; money only arrives by transfers.
CREATE FUNCTION wallet.assert_opened_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.balance_minor <> 0 OR NEW.pending_debits_minor <> 0 THEN
        RAISE EXCEPTION 'account % must open with a zero balance', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER accounts_open_empty BEFORE INSERT ON wallet.accounts
    FOR EACH ROW EXECUTE FUNCTION wallet.assert_opened_empty();

CREATE FUNCTION wallet.forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are never deleted (%)', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER accounts_no_delete BEFORE DELETE ON wallet.accounts FOR EACH STATEMENT EXECUTE FUNCTION wallet.forbid_delete();
CREATE TRIGGER transfers_no_delete BEFORE DELETE ON wallet.transfers FOR EACH STATEMENT EXECUTE FUNCTION wallet.forbid_delete();
CREATE TRIGGER entries_no_delete BEFORE DELETE ON wallet.entries FOR EACH STATEMENT EXECUTE FUNCTION wallet.forbid_delete();

--changeset cellbet:wallet-ledger-3
-- Transfers and entries grow with every stake and are read by key (id, request key, account, transfer):
-- statistics from a 7,500-row sample (300 x 25) plan them as well as the default 30,000-row one, for a
-- quarter of an ANALYZE's cost (transfers: 0.38 s of a core with the default, 0.11 s with this), which
-- the apps pay every few seconds while the tables are young (ops/README.md, bets).
ALTER TABLE wallet.transfers
    ALTER COLUMN id SET STATISTICS 25,
    ALTER COLUMN request_key SET STATISTICS 25,
    ALTER COLUMN position SET STATISTICS 25,
    ALTER COLUMN request_hash SET STATISTICS 25,
    ALTER COLUMN debit_account_id SET STATISTICS 25,
    ALTER COLUMN credit_account_id SET STATISTICS 25,
    ALTER COLUMN currency SET STATISTICS 25,
    ALTER COLUMN amount_minor SET STATISTICS 25,
    ALTER COLUMN type SET STATISTICS 25,
    ALTER COLUMN reference SET STATISTICS 25,
    ALTER COLUMN metadata SET STATISTICS 25,
    ALTER COLUMN two_phase SET STATISTICS 25,
    ALTER COLUMN status SET STATISTICS 25,
    ALTER COLUMN expires_at SET STATISTICS 25,
    ALTER COLUMN created_at SET STATISTICS 25,
    ALTER COLUMN completed_at SET STATISTICS 25;
ALTER TABLE wallet.entries
    ALTER COLUMN id SET STATISTICS 25,
    ALTER COLUMN account_id SET STATISTICS 25,
    ALTER COLUMN transfer_id SET STATISTICS 25,
    ALTER COLUMN amount_minor SET STATISTICS 25,
    ALTER COLUMN balance_after_minor SET STATISTICS 25,
    ALTER COLUMN created_at SET STATISTICS 25;

--changeset cellbet:wallet-ledger-4
-- An entry is written by the same statement as its transfer and its account's new balance (the ledger's one write
-- per batch), never changed and never deleted. Checking its two foreign keys on every row cost the writers' one
-- serial path a lookup and a row lock per key, four per transfer (ops/README, bets: "Foreign keys"). The auditor
-- proves instead that every entry's transfer and account exist (finding entry_orphaned), besides every posted
-- transfer having its two entries and every balance its entries' sum.
ALTER TABLE wallet.entries DROP CONSTRAINT entries_transfer_id_fkey, DROP CONSTRAINT entries_account_id_fkey;

--changeset cellbet:wallet-ledger-5 splitStatements:false
-- The ledger's one write per batch is its serial path (one writer; ops/README, wallet, "eleventh session"). Two of its
-- per-row costs go:
-- - transfers_debit_currency and transfers_credit_currency, two foreign keys checked row by row (a trigger call, a
--   probe and a row lock each, two per transfer), become one check per statement over the rows it inserted. The
--   database still refuses a transfer whose accounts are missing or hold another currency, and it now also refuses
--   to change a transfer's accounts or currency, or an account's id or currency, which the keys did by refusing
--   to leave a transfer pointing at nothing.
-- - entries_transfer, the third index every entry row paid for, which no statement of the apps reads: the auditor
--   joins whole tables, and a statement line finds its transfer by the transfer's key.
-- A write shaped like the ledger's, of 23 transfers and 46 entries, took 10-17 % less time with both (EXPLAIN ANALYZE,
-- 20 runs each, alternated).
CREATE FUNCTION wallet.assert_transfer_currency() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wrong RECORD;
BEGIN
    -- Each account looked up once per row by its key (LATERAL ... OFFSET 0): a transition table has no statistics,
    -- and a plain join to it is planned as a scan of every account.
    SELECT t.id, t.currency, t.debit_account_id, t.credit_account_id, debit.found IS NULL AS debit_wrong
    INTO wrong
    FROM written t
    LEFT JOIN LATERAL (SELECT true AS found FROM wallet.accounts a
                       WHERE a.id = t.debit_account_id AND a.currency = t.currency OFFSET 0) debit ON true
    LEFT JOIN LATERAL (SELECT true AS found FROM wallet.accounts a
                       WHERE a.id = t.credit_account_id AND a.currency = t.currency OFFSET 0) credit ON true
    WHERE debit.found IS NULL OR credit.found IS NULL
    LIMIT 1;
    IF FOUND THEN
        IF wrong.debit_wrong THEN
            RAISE EXCEPTION 'transfers_debit_currency: transfer % debits account %, which is not an account of %',
                wrong.id, wrong.debit_account_id, wrong.currency
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'transfers_debit_currency';
        END IF;
        RAISE EXCEPTION 'transfers_credit_currency: transfer % credits account %, which is not an account of %',
            wrong.id, wrong.credit_account_id, wrong.currency
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'transfers_credit_currency';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER transfers_currency AFTER INSERT ON wallet.transfers
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION wallet.assert_transfer_currency();

CREATE FUNCTION wallet.forbid_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the accounts and currency of % rows never change (row %)', TG_TABLE_NAME, OLD.id
        USING ERRCODE = 'restrict_violation';
END $$;

-- Only updates that name these columns fire them: the ledger's own updates (balances, a reservation's status) do not.
CREATE TRIGGER transfers_keys_fixed BEFORE UPDATE OF debit_account_id, credit_account_id, currency
    ON wallet.transfers FOR EACH ROW
    WHEN (OLD.debit_account_id IS DISTINCT FROM NEW.debit_account_id
          OR OLD.credit_account_id IS DISTINCT FROM NEW.credit_account_id OR OLD.currency IS DISTINCT FROM NEW.currency)
    EXECUTE FUNCTION wallet.forbid_key_change();
CREATE TRIGGER accounts_keys_fixed BEFORE UPDATE OF id, currency ON wallet.accounts FOR EACH ROW
    WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.currency IS DISTINCT FROM NEW.currency)
    EXECUTE FUNCTION wallet.forbid_key_change();

ALTER TABLE wallet.transfers DROP CONSTRAINT transfers_debit_currency, DROP CONSTRAINT transfers_credit_currency;
DROP INDEX wallet.entries_transfer;

--changeset cellbet:wallet-ledger-6
-- Transfers and entries are read by key; between analyses the planner scales a table's row count by its current
-- size, so statistics taken at two thirds of its size plan the same lookups. Analysed once they have grown by half,
-- not by a tenth: under a kick-off's load the apps had analysed both every 10 s, 35-200 ms of a core each (ops/
-- README.md, bets, fifteenth session). Vacuums (reservations are posted or voided) keep autovacuum's default.
ALTER TABLE wallet.transfers SET (autovacuum_analyze_scale_factor = 0.5);
ALTER TABLE wallet.entries SET (autovacuum_analyze_scale_factor = 0.5);
