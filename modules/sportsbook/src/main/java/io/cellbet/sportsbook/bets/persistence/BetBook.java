package io.cellbet.sportsbook.bets.persistence;

import io.cellbet.platform.persistence.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The tables of bets: bets, their legs, the cell's exposure and the players' stake factors. */
@ApplicationScoped
public class BetBook {

    private static final String BET_COLUMNS = """
            id, brand, player_id, currency, placement_key, request_hash, shape, line_count, stake_per_line_minor,
            stake_minor, max_payout_minor, liability_minor, odds_policy, status, reason, live, accept_at,
            cash_account_id, reservation_id, stake_state, stake_in_ggr, paid_minor, receivable_minor, settle_version,
            cashed_out_minor, placed_at, settled_at, updated_at, cashout_pending, stake_sweep""";

    /** The one order exposure rows are changed in, by placements and releases alike, so they never deadlock. */
    private static final Comparator<ExposureClaim> CLAIM_ORDER = Comparator.comparing(ExposureClaim::scope)
            .thenComparing(ExposureClaim::key);

    /** The lowest UUID (no bet has it, its version bits are not 4): a cursor before every bet. */
    private static final UUID UUID_MIN = new UUID(0, 0);
    private static final UUID UUID_MAX = new UUID(-1, -1);
    /** {@link #BET_COLUMNS} of the table aliased {@code b}. */
    private static final String BET_COLUMNS_OF_B = Sql.qualified("b", BET_COLUMNS);

    private final Sql sql;

    public BetBook(Sql sql) {
        this.sql = sql;
    }

    /** A bet as stored, with its legs in order. */
    public record StoredBet(UUID id, String brand, UUID playerId, String currency, String placementKey,
            String requestHash, String shape, int lineCount, long stakePerLineMinor, long stakeMinor,
            long maxPayoutMinor, long liabilityMinor, String oddsPolicy, String status, String reason, boolean live,
            Instant acceptAt, long cashAccountId, UUID reservationId, String stakeState, boolean stakeInGgr,
            long paidMinor, long receivableMinor, int settleVersion, long cashedOutMinor, Instant placedAt,
            Instant settledAt, Instant updatedAt, boolean cashOutPending, UUID stakeSweep, List<StoredLeg> legs) {

        /** The bet as a settlement step leaves it. */
        public StoredBet settledAs(String status, boolean stakeInGgr, long paidMinor, long receivableMinor,
                int settleVersion, Instant settledAt, Instant now) {
            return new StoredBet(id, brand, playerId, currency, placementKey, requestHash, shape, lineCount,
                    stakePerLineMinor, stakeMinor, maxPayoutMinor, liabilityMinor, oddsPolicy, status, reason, live,
                    acceptAt, cashAccountId, reservationId, stakeState, stakeInGgr, paidMinor, receivableMinor,
                    settleVersion, cashedOutMinor, placedAt, settledAt, now, cashOutPending, stakeSweep, legs);
        }

        /** The bet as placement writes it once its stake is taken (or refused): its status, reason and stake. */
        public StoredBet placedAs(String status, String reason, String stakeState, UUID reservationId) {
            return new StoredBet(id, brand, playerId, currency, placementKey, requestHash, shape, lineCount,
                    stakePerLineMinor, stakeMinor, maxPayoutMinor, liabilityMinor, oddsPolicy, status, reason, live,
                    acceptAt, cashAccountId, reservationId, stakeState, stakeInGgr, paidMinor, receivableMinor,
                    settleVersion, cashedOutMinor, placedAt, settledAt, updatedAt, cashOutPending, stakeSweep, legs);
        }

        StoredBet withLegs(List<StoredLeg> legs) {
            return new StoredBet(id, brand, playerId, currency, placementKey, requestHash, shape, lineCount,
                    stakePerLineMinor, stakeMinor, maxPayoutMinor, liabilityMinor, oddsPolicy, status, reason, live,
                    acceptAt, cashAccountId, reservationId, stakeState, stakeInGgr, paidMinor, receivableMinor,
                    settleVersion, cashedOutMinor, placedAt, settledAt, updatedAt, cashOutPending, stakeSweep,
                    List.copyOf(legs));
        }
    }

    /** One leg as stored. */
    public record StoredLeg(int leg, String eventId, int sportId, int typeId, String specifiers, String outcomeId,
            BigDecimal odds, boolean live, boolean cancelled) {

        public String marketKey() {
            return eventId + "/" + typeId + "/" + specifiers;
        }

        public String outcomeKey() {
            return marketKey() + "/" + outcomeId;
        }
    }

    /** A raise of one exposure row, refused past {@code capMinor}. */
    public record ExposureClaim(String scope, String key, long liabilityMinor, long turnoverMinor, long capMinor) {
    }

    /** How {@link #placeAll} ended for a bet. */
    public enum Placing {
        /** The bet, its legs and its exposure are written. */
        WRITTEN,
        /** The player had used the key: nothing of the bet was written. */
        KEY_USED,
        /** A row would pass its cap: nothing of the bet was written. */
        CAP_REACHED
    }

    /**
     * A bet to write, with the exposure it raises. {@code bet} is as placement built it ({@code placing}, nothing
     * staked); {@link Stakes} answers it as it is written.
     */
    public record NewBet(StoredBet bet, List<ExposureClaim> claims) {
    }

    /**
     * Takes the stakes of the bets within their caps, in the caller's transaction, and answers each bet as it is to
     * be written: open or pending with its stake, or rejected with nothing staked (such a bet raises no exposure).
     */
    @FunctionalInterface
    public interface Stakes {
        List<StoredBet> take(List<NewBet> within);
    }

    /**
     * Another transaction wrote a bet of the same player and key after this one's checks: the caller rolls the whole
     * transaction back (the stakes with it) and writes the batch again, answering these {@code KEY_USED}.
     */
    public static final class KeyRaced extends RuntimeException {

        private final Set<UUID> betIds;

        KeyRaced(Set<UUID> betIds) {
            super("bets " + betIds + " lost their placement keys to another transaction; the batch is written again");
            this.betIds = Set.copyOf(betIds);
        }

        public Set<UUID> betIds() {
            return betIds;
        }
    }

    /** An exposure row: the order rows are locked and changed in is currency, then {@link #CLAIM_ORDER}. */
    private record ExposureRow(String currency, String scope, String key) implements Comparable<ExposureRow> {

        private static final Comparator<ExposureRow> ORDER = Comparator.comparing(ExposureRow::currency)
                .thenComparing(ExposureRow::scope).thenComparing(ExposureRow::key);

        @Override
        public int compareTo(ExposureRow other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * Writes new bets with their legs, their stakes and their exposure, in the caller's transaction, with two
     * statements whatever their number (three when some exposure rows are new; plus the wallet's). Every exposure row
     * the bets raise is locked first, in the one order (currency, scope, key: the order of releases, so placements and
     * releases never deadlock); the bets are then taken in the list's order, each only if every one of its rows stays
     * within the bet's cap with the bets before it added; {@code stakes} takes the stakes of those within; one
     * statement writes them as {@code stakes} answered them, their legs, and the exposure of those that stand. A bet is
     * written once, in its final state: no row is updated after its insert. Answers one {@link Placing} per bet, in
     * order: a bet not written ({@code KEY_USED}, {@code CAP_REACHED}) raised nothing. The write goes with the
     * transaction's next statement ({@link Sql#later}: the bet writer's is its outbox rows, {@link
     * io.cellbet.platform.messaging.outbox.Outbox#writeAppended}), which throws {@link KeyRaced} when a bet taken lost
     * its key to another transaction meanwhile.
     */
    public List<Placing> placeAll(List<NewBet> bets, Stakes stakes) {
        TreeMap<ExposureRow, Long> liability = new TreeMap<>();
        for (NewBet placing : bets) {
            for (ExposureClaim claim : placing.claims()) {
                liability.put(new ExposureRow(placing.bet().currency(), claim.scope(), claim.key()), 0L);
            }
        }
        lockExposure(liability);
        List<NewBet> within = new ArrayList<>();
        boolean[] capped = new boolean[bets.size()];
        Map<String, Integer> firstOfKey = new HashMap<>();
        for (int i = 0; i < bets.size(); i++) {
            NewBet placing = bets.get(i);
            Integer first = firstOfKey.putIfAbsent(placing.bet().playerId() + "/" + placing.bet().placementKey(), i);
            if (first != null) {
                // The same key twice in the batch (a client retrying at once): the first one's fate is the answer.
                capped[i] = capped[first];
                continue;
            }
            boolean fits = true;
            for (ExposureClaim claim : placing.claims()) {
                ExposureRow row = new ExposureRow(placing.bet().currency(), claim.scope(), claim.key());
                fits &= liability.get(row) + claim.liabilityMinor() <= claim.capMinor();
            }
            if (!fits) {
                capped[i] = true;
                continue;
            }
            // Counted even if its stake is refused: the bets after it are held to the caps as if it stood.
            for (ExposureClaim claim : placing.claims()) {
                liability.merge(new ExposureRow(placing.bet().currency(), claim.scope(), claim.key()),
                        claim.liabilityMinor(), Long::sum);
            }
            within.add(placing);
        }
        Set<UUID> written = Set.of();
        if (!within.isEmpty()) {
            List<StoredBet> staked = stakes.take(within);
            List<NewBet> toWrite = new ArrayList<>(within.size());
            for (int i = 0; i < within.size(); i++) {
                toWrite.add(new NewBet(staked.get(i), within.get(i).claims()));
            }
            writeBets(toWrite);
            written = toWrite.stream().map(bet -> bet.bet().id()).collect(Collectors.toSet());
        }
        List<Placing> placings = new ArrayList<>(bets.size());
        for (int i = 0; i < bets.size(); i++) {
            placings.add(capped[i] ? Placing.CAP_REACHED : written.contains(bets.get(i).bet().id()) ? Placing.WRITTEN
                    : Placing.KEY_USED);
        }
        return placings;
    }

    /**
     * Locks the rows (creating those missing) in their order and puts each one's liability in the map. The rows that
     * exist are locked first, without writing them; the missing ones are then created, also in order (two
     * transactions thus wait for each other's rows in one order: each takes its existing rows before creating any).
     */
    private void lockExposure(TreeMap<ExposureRow, Long> rows) {
        Map<ExposureRow, Long> found = new HashMap<>();
        lockRows(rows.keySet(), "SELECT x.currency, x.scope, x.key, x.liability_minor FROM unnest(?::text[], "
                + "?::text[], ?::text[]) WITH ORDINALITY AS t(currency, scope, key, position) JOIN sportsbook.exposure "
                + "x ON x.scope = t.scope AND x.key = t.key AND x.currency = t.currency::char(3) ORDER BY t.position "
                + "FOR UPDATE OF x", found);
        if (found.size() < rows.size()) {
            List<ExposureRow> missing = rows.keySet().stream().filter(row -> !found.containsKey(row)).toList();
            // The no-op update takes the lock of a row another transaction created meanwhile, as the insert does for
            // a new one.
            lockRows(missing, "INSERT INTO sportsbook.exposure AS x (scope, key, currency) SELECT t.scope, t.key, "
                    + "t.currency FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS t(currency, scope, "
                    + "key, position) ORDER BY t.position ON CONFLICT (scope, key, currency) DO UPDATE SET bets = "
                    + "x.bets RETURNING x.currency, x.scope, x.key, x.liability_minor", found);
        }
        rows.putAll(found);
    }

    /** Whether placement took the bet's stake (its transfer or reservation): only such a bet raises exposure. */
    private static boolean staked(StoredBet bet) {
        return bet.reservationId() != null;
    }

    /** Runs a statement that locks the rows (given in order) and answers each one's liability into {@code into}. */
    private void lockRows(Collection<ExposureRow> rows, String statement, Map<ExposureRow, Long> into) {
        int count = rows.size();
        String[] currencies = new String[count];
        String[] scopes = new String[count];
        String[] keys = new String[count];
        int i = 0;
        for (ExposureRow row : rows) {
            currencies[i] = row.currency();
            scopes[i] = row.scope();
            keys[i] = row.key();
            i++;
        }
        sql.list(statement, row -> into.put(new ExposureRow(row.getString(1), row.getString(2), row.getString(3)),
                row.getLong(4)), currencies, scopes, keys);
    }

    /**
     * Writes the bets, their legs and the exposure of those whose stake was taken in one statement, sent with the
     * transaction's next one ({@link Sql#later}); a bet whose key another transaction wrote first is not written, and
     * the statement then throws {@link KeyRaced} for every such bet (the transaction is written again without them,
     * each answered {@code KEY_USED}). The bets are inserted in (player, key) order, so two transactions writing the
     * same keys wait for each other in one order and never deadlock.
     */
    private void writeBets(List<NewBet> unordered) {
        List<NewBet> bets = new ArrayList<>(unordered);
        bets.sort(Comparator.comparing((NewBet placing) -> placing.bet().playerId())
                .thenComparing(placing -> placing.bet().placementKey()));
        int count = bets.size();
        String[] ids = new String[count];
        String[] brands = new String[count];
        String[] players = new String[count];
        String[] currencies = new String[count];
        String[] placementKeys = new String[count];
        String[] hashes = new String[count];
        String[] shapes = new String[count];
        int[] lineCounts = new int[count];
        long[] stakesPerLine = new long[count];
        long[] stakes = new long[count];
        long[] maxPayouts = new long[count];
        long[] liabilities = new long[count];
        String[] policies = new String[count];
        String[] statuses = new String[count];
        String[] reasons = new String[count];
        String[] stakeStates = new String[count];
        String[] reservations = new String[count];
        Boolean[] lives = new Boolean[count];
        String[] acceptAts = new String[count];
        long[] cashAccounts = new long[count];
        String[] placedAts = new String[count];
        int legCount = bets.stream().mapToInt(placing -> placing.bet().legs().size()).sum();
        String[] legBets = new String[legCount];
        int[] legNumbers = new int[legCount];
        String[] legEvents = new String[legCount];
        int[] legSports = new int[legCount];
        int[] legTypes = new int[legCount];
        String[] legSpecifiers = new String[legCount];
        String[] legOutcomes = new String[legCount];
        BigDecimal[] legOdds = new BigDecimal[legCount];
        Boolean[] legLives = new Boolean[legCount];
        int claimCount = bets.stream().filter(placing -> staked(placing.bet()))
                .mapToInt(placing -> placing.claims().size()).sum();
        String[] claimBets = new String[claimCount];
        String[] claimCurrencies = new String[claimCount];
        String[] claimScopes = new String[claimCount];
        String[] claimKeys = new String[claimCount];
        long[] claimLiabilities = new long[claimCount];
        long[] claimTurnovers = new long[claimCount];
        int l = 0;
        int c = 0;
        for (int i = 0; i < count; i++) {
            StoredBet bet = bets.get(i).bet();
            ids[i] = bet.id().toString();
            brands[i] = bet.brand();
            players[i] = bet.playerId().toString();
            currencies[i] = bet.currency();
            placementKeys[i] = bet.placementKey();
            hashes[i] = bet.requestHash();
            shapes[i] = bet.shape();
            lineCounts[i] = bet.lineCount();
            stakesPerLine[i] = bet.stakePerLineMinor();
            stakes[i] = bet.stakeMinor();
            maxPayouts[i] = bet.maxPayoutMinor();
            liabilities[i] = bet.liabilityMinor();
            policies[i] = bet.oddsPolicy();
            statuses[i] = bet.status();
            reasons[i] = bet.reason();
            stakeStates[i] = bet.stakeState();
            reservations[i] = bet.reservationId() == null ? null : bet.reservationId().toString();
            lives[i] = bet.live();
            acceptAts[i] = bet.acceptAt() == null ? null : bet.acceptAt().toString();
            cashAccounts[i] = bet.cashAccountId();
            placedAts[i] = bet.placedAt().toString();
            for (StoredLeg leg : bet.legs()) {
                legBets[l] = ids[i];
                legNumbers[l] = leg.leg();
                legEvents[l] = leg.eventId();
                legSports[l] = leg.sportId();
                legTypes[l] = leg.typeId();
                legSpecifiers[l] = leg.specifiers();
                legOutcomes[l] = leg.outcomeId();
                legOdds[l] = leg.odds();
                legLives[l] = leg.live();
                l++;
            }
            for (ExposureClaim claim : staked(bet) ? bets.get(i).claims() : List.<ExposureClaim>of()) {
                claimBets[c] = ids[i];
                claimCurrencies[c] = bet.currency();
                claimScopes[c] = claim.scope();
                claimKeys[c] = claim.key();
                claimLiabilities[c] = claim.liabilityMinor();
                claimTurnovers[c] = claim.turnoverMinor();
                c++;
            }
        }
        sql.later("WITH b AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], "
                + "?::text[], ?::text[], ?::text[], ?::integer[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::boolean[], ?::timestamptz[], "
                + "?::bigint[], ?::timestamptz[]) WITH ORDINALITY AS b(id, brand, player_id, currency, placement_key, "
                + "request_hash, shape, line_count, stake_per_line_minor, stake_minor, max_payout_minor, "
                + "liability_minor, odds_policy, status, reason, stake_state, reservation_id, live, accept_at, "
                + "cash_account_id, placed_at, position)), "
                + "bet AS (INSERT INTO sportsbook.bets (id, brand, player_id, currency, placement_key, request_hash, "
                + "shape, line_count, stake_per_line_minor, stake_minor, max_payout_minor, liability_minor, "
                + "odds_policy, status, reason, stake_state, reservation_id, live, accept_at, cash_account_id, "
                + "placed_at, updated_at) SELECT id, brand, player_id, currency, placement_key, request_hash, shape, "
                + "line_count, stake_per_line_minor, stake_minor, max_payout_minor, liability_minor, odds_policy, "
                + "status, reason, stake_state, reservation_id, live, accept_at, cash_account_id, placed_at, placed_at "
                + "FROM b ORDER BY position ON CONFLICT (player_id, "
                + "placement_key) DO NOTHING RETURNING id), "
                + "legs AS (INSERT INTO sportsbook.bet_legs (bet_id, leg, event_id, sport_id, type_id, specifiers, "
                + "outcome_id, odds, live) SELECT t.bet_id, t.leg, t.event_id, t.sport_id, t.type_id, t.specifiers, "
                + "t.outcome_id, t.odds, t.live FROM unnest(?::uuid[], ?::integer[], ?::text[], ?::integer[], "
                + "?::integer[], ?::text[], ?::text[], ?::numeric[], ?::boolean[]) AS t(bet_id, leg, event_id, "
                + "sport_id, type_id, specifiers, outcome_id, odds, live) JOIN bet ON bet.id = t.bet_id RETURNING 1), "
                + "claims AS (SELECT c.currency, c.scope, c.key, sum(c.liability) AS liability, sum(c.turnover) "
                + "AS turnover, count(*) AS bets FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[], "
                + "?::bigint[]) AS c(bet_id, currency, scope, key, liability, turnover) JOIN bet ON bet.id = c.bet_id "
                + "GROUP BY c.currency, c.scope, c.key), "
                + "raised AS (UPDATE sportsbook.exposure AS x SET liability_minor = x.liability_minor + c.liability, "
                + "turnover_minor = x.turnover_minor + c.turnover, bets = x.bets + c.bets, updated_at = now() FROM "
                + "claims c WHERE x.currency = c.currency AND x.scope = c.scope AND x.key = c.key RETURNING 1) "
                + "SELECT (SELECT array_agg(id::text) FROM bet), (SELECT count(*) FROM legs), "
                + "(SELECT count(*) FROM raised), (SELECT count(*) FROM claims)",
                row -> checked(bets, row.getArray(1) == null ? new String[0] : (String[]) row.getArray(1).getArray(),
                        row.getLong(2), row.getLong(3), row.getLong(4)),
                ids, brands, players, currencies, placementKeys, hashes, shapes, lineCounts, stakesPerLine, stakes,
                maxPayouts, liabilities, policies, statuses, reasons, stakeStates, reservations, lives, acceptAts,
                cashAccounts, placedAts,
                legBets, legNumbers, legEvents, legSports, legTypes, legSpecifiers, legOutcomes, legOdds, legLives,
                claimBets, claimCurrencies, claimScopes, claimKeys, claimLiabilities, claimTurnovers);
    }

    /**
     * What the bets' write wrote, if it is what was meant: every bet, with its legs and its exposure rows. A bet
     * missing lost its key to another transaction ({@link KeyRaced}); other counts that differ are a bug, and the
     * batch must not commit.
     */
    private static Boolean checked(List<NewBet> bets, String[] writtenIds, long legs, long raised, long claimed) {
        Set<UUID> written = new HashSet<>();
        for (String id : writtenIds) {
            written.add(UUID.fromString(id));
        }
        Set<UUID> raced = bets.stream().map(bet -> bet.bet().id()).filter(id -> !written.contains(id))
                .collect(Collectors.toSet());
        if (!raced.isEmpty()) {
            throw new KeyRaced(raced);
        }
        long legsMeant = bets.stream().mapToLong(bet -> bet.bet().legs().size()).sum();
        if (legs != legsMeant || raised != claimed) {
            throw new IllegalStateException("a batch of " + bets.size() + " bets wrote " + legs + " of " + legsMeant
                    + " legs and " + raised + " of " + claimed + " exposure rows");
        }
        return Boolean.TRUE;
    }

    /**
     * Takes a bet's liability off its rows (and its turnover and count, for a bet that never stood). Rows are
     * changed in key order, as {@link #placeAll} raises them, so releases and placements never deadlock.
     */
    public void release(String currency, List<ExposureClaim> claims, boolean turnoverToo) {
        List<ExposureClaim> sorted = new ArrayList<>(claims);
        sorted.sort(CLAIM_ORDER);
        int count = sorted.size();
        String[] scopes = new String[count];
        String[] keys = new String[count];
        long[] liabilities = new long[count];
        long[] turnovers = new long[count];
        for (int i = 0; i < count; i++) {
            scopes[i] = sorted.get(i).scope();
            keys[i] = sorted.get(i).key();
            liabilities[i] = -sorted.get(i).liabilityMinor();
            turnovers[i] = turnoverToo ? -sorted.get(i).turnoverMinor() : 0;
        }
        sql.update("INSERT INTO sportsbook.exposure AS x (scope, key, currency, liability_minor, turnover_minor, "
                + "bets) SELECT t.scope, t.key, ?, t.liability, t.turnover, CASE WHEN t.turnover < 0 THEN -1 ELSE 0 "
                + "END FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) WITH ORDINALITY AS t(scope, key, "
                + "liability, turnover, position) ORDER BY t.position ON CONFLICT (scope, key, currency) DO UPDATE "
                + "SET liability_minor = x.liability_minor + excluded.liability_minor, turnover_minor = "
                + "x.turnover_minor + excluded.turnover_minor, bets = x.bets + excluded.bets, updated_at = now()",
                currency, scopes, keys, liabilities, turnovers);
    }

    public Optional<StoredBet> find(UUID id) {
        return sql.one("SELECT " + BET_COLUMNS + " FROM sportsbook.bets WHERE id = ?", BetBook::bet, id)
                .map(bet -> bet.withLegs(legs(bet.id())));
    }

    /** The bet, its row locked for a change. */
    public Optional<StoredBet> lock(UUID id) {
        return sql.one("SELECT " + BET_COLUMNS + " FROM sportsbook.bets WHERE id = ? FOR UPDATE", BetBook::bet, id)
                .map(bet -> bet.withLegs(legs(bet.id())));
    }

    /** What placement first needs to know: the bet the player placed under the key (if any) and their stake factor. */
    public record KeyAndFactor(Optional<StoredBet> earlier, BigDecimal stakeFactor) {
    }

    /**
     * For each placement (player and key, in order), its {@link KeyAndFactor}: in one statement, plus one for the legs
     * of the bets found. In a transaction the statement goes with the transaction's next one ({@link Sql#later}), and
     * is read when the answer is asked for; outside one, now.
     */
    public Supplier<List<KeyAndFactor>> keysAndFactors(List<UUID> playerIds, List<String> placementKeys) {
        // One index probe per key, whatever the statistics said when the plan was made (as the ledger's key
        // look-up): planned as a plain join while the table was small, a cached plan scanned every bet at every batch
        // (auto_explain, 8-12 ms at 20,000 bets). OFFSET 0 keeps the subquery a per-key probe.
        Sql.Later<KeyAndFactor> read = sql.later("SELECT f.stake_factor AS player_stake_factor, " + BET_COLUMNS_OF_B
                + " FROM unnest(?::uuid[], ?::text[]) WITH ORDINALITY AS t(player_id, placement_key, position) "
                + "LEFT JOIN sportsbook.player_factors f ON f.player_id = t.player_id LEFT JOIN LATERAL (SELECT * "
                + "FROM sportsbook.bets b WHERE b.player_id = t.player_id AND b.placement_key = t.placement_key "
                + "OFFSET 0) b ON true ORDER BY t.position",
                row -> new KeyAndFactor(row.getObject("id") == null ? Optional.empty() : Optional.of(bet(row)),
                        row.getBigDecimal("player_stake_factor") == null ? BigDecimal.ONE
                                : row.getBigDecimal("player_stake_factor")),
                playerIds.stream().map(UUID::toString).toArray(String[]::new), placementKeys.toArray(String[]::new));
        return () -> {
            List<KeyAndFactor> found = read.rows();
            if (found.stream().allMatch(keyAndFactor -> keyAndFactor.earlier().isEmpty())) {
                return found;
            }
            Map<UUID, StoredBet> complete = new HashMap<>();
            withLegs(found.stream().flatMap(keyAndFactor -> keyAndFactor.earlier().stream()).toList())
                    .forEach(bet -> complete.put(bet.id(), bet));
            return found.stream().map(keyAndFactor -> keyAndFactor.earlier().isEmpty() ? keyAndFactor
                    : new KeyAndFactor(Optional.of(complete.get(keyAndFactor.earlier().get().id())),
                            keyAndFactor.stakeFactor())).toList();
        };
    }

    public Optional<StoredBet> findByKey(UUID playerId, String placementKey) {
        return sql.one("SELECT " + BET_COLUMNS + " FROM sportsbook.bets WHERE player_id = ? AND placement_key = ?",
                BetBook::bet, playerId, placementKey).map(bet -> bet.withLegs(legs(bet.id())));
    }

    /** The bets of these ids with their legs, locked, in id order. */
    public List<StoredBet> lockAll(List<UUID> ids) {
        return all(ids, " FOR UPDATE OF b");
    }

    /** The bets of these ids with their legs, in id order, as they stand (not locked). */
    public List<StoredBet> findAll(List<UUID> ids) {
        return all(ids, "");
    }

    private List<StoredBet> all(List<UUID> ids, String locking) {
        String[] wanted = ids.stream().map(UUID::toString).toArray(String[]::new);
        // Joined to the ids rather than "id = ANY(?)": once the statement is prepared on the server, its array is a
        // parameter, which PostgreSQL searches from end to end for every row it looks at (a constant array it would
        // hash); a join finds each id once.
        return withLegs(sql.list("SELECT " + BET_COLUMNS_OF_B + " FROM unnest(?::uuid[]) AS wanted(id) JOIN "
                + "sportsbook.bets b ON b.id = wanted.id ORDER BY b.id" + locking, BetBook::bet, (Object) wanted));
    }

    /** The bets (read without their legs) with their legs, read in one statement. */
    private List<StoredBet> withLegs(List<StoredBet> bets) {
        String[] wanted = bets.stream().map(bet -> bet.id().toString()).distinct().toArray(String[]::new);
        Map<UUID, List<StoredLeg>> legs = new LinkedHashMap<>();
        // A probe of the legs' index per bet, as in keysAndFactors: a plain join's cached plan scanned every leg.
        sql.list("SELECT l.bet_id, l.leg, l.event_id, l.sport_id, l.type_id, l.specifiers, l.outcome_id, l.odds, "
                + "l.live, l.cancelled FROM unnest(?::uuid[]) AS wanted(id) CROSS JOIN LATERAL (SELECT * FROM "
                + "sportsbook.bet_legs l WHERE l.bet_id = wanted.id OFFSET 0) l ORDER BY l.bet_id, l.leg", row -> {
                    legs.computeIfAbsent(row.getObject(1, UUID.class), id -> new ArrayList<>()).add(leg(row));
                    return null;
                }, (Object) wanted);
        List<StoredBet> complete = new ArrayList<>();
        for (StoredBet bet : bets) {
            complete.add(bet.withLegs(legs.getOrDefault(bet.id(), List.of())));
        }
        return complete;
    }

    /** The player's bets, newest first: {@code open} (placing, pending, open) or {@code settled} (the rest). */
    public List<StoredBet> ofPlayer(UUID playerId, boolean open, Instant before, UUID beforeId, int limit) {
        String statuses = open ? "('placing', 'pending', 'open')" : "('rejected', 'settled', 'voided', 'cashed_out')";
        List<StoredBet> bets = sql.list("SELECT " + BET_COLUMNS + " FROM sportsbook.bets WHERE player_id = ? AND status "
                + "IN " + statuses + " AND (?::timestamptz IS NULL OR (placed_at, id) < (?::timestamptz, ?::uuid)) "
                + "ORDER BY placed_at DESC, id DESC LIMIT ?", BetBook::bet, playerId, before, before, beforeId, limit);
        List<StoredBet> complete = new ArrayList<>();
        for (StoredBet bet : bets) {
            complete.add(bet.withLegs(legs(bet.id())));
        }
        return complete;
    }

    public List<StoredLeg> legs(UUID betId) {
        return sql.list("SELECT bet_id, leg, event_id, sport_id, type_id, specifiers, outcome_id, odds, live, cancelled "
                + "FROM sportsbook.bet_legs WHERE bet_id = ? ORDER BY leg", BetBook::leg, betId);
    }

    /** A change of {@link #moveAllIf}: the bet's new status and stake state, if it still has {@code expected}. */
    public record Move(StoredBet bet, String expected, String status, String stakeState, UUID reservationId) {
    }

    /**
     * Moves each bet to its new status and stake state if it still has status {@code expected}, all in one statement;
     * each answer is empty for a bet that had moved on, else the bet with its legs (a bet's legs never change). The
     * rows are locked in id order first, the order every other writer of many bets (settlement) locks them in.
     */
    public List<Optional<StoredBet>> moveAllIf(List<Move> moves, Instant now) {
        int count = moves.size();
        String[] ids = new String[count];
        String[] expected = new String[count];
        String[] statuses = new String[count];
        String[] stakeStates = new String[count];
        String[] reservations = new String[count];
        for (int i = 0; i < count; i++) {
            Move move = moves.get(i);
            ids[i] = move.bet().id().toString();
            expected[i] = move.expected();
            statuses[i] = move.status();
            stakeStates[i] = move.stakeState();
            reservations[i] = move.reservationId() == null ? null : move.reservationId().toString();
        }
        Map<UUID, StoredBet> moved = new LinkedHashMap<>();
        sql.list("WITH t AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[]) AS t(id, "
                + "expected, status, stake_state, reservation_id)), "
                + "locked AS (SELECT b.id FROM t JOIN sportsbook.bets b ON b.id = t.id ORDER BY b.id FOR UPDATE OF b) "
                + "UPDATE sportsbook.bets b SET status = t.status, reason = NULL, stake_state = t.stake_state, "
                + "reservation_id = coalesce(t.reservation_id, b.reservation_id), updated_at = ? FROM t, locked "
                + "WHERE b.id = t.id AND locked.id = t.id AND b.status = t.expected RETURNING " + BET_COLUMNS_OF_B,
                row -> {
                    StoredBet bet = bet(row);
                    moved.put(bet.id(), bet);
                    return bet;
                },
                ids, expected, statuses, stakeStates, reservations, now);
        List<Optional<StoredBet>> answers = new ArrayList<>(count);
        for (Move move : moves) {
            answers.add(Optional.ofNullable(moved.remove(move.bet().id())).map(bet -> bet.withLegs(move.bet().legs())));
        }
        return answers;
    }

    /** The rest of the caller's transaction runs on generic plans ({@link Sql#genericPlansInTransaction}). */
    public void genericPlansInTransaction() {
        sql.genericPlansInTransaction();
    }

    /** Moves a bet to a new status and stake state. */
    public void update(UUID id, String status, String reason, String stakeState, UUID reservationId, Instant now) {
        sql.update("UPDATE sportsbook.bets SET status = ?, reason = ?, stake_state = ?, reservation_id = "
                + "coalesce(?, reservation_id), updated_at = ? WHERE id = ?", status, reason, stakeState, reservationId,
                now, id);
    }

    /** Records settlement steps of many bets in one statement. */
    public void settledAll(List<StoredBet> bets) {
        int count = bets.size();
        String[] ids = new String[count];
        String[] statuses = new String[count];
        Boolean[] inGgr = new Boolean[count];
        long[] paid = new long[count];
        long[] receivable = new long[count];
        int[] versions = new int[count];
        String[] settledAt = new String[count];
        for (int i = 0; i < count; i++) {
            StoredBet bet = bets.get(i);
            ids[i] = bet.id().toString();
            statuses[i] = bet.status();
            inGgr[i] = bet.stakeInGgr();
            paid[i] = bet.paidMinor();
            receivable[i] = bet.receivableMinor();
            versions[i] = bet.settleVersion();
            settledAt[i] = bet.settledAt() == null ? null : bet.settledAt().toString();
        }
        Instant now = bets.isEmpty() ? Instant.now() : bets.get(0).updatedAt();
        sql.update("UPDATE sportsbook.bets b SET status = t.status, stake_in_ggr = t.in_ggr, paid_minor = t.paid, "
                + "receivable_minor = t.receivable, settle_version = t.version, settled_at = t.settled_at::timestamptz, "
                + "updated_at = ? FROM unnest(?::uuid[], ?::text[], ?::boolean[], ?::bigint[], ?::bigint[], "
                + "?::integer[], ?::text[]) AS t(id, status, in_ggr, paid, receivable, version, settled_at) "
                + "WHERE b.id = t.id", now, ids, statuses, inGgr, paid, receivable, versions, settledAt);
    }

    /**
     * The next bets of a job's part: those with a leg on the job's market, in the part's share of the bet ids, after
     * its cursor in id order, at most {@code limit}. A part of a job split by range holds the bet ids between two
     * bounds ({@link #partBounds}), so a batch is one scan of the market index from the cursor; a part of a job split
     * by hash (written by a cell before ranges) holds the ids of one hash class, and its scan passes over the others'.
     */
    public List<UUID> onMarket(SettlementJob job, int limit) {
        // The cursor is always a value: once the statement is prepared on the server, its generic plan could not start
        // the index scan at an optional cursor ("? IS NULL OR bet_id > ?" is a filter), and every batch would read the
        // market's bets from the first one on.
        if (job.byRange()) {
            UUID[] bounds = partBounds(job.part(), job.parts());
            return sql.list("SELECT DISTINCT bet_id FROM sportsbook.bet_legs WHERE event_id = ? AND type_id = ? "
                    + "AND specifiers = ? AND bet_id > ?::uuid AND bet_id <= ?::uuid ORDER BY bet_id LIMIT ?",
                    row -> row.getObject(1, UUID.class), job.eventId(), job.typeId(), job.specifiers(),
                    job.cursor() == null ? bounds[0] : job.cursor(), bounds[1], limit);
        }
        return sql.list("SELECT DISTINCT bet_id FROM sportsbook.bet_legs WHERE event_id = ? AND type_id = ? "
                + "AND specifiers = ? AND bet_id > ?::uuid AND (? = 1 OR abs(hashtext(bet_id::text)) % ? = ?) "
                + "ORDER BY bet_id LIMIT ?", row -> row.getObject(1, UUID.class), job.eventId(), job.typeId(),
                job.specifiers(), job.cursor() == null ? UUID_MIN : job.cursor(), job.parts(), job.parts(),
                job.part(), limit);
    }

    /**
     * The bet ids of part {@code part} of {@code parts}, as {lowest excluded, highest included}: the parts divide the
     * UUIDs evenly by their first 64 bits, in PostgreSQL's order of UUIDs (their bytes, unsigned). Bet ids are random
     * (version 4), so each part holds about as many bets.
     */
    static UUID[] partBounds(int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
        UUID lowest = part == 0 ? UUID_MIN : new UUID(boundary(part, parts), 0);
        UUID highest = part == parts - 1 ? UUID_MAX : new UUID(boundary(part + 1, parts), 0);
        return new UUID[] {lowest, highest};
    }

    /** {@code k / parts} of 2^64, as the unsigned value of a UUID's first 64 bits. */
    private static long boundary(int k, int parts) {
        return BigInteger.ONE.shiftLeft(64).multiply(BigInteger.valueOf(k)).divide(BigInteger.valueOf(parts))
                .longValue();
    }

    /** Flags (or unflags) the legs on the market of bets placed in the window as cancelled. */
    public int cancelLegs(String eventId, int typeId, String specifiers, Instant placedFrom, Instant placedTo,
            boolean cancelled) {
        return sql.update("UPDATE sportsbook.bet_legs l SET cancelled = ? FROM sportsbook.bets b WHERE b.id = l.bet_id "
                + "AND l.event_id = ? AND l.type_id = ? AND l.specifiers = ? AND l.cancelled <> ? "
                + "AND (?::timestamptz IS NULL OR b.placed_at >= ?::timestamptz) "
                + "AND (?::timestamptz IS NULL OR b.placed_at <= ?::timestamptz)", cancelled, eventId, typeId,
                specifiers, cancelled, placedFrom, placedFrom, placedTo, placedTo);
    }

    /**
     * Bets still {@code placing} whose last change is older than {@code before}, oldest first. The status is written in
     * the statement, not bound, so that every plan of it reads the partial index {@code bets_placing}.
     */
    public List<UUID> stalePlacing(Instant before, int limit) {
        return sql.list("SELECT id FROM sportsbook.bets WHERE status = 'placing' AND updated_at < ? ORDER BY updated_at "
                + "LIMIT ?", row -> row.getObject(1, UUID.class), before, limit);
    }

    /** Live bets whose delay is over, oldest first. */
    public List<UUID> due(Instant now, int limit) {
        return sql.list("SELECT id FROM sportsbook.bets WHERE status = 'pending' AND accept_at <= ? ORDER BY accept_at "
                + "LIMIT ?", row -> row.getObject(1, UUID.class), now, limit);
    }

    /** Accepted or closed bets whose reservation is still held: the step after posting or voiding was missed. */
    public List<UUID> stakeStillReserved(Instant before, int limit) {
        return sql.list("SELECT id FROM sportsbook.bets WHERE stake_state = 'reserved' AND status <> 'pending' "
                + "AND updated_at < ? ORDER BY updated_at LIMIT ?", row -> row.getObject(1, UUID.class), before, limit);
    }

    public void setStakeFactor(UUID playerId, BigDecimal factor, Instant now) {
        sql.update("INSERT INTO sportsbook.player_factors (player_id, stake_factor, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (player_id) DO UPDATE SET stake_factor = excluded.stake_factor, updated_at = "
                + "excluded.updated_at", playerId, factor, now);
    }

    /** One exposure row. */
    public record Exposure(String scope, String key, String currency, long liabilityMinor, long turnoverMinor,
            long bets, Instant updatedAt) {
    }

    /** Exposure rows changed after {@code since}, oldest change first. */
    public List<Exposure> exposureChangedSince(Instant since, int limit) {
        return sql.list("SELECT scope, key, currency, liability_minor, turnover_minor, bets, updated_at FROM "
                + "sportsbook.exposure WHERE updated_at > ? ORDER BY updated_at LIMIT ?", BetBook::exposure, since,
                limit);
    }

    public Optional<Exposure> exposure(String scope, String key, String currency) {
        return sql.one("SELECT scope, key, currency, liability_minor, turnover_minor, bets, updated_at FROM "
                + "sportsbook.exposure WHERE scope = ? AND key = ? AND currency = ?", BetBook::exposure, scope, key,
                currency);
    }

    private static Exposure exposure(ResultSet row) throws SQLException {
        return new Exposure(row.getString(1), row.getString(2), row.getString(3), row.getLong(4), row.getLong(5),
                row.getLong(6), Sql.instant(row, "updated_at"));
    }

    private static StoredBet bet(ResultSet row) throws SQLException {
        return new StoredBet(row.getObject("id", UUID.class), row.getString("brand"),
                row.getObject("player_id", UUID.class), row.getString("currency"), row.getString("placement_key"),
                row.getString("request_hash"), row.getString("shape"), row.getInt("line_count"),
                row.getLong("stake_per_line_minor"), row.getLong("stake_minor"), row.getLong("max_payout_minor"),
                row.getLong("liability_minor"), row.getString("odds_policy"), row.getString("status"),
                row.getString("reason"), row.getBoolean("live"), Sql.instant(row, "accept_at"),
                row.getLong("cash_account_id"), row.getObject("reservation_id", UUID.class),
                row.getString("stake_state"), row.getBoolean("stake_in_ggr"), row.getLong("paid_minor"),
                row.getLong("receivable_minor"), row.getInt("settle_version"), row.getLong("cashed_out_minor"),
                Sql.instant(row, "placed_at"), Sql.instant(row, "settled_at"), Sql.instant(row, "updated_at"),
                row.getBoolean("cashout_pending"), row.getObject("stake_sweep", UUID.class), List.of());
    }

    private static StoredLeg leg(ResultSet row) throws SQLException {
        return new StoredLeg(row.getInt("leg"), row.getString("event_id"), row.getInt("sport_id"),
                row.getInt("type_id"), row.getString("specifiers"), row.getString("outcome_id"),
                row.getBigDecimal("odds").stripTrailingZeros(), row.getBoolean("live"), row.getBoolean("cancelled"));
    }

    /** What the catalog says of a leg's outcome now: its result and factors once settled, whether it was cancelled. */
    public record LegState(UUID betId, int leg, boolean settled, String result, BigDecimal voidFactor,
            BigDecimal deadHeatFactor, boolean cancelled) {
    }

    /** The current state of every leg of the bets, by bet. */
    public Map<UUID, List<LegState>> legStates(List<UUID> betIds) {
        String[] wanted = betIds.stream().map(UUID::toString).toArray(String[]::new);
        Map<UUID, List<LegState>> states = new LinkedHashMap<>();
        sql.list("SELECT l.bet_id, l.leg, coalesce(m.settled, false), o.result, o.void_factor, o.dead_heat_factor, "
                + "l.cancelled OR coalesce(m.cancelled, false) FROM unnest(?::uuid[]) AS wanted(id) JOIN "
                + "sportsbook.bet_legs l ON l.bet_id = wanted.id LEFT JOIN sportsbook.markets m "
                + "ON m.event_id = l.event_id AND m.type_id = l.type_id AND m.specifiers = l.specifiers "
                + "LEFT JOIN sportsbook.outcomes o ON o.event_id = l.event_id AND o.type_id = l.type_id "
                + "AND o.specifiers = l.specifiers AND o.outcome_id = l.outcome_id "
                + "ORDER BY l.bet_id, l.leg", row -> {
                    LegState state = new LegState(row.getObject(1, UUID.class), row.getInt(2), row.getBoolean(3),
                            row.getString(4), row.getBigDecimal(5), row.getBigDecimal(6), row.getBoolean(7));
                    states.computeIfAbsent(state.betId(), id -> new ArrayList<>()).add(state);
                    return null;
                }, (Object) wanted);
        return states;
    }

    /**
     * A part of a settlement job of the feed; {@code byRange} tells how the job's parts divide the bets ({@link
     * #onMarket}).
     */
    public record SettlementJob(long id, String kind, String eventId, int typeId, String specifiers, UUID cursor,
            long betsDone, int part, int parts, boolean byRange) {
    }

    /** Writes the job in {@code parts} parts, split by ranges of bet ids. */
    public void addJob(String kind, String eventId, int typeId, String specifiers, Instant placedFrom,
            Instant placedTo, int parts) {
        sql.update("INSERT INTO sportsbook.settlement_jobs (kind, event_id, type_id, specifiers, placed_from, "
                + "placed_to, part, parts, split) SELECT ?, ?, ?, ?, ?, ?, p, ?, 'range' "
                + "FROM generate_series(0, ? - 1) p", kind, eventId, typeId, specifiers, placedFrom, placedTo, parts,
                parts);
    }

    /** The oldest unfinished job no other replica is working on, locked for this transaction. */
    public Optional<SettlementJob> lockNextJob() {
        return sql.one("SELECT id, kind, event_id, type_id, specifiers, cursor_bet, bets_done, part, parts, split FROM "
                + "sportsbook.settlement_jobs WHERE done_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                row -> new SettlementJob(row.getLong(1), row.getString(2), row.getString(3), row.getInt(4),
                        row.getString(5), row.getObject(6, UUID.class), row.getLong(7), row.getInt(8),
                        row.getInt(9), "range".equals(row.getString(10))));
    }

    public void advanceJob(long id, UUID cursor, int bets, boolean done, Instant now) {
        sql.update("UPDATE sportsbook.settlement_jobs SET cursor_bet = ?, bets_done = bets_done + ?, started_at = "
                + "coalesce(started_at, ?), done_at = ? WHERE id = ?", cursor, bets, now, done ? now : null, id);
    }

    /** Unfinished jobs, and when the oldest of them was written. */
    public record JobBacklog(long jobs, Instant oldest) {
    }

    public JobBacklog jobBacklog() {
        return sql.one("SELECT count(*), min(created_at) FROM sportsbook.settlement_jobs WHERE done_at IS NULL",
                row -> new JobBacklog(row.getLong(1), Sql.instant(row, "min")), new Object[0]).orElseThrow();
    }

    // ---- cash-outs

    /** A cash-out as stored. */
    public record CashOut(UUID id, UUID betId, int version, long amountMinor, long stakeRemovedPerLine,
            boolean fullClose, String status) {
    }

    /** Writes the cash-out pending, takes its settle version and keeps settlement off the bet until it is done. */
    public void beginCashOut(CashOut cashOut, Instant now) {
        sql.update("INSERT INTO sportsbook.cashouts (id, bet_id, version, amount_minor, stake_removed_per_line, "
                + "full_close, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)", cashOut.id(),
                cashOut.betId(), cashOut.version(), cashOut.amountMinor(), cashOut.stakeRemovedPerLine(),
                cashOut.fullClose(), now);
        sql.update("UPDATE sportsbook.bets SET cashout_pending = true, settle_version = ?, updated_at = ? WHERE id = ?",
                cashOut.version(), now, cashOut.betId());
    }

    /** Reduces (or closes) the bet by the cash-out and marks it done. */
    public void finishCashOut(CashOut cashOut, long stakePerLine, long stake, long maxPayout, long liability,
            String status, Instant now) {
        sql.update("UPDATE sportsbook.bets SET stake_per_line_minor = ?, stake_minor = ?, max_payout_minor = ?, "
                + "liability_minor = ?, cashed_out_minor = cashed_out_minor + ?, status = ?, cashout_pending = false, "
                + "stake_in_ggr = stake_in_ggr OR ?, settled_at = CASE WHEN ? THEN ?::timestamptz ELSE settled_at END, "
                + "updated_at = ? WHERE id = ?", stakePerLine, stake, maxPayout, liability, cashOut.amountMinor(),
                status, cashOut.fullClose(), cashOut.fullClose(), now, now, cashOut.betId());
        sql.update("UPDATE sportsbook.cashouts SET status = 'done', done_at = ? WHERE id = ?", now, cashOut.id());
    }

    public Optional<CashOut> cashOut(UUID id) {
        return sql.one("SELECT id, bet_id, version, amount_minor, stake_removed_per_line, full_close, status FROM "
                + "sportsbook.cashouts WHERE id = ?", BetBook::cashOut, id);
    }

    /** Cash-outs still pending since before {@code before}: a crash came between their steps. */
    public List<UUID> pendingCashOuts(Instant before, int limit) {
        return sql.list("SELECT id FROM sportsbook.cashouts WHERE status = 'pending' AND created_at < ? "
                + "ORDER BY created_at LIMIT ?", row -> row.getObject(1, UUID.class), before, limit);
    }

    private static CashOut cashOut(ResultSet row) throws SQLException {
        return new CashOut(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getInt(3), row.getLong(4),
                row.getLong(5), row.getBoolean(6), row.getString(7));
    }

    /** A settlement job as ops see it. */
    public record JobView(long id, String kind, String eventId, int marketTypeId, String specifiers, int part,
            int parts, long betsDone, Instant createdAt, Instant startedAt, Instant doneAt) {
    }

    /** The newest jobs first, each part on its own (those of one event when given). */
    public List<JobView> jobs(String eventId, int limit) {
        return sql.list("SELECT id, kind, event_id, type_id, specifiers, part, parts, bets_done, created_at, "
                + "started_at, done_at FROM sportsbook.settlement_jobs WHERE (?::text IS NULL OR event_id = ?::text) "
                + "ORDER BY id DESC LIMIT ?", row -> new JobView(row.getLong(1), row.getString(2), row.getString(3),
                        row.getInt(4), row.getString(5), row.getInt(6), row.getInt(7), row.getLong(8),
                        Sql.instant(row, "created_at"), Sql.instant(row, "started_at"), Sql.instant(row, "done_at")),
                eventId, eventId, limit);
    }

    // ---- stake sweeps

    /** A sweep of settled stakes of one brand and currency from stakes_held to sportsbook_ggr. */
    public record StakeSweep(UUID id, String brand, String currency, long amountMinor, int bets, String status) {
    }

    /** Brands and currencies with settled bets whose stake is still in stakes_held and in no sweep. */
    public List<String[]> unsweptStakes() {
        return sql.list("SELECT DISTINCT brand, currency FROM sportsbook.bets WHERE status IN ('settled', 'voided') "
                + "AND NOT stake_in_ggr AND stake_sweep IS NULL", row -> new String[] {row.getString(1),
                    row.getString(2)});
    }

    /** Marks up to {@code limit} such bets of the brand and currency as this sweep's and writes the sweep pending. */
    public StakeSweep beginSweep(UUID id, String brand, String currency, int limit, Instant now) {
        long[] totals = sql.one("WITH swept AS (UPDATE sportsbook.bets SET stake_sweep = ? WHERE id IN (SELECT id FROM "
                + "sportsbook.bets WHERE brand = ? AND currency = ? AND status IN ('settled', 'voided') "
                + "AND NOT stake_in_ggr AND stake_sweep IS NULL LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING stake_minor) "
                + "SELECT coalesce(sum(stake_minor), 0), count(*) FROM swept", row -> new long[] {row.getLong(1),
                    row.getLong(2)}, id, brand, currency, limit).orElseThrow();
        sql.update("INSERT INTO sportsbook.stake_sweeps (id, brand, currency, amount_minor, bets, status, created_at) "
                + "VALUES (?, ?, ?, ?, ?, 'pending', ?)", id, brand, currency, totals[0], (int) totals[1], now);
        return new StakeSweep(id, brand, currency, totals[0], (int) totals[1], "pending");
    }

    public Optional<StakeSweep> sweep(UUID id) {
        return sql.one("SELECT id, brand, currency, amount_minor, bets, status FROM sportsbook.stake_sweeps WHERE id = ?",
                row -> new StakeSweep(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getLong(4),
                        row.getInt(5), row.getString(6)), id);
    }

    /** The sweep's money moved: its bets' stakes are in sportsbook_ggr. */
    public void finishSweep(UUID id, Instant now) {
        sql.update("UPDATE sportsbook.bets SET stake_in_ggr = true, stake_sweep = NULL WHERE stake_sweep = ?", id);
        sql.update("UPDATE sportsbook.stake_sweeps SET status = 'done', done_at = ? WHERE id = ?", now, id);
    }

    /** Sweeps still pending since before {@code before}: a crash came between their steps. */
    public List<UUID> pendingSweeps(Instant before) {
        return sql.list("SELECT id FROM sportsbook.stake_sweeps WHERE status = 'pending' AND created_at < ? "
                + "ORDER BY created_at", row -> row.getObject(1, UUID.class), before);
    }
}
