package io.cellbet.sportsbook.bets.application;

import io.cellbet.accounts.api.AccountsApi;
import io.cellbet.accounts.api.PlayerDecision;
import io.cellbet.contracts.config.BetLimits;
import io.cellbet.platform.id.TimeOrderedIds;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.work.BatchSteps;
import io.cellbet.platform.work.BatchWriter;
import io.cellbet.sportsbook.api.BrandBetLimits;
import io.cellbet.sportsbook.bets.domain.BetRejection;
import io.cellbet.sportsbook.bets.domain.BetSlip;
import io.cellbet.sportsbook.bets.domain.OddsPolicy;
import io.cellbet.sportsbook.bets.domain.Selection;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.cellbet.sportsbook.catalog.Catalog;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.WalletApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Places bets. The bet writer (thread {@code bet-writer}, {@code bet-writer-<n>} when configured with more) takes the
 * placements waiting, up to {@value #WRITES_BATCH_MAX}, and, in one transaction, checks them first, writing nothing:
 * the key was not used, the player may stake, every selection is on sale at acceptable odds, the stake and payout are
 * within the sport's limits (what the checks read, it reads for the whole batch, in one round trip: one statement each
 * for the keys and stake factors, the players and their limits, and the quotes). Then, for those that passed ({@link
 * BetTransitions#writeAndStake}), it locks the cell's exposure rows they raise and keeps each bet only while every one
 * of its rows stays within its cap; takes their stakes through the wallet (a prematch stake moves from the player's
 * cash to the brand's {@code stakes_held}, a live one is reserved, under the key {@code bet:<id>:stake}); and writes
 * them as their stakes left them ({@code open}, a live bet {@code pending} until its delay is over, or, a stake
 * refused, {@code rejected}), with their exposure and events. The same transactions open the live bets whose delay is
 * over ({@link #openAfterDelay}), so that nothing else holds the accounts the writer locks. A bet stands with its stake
 * or not at all: a crash leaves nothing of the batch. Bets left {@code placing} by a cell of an earlier version are
 * resolved by {@link BetRecovery}.
 */
@ApplicationScoped
public class BetPlacement {

    private static final Logger LOG = Logger.getLogger(BetPlacement.class);

    /** How a placement ended. */
    public sealed interface Outcome {
        /** The bet as it now stands (open, pending, or rejected after it was written); replayed for a repeated key. */
        record Placed(BetBook.StoredBet bet, boolean replayed) implements Outcome {
        }

        /** Refused before anything was written. */
        record Refused(BetRejection reason, String detail) implements Outcome {
        }

        /** The key was used by this player for another slip. */
        record KeyReused(UUID betId) implements Outcome {
        }
    }

    /** Players whose cash account a replica keeps at most. */
    private static final int CASH_ACCOUNTS_KEPT_MAX = 100_000;
    /** Bets written in one transaction at most. */
    static final int WRITES_BATCH_MAX = 256;
    /** Live bets opened by one piece of the bet writer's work at most. */
    static final int OPENED_PER_WORK_MAX = 64;
    /** Bets waiting to be written at most; more are refused ({@code CELL_BUSY}) with nothing written. */
    static final int WRITES_WAITING_MAX = 10_000;

    private final BetBook book;
    private final BrandQuotes quotes;
    private final Map<String, CashAccount> cashAccounts = new ConcurrentHashMap<>();
    private final AccountsApi accounts;
    private final WalletApi wallet;
    private final BrandBetLimits limits;
    private final BetTransitions transitions;
    private final Clock clock;
    private final Outbox outbox;
    private final BatchWriter<Work, Done> writer;
    private final BatchSteps steps;
    private final Duration answerTimeout;

    public BetPlacement(BetBook book, BrandQuotes quotes, AccountsApi accounts, WalletApi wallet, BrandBetLimits limits,
            BetTransitions transitions, Outbox outbox, BetsConfig config, Clock clock, MeterRegistry metrics) {
        this.writer = new BatchWriter<>("bet-writer", config.writers(), WRITES_BATCH_MAX, WRITES_WAITING_MAX,
                this::writeAll);
        this.book = book;
        this.quotes = quotes;
        this.accounts = accounts;
        this.wallet = wallet;
        this.limits = limits;
        this.transitions = transitions;
        this.outbox = outbox;
        this.clock = clock;
        this.answerTimeout = config.walletTimeout();
        this.steps = new BatchSteps(metrics, "cellbet.sportsbook.bets.batch", "bet batch", config.slowBatch(), List.of(
                new BatchSteps.Step("checks", "Reading what a bet batch's checks need (keys, players, quotes) and "
                        + "checking its bets"),
                new BatchSteps.Step("write", "Locking a bet batch's exposure, taking its stakes and writing its bets"),
                new BatchSteps.Step("commit", "Writing a bet batch's events and committing (the flush of the "
                        + "write-ahead log)")));
    }

    void start(@Observes StartupEvent startup) {
        writer.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        writer.stop();
    }

    /** What the bet writer is given: a placement, or live bets to open. */
    private sealed interface Work {
    }

    /** A placement asked for, as the request gave it. */
    private record Asked(String brand, UUID playerId, BetSlip slip, String hash, String correlationId)
            implements Work {
    }

    /** Live bets whose delay is over and whose checks passed again, to open. */
    private record Opening(List<UUID> betIds) implements Work {
    }

    /** How the bet writer answers a piece of work. */
    private sealed interface Done {
    }

    private record PlacementDone(Outcome outcome) implements Done {
    }

    /** The bets of the opening that could not be opened (their reservation expired), to be rejected. */
    private record OpeningDone(List<BetBook.StoredBet> notOpened) implements Done {
    }

    /**
     * Queues the placement for the bet writer; completes, on the writer's thread, once the batch holding it is written
     * or refused. A placement the writer cannot take (too many waiting, or the cell stopping) is refused {@code
     * CELL_BUSY} with nothing written; one not answered within the wallet timeout fails (its bet, if the writer gets to
     * it, stands with its stake, and a retry with the same key answers it).
     */
    public CompletionStage<Outcome> place(String brand, UUID playerId, BetSlip slip) {
        return writer.submit(new Asked(brand, playerId, slip, hash(slip), outbox.currentCorrelationId().orElse(null)))
                .orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .<Outcome>thenApply(done -> ((PlacementDone) done).outcome())
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof RejectedExecutionException) {
                        return new Outcome.Refused(BetRejection.CELL_BUSY, "The cell has more bets waiting to be "
                                + "written than it takes; nothing was written. Retry with the same key.");
                    }
                    throw new IllegalStateException("the bet writer did not answer", cause);
                });
    }

    /**
     * Opens live bets whose delay is over and whose checks passed again ({@link BetTransitions#recheckAfterDelay}):
     * the bet writer opens them, {@value #OPENED_PER_WORK_MAX} to a piece of work, in the transactions in which it
     * writes new bets, their reservations posted in its ledger batch. Opened apart, in transactions of their own, they
     * held the players' accounts and the brand's {@code stakes_held} until their commit, and the writer waited for them
     * (ops/README.md, bets). Waits for the writer; a bet whose reservation could no longer be posted is rejected. A
     * bet the writer did not get to stays pending, for the next round.
     */
    public void openAfterDelay(List<UUID> accepted) {
        List<CompletableFuture<Done>> opened = new ArrayList<>();
        for (int from = 0; from < accepted.size(); from += OPENED_PER_WORK_MAX) {
            opened.add(writer.submit(new Opening(List.copyOf(accepted.subList(from, Math.min(accepted.size(),
                    from + OPENED_PER_WORK_MAX))))).orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        for (CompletableFuture<Done> lot : opened) {
            try {
                transitions.rejectNotOpened(((OpeningDone) lot.join()).notOpened());
            } catch (CompletionException e) {
                LOG.warnf(e.getCause(), "opening live bets failed; retried on the next round");
            }
        }
    }

    /**
     * The bet writer's batch: the placements checked and written, and the live bets opened, in one transaction.
     */
    private List<Done> writeAll(List<Work> work) {
        List<Asked> asked = new ArrayList<>();
        List<Opening> openings = new ArrayList<>();
        for (Work piece : work) {
            if (piece instanceof Asked placement) {
                asked.add(placement);
            } else {
                openings.add((Opening) piece);
            }
        }
        // Distinct: a lot given again after its answer timed out can meet its first giving in one batch.
        List<UUID> toOpen = openings.stream().flatMap(opening -> opening.betIds().stream()).distinct().toList();
        List<BetBook.StoredBet> notOpened = new ArrayList<>();
        List<Outcome> placed = placeAll(asked, toOpen, notOpened);
        List<Done> done = new ArrayList<>(work.size());
        int next = 0;
        for (Work piece : work) {
            if (piece instanceof Opening opening) {
                done.add(new OpeningDone(notOpened.stream().filter(bet -> opening.betIds().contains(bet.id()))
                        .toList()));
            } else {
                done.add(new PlacementDone(placed.get(next++)));
            }
        }
        return done;
    }

    /**
     * Checks the placements waiting and writes those that pass, in one transaction. What the checks read is read for
     * all of them at once, and the three reads go to the database together, in one round trip ({@link
     * io.cellbet.platform.persistence.Sql#later}): the placement keys and stake factors, the players and their limits,
     * and the quotes (not three statements per bet, nor three round trips per batch: on two cores, the round trips
     * were a large part of a bet's cost). A bet whose key another transaction wrote meanwhile rolls the transaction
     * back, stakes and all; the batch is written again without it, on the checks of the first try.
     */
    private List<Outcome> placeAll(List<Asked> asked, List<UUID> toOpen, List<BetBook.StoredBet> notOpened) {
        BatchSteps.Timing timing = steps.start();
        Outcome[] outcomes = new Outcome[asked.size()];
        List<BetTransitions.Placement> toWrite = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Set<UUID> keysRaced = new HashSet<>();
        BetTransitions.BatchWritten written;
        while (true) {
            Set<UUID> raced = Set.copyOf(keysRaced);
            try {
                written = QuarkusTransaction.requiringNew().call(() -> {
                    // The first try checks; a try after a key raced (there is always one) writes what it checked.
                    if (raced.isEmpty()) {
                        checkAll(asked, outcomes, toWrite, positions);
                        timing.ended(0);
                    }
                    if (toWrite.isEmpty() && toOpen.isEmpty()) {
                        return null;
                    }
                    BetTransitions.BatchWritten batch = transitions.writeAndStake(toWrite, toOpen, raced);
                    timing.ended(1);
                    return batch;
                });
                break;
            } catch (BetBook.KeyRaced race) {
                keysRaced.addAll(race.betIds());
            }
        }
        if (written != null) {
            notOpened.addAll(written.notOpened());
            for (int j = 0; j < written.placed().size(); j++) {
                outcomes[positions.get(j)] = outcome(asked.get(positions.get(j)), written.placed().get(j));
            }
        }
        timing.finished(asked.size());
        return List.of(outcomes);
    }

    /**
     * Checks the placements, writing nothing: answers replays and refusals into {@code outcomes}, and puts the bets that
     * passed in {@code toWrite}, with their positions in {@code positions}. The three reads are asked for first and
     * read after, so that they are sent together.
     */
    private void checkAll(List<Asked> asked, Outcome[] outcomes, List<BetTransitions.Placement> toWrite,
            List<Integer> positions) {
        if (asked.isEmpty()) {
            return;
        }
        List<UUID> players = asked.stream().map(Asked::playerId).toList();
        Supplier<List<BetBook.KeyAndFactor>> keys = book.keysAndFactors(players, asked.stream()
                .map(placement -> placement.slip().placementKey()).toList());
        long[] stakes = asked.stream().mapToLong(placement -> placement.slip().stakeMinor()).toArray();
        Supplier<List<PlayerDecision>> decisions = accounts.mayStakeAll(players, stakes);
        Supplier<List<Map<String, Catalog.Quote>>> quoted = quotes.ofSlips(asked.stream().map(Asked::brand).toList(),
                asked.stream().map(placement -> placement.slip().selections()).toList());
        // The first read sends all three, in one round trip.
        List<Map<String, Catalog.Quote>> quotesOfSlips = quoted.get();
        List<BetBook.KeyAndFactor> keysOfSlips = keys.get();
        List<PlayerDecision> decisionsOfSlips = decisions.get();
        for (int i = 0; i < asked.size(); i++) {
            Asked placement = asked.get(i);
            Checked checked = check(placement, keysOfSlips.get(i), decisionsOfSlips.get(i), quotesOfSlips.get(i));
            if (checked instanceof Answered answered) {
                outcomes[i] = answered.outcome();
            } else {
                toWrite.add(new BetTransitions.Placement(((Passed) checked).bet(), placement.correlationId()));
                positions.add(i);
            }
        }
    }

    /** How a written placement is answered. */
    private Outcome outcome(Asked placement, BetTransitions.Written written) {
        if (written.placing() == BetBook.Placing.CAP_REACHED) {
            return new Outcome.Refused(BetRejection.LIABILITY_CAP, "The cell's liability on a selection is at its "
                    + "cap.");
        }
        if (written.placing() == BetBook.Placing.KEY_USED) {
            // The same key placed at the same moment by another request: its bet is the answer.
            return book.findByKey(placement.playerId(), placement.slip().placementKey())
                    .map(found -> replay(found, placement.hash()))
                    .orElseGet(() -> new Outcome.Refused(BetRejection.INTERRUPTED, "Placed concurrently; retry."));
        }
        return new Outcome.Placed(written.bet(), false);
    }

    /** What the checks made of a placement: its answer, or the bet to write. */
    private sealed interface Checked {
    }

    /** A replay, or refused: answered without writing. */
    private record Answered(Outcome outcome) implements Checked {
    }

    /** Passed the checks: the bet to write. */
    private record Passed(BetBook.NewBet bet) implements Checked {
    }

    private static Answered refused(BetRejection reason, String detail) {
        return new Answered(new Outcome.Refused(reason, detail));
    }

    /** The checks, which write nothing. */
    private Checked check(Asked placement, BetBook.KeyAndFactor keyAndFactor, PlayerDecision decision,
            Map<String, Catalog.Quote> quoted) {
        if (keyAndFactor.earlier().isPresent()) {
            return new Answered(replay(keyAndFactor.earlier().get(), placement.hash()));
        }
        BetSlip slip = placement.slip();
        String brand = placement.brand();
        UUID playerId = placement.playerId();
        long stake = slip.stakeMinor();
        if (!decision.allowed()) {
            return refused(BetRejection.PLAYER_RESTRICTED, decision.reason() + ": " + decision.detail());
        }
        Optional<CashAccount> cash = cashAccount(brand, playerId);
        if (cash.isEmpty()) {
            return refused(BetRejection.NO_WALLET, "The player has no cash account held by this cell.");
        }
        String currency = cash.get().currency();
        Instant now = clock.instant();
        Priced priced = price(slip, quoted, now);
        if (priced.refusal != null) {
            return new Answered(priced.refusal);
        }
        BetLimits brandLimits = limits.limits(brand);
        // The strictest limits of the sports the bet touches.
        long minStake = 0;
        long maxStake = Long.MAX_VALUE;
        long maxPayout = Long.MAX_VALUE;
        int delaySeconds = 0;
        for (BetBook.StoredLeg leg : priced.legs) {
            BetLimits.Limits sport = brandLimits.forSport(leg.sportId());
            minStake = Math.max(minStake, sport.minStakeMinor());
            maxStake = Math.min(maxStake, sport.maxStakeMinor());
            maxPayout = Math.min(maxPayout, sport.maxPayoutMinor());
            if (leg.live()) {
                delaySeconds = Math.max(delaySeconds, sport.liveDelaySeconds());
            }
        }
        if (slip.stakePerLineMinor() < minStake) {
            return refused(BetRejection.STAKE_TOO_LOW, "The stake per line is below the minimum of "
                    + minStake + " minor units.");
        }
        BigDecimal factor = keyAndFactor.stakeFactor();
        long playerMax = BigDecimal.valueOf(maxStake).multiply(factor).setScale(0, RoundingMode.DOWN).longValue();
        if (stake > playerMax) {
            return refused(BetRejection.STAKE_TOO_HIGH, "The stake is above the maximum of " + playerMax
                    + " minor units.");
        }
        List<BigDecimal> odds = priced.legs.stream().map(BetBook.StoredLeg::odds).toList();
        long potential = BetSlip.maxPayoutMinor(slip.shape(), slip.stakePerLineMinor(), odds);
        if (potential > maxPayout) {
            return refused(BetRejection.PAYOUT_TOO_HIGH, "The bet could pay " + potential
                    + " minor units, above the maximum payout of " + maxPayout + ".");
        }
        long liability = Math.max(0, potential - stake);
        List<BetBook.ExposureClaim> claims = claims(brandLimits, priced.legs, liability, stake);
        for (BetBook.ExposureClaim claim : claims) {
            if (claim.liabilityMinor() > claim.capMinor()) {
                return refused(BetRejection.LIABILITY_CAP, "The bet alone passes the " + claim.scope()
                        + " liability cap.");
            }
        }
        boolean live = delaySeconds > 0;
        UUID betId = TimeOrderedIds.next();
        BetBook.StoredBet bet = new BetBook.StoredBet(betId, brand, playerId, currency, slip.placementKey(),
                placement.hash(), slip.shape().name(), (int) slip.shape().lineCount(), slip.stakePerLineMinor(), stake,
                potential, liability, slip.oddsPolicy().code(), BetStatus.PLACING, null, live,
                live ? now.plusSeconds(delaySeconds).truncatedTo(ChronoUnit.MICROS) : null, cash.get().id(), null,
                BetStatus.STAKE_NONE, false, 0, 0, 0, 0, now.truncatedTo(ChronoUnit.MICROS), null,
                now.truncatedTo(ChronoUnit.MICROS), false, null, priced.legs);
        return new Passed(new BetBook.NewBet(bet, claims));
    }

    /** The player's cash account and its currency. */
    private record CashAccount(long id, String currency) {
    }

    /**
     * The player's cash account in their currency. Neither ever changes once the account exists, so it is asked for
     * once per player and then kept (a bounded map, emptied when full).
     */
    private Optional<CashAccount> cashAccount(String brand, UUID playerId) {
        String key = brand + "/" + playerId;
        CashAccount known = cashAccounts.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        String currency = accounts.player(playerId).map(player -> player.currency()).orElse(null);
        Optional<CashAccount> found = currency == null ? Optional.empty()
                : wallet.playerAccounts(brand, playerId.toString()).stream()
                        .filter(account -> account.kind() == AccountKind.CASH && account.currency().equals(currency))
                        .findFirst().map(account -> new CashAccount(account.id(), currency));
        if (found.isPresent()) {
            if (cashAccounts.size() >= CASH_ACCOUNTS_KEPT_MAX) {
                cashAccounts.clear();
            }
            cashAccounts.put(key, found.get());
        }
        return found;
    }

    private Outcome replay(BetBook.StoredBet bet, String hash) {
        return bet.requestHash().equals(hash) ? new Outcome.Placed(bet, true) : new Outcome.KeyReused(bet.id());
    }

    /** Exposure rows a bet raises: for each leg its outcome, market and event, with the caps of the leg's sport. */
    static List<BetBook.ExposureClaim> claims(BetLimits brandLimits, List<BetBook.StoredLeg> legs, long liability,
            long stake) {
        List<BetBook.ExposureClaim> claims = new ArrayList<>();
        for (BetBook.StoredLeg leg : legs) {
            BetLimits.Limits sport = brandLimits.forSport(leg.sportId());
            claims.add(new BetBook.ExposureClaim("outcome", leg.outcomeKey(), liability, stake,
                    sport.outcomeLiabilityCapMinor()));
            claims.add(new BetBook.ExposureClaim("market", leg.marketKey(), liability, stake,
                    sport.marketLiabilityCapMinor()));
            claims.add(new BetBook.ExposureClaim("event", leg.eventId(), liability, stake,
                    sport.eventLiabilityCapMinor()));
        }
        return claims;
    }

    /** The legs at the odds the bet takes now, or why it cannot be taken. */
    private record Priced(List<BetBook.StoredLeg> legs, Outcome.Refused refusal) {
    }

    static Priced price(BetSlip slip, Map<String, Catalog.Quote> quotes, Instant now) {
        List<BetBook.StoredLeg> legs = new ArrayList<>();
        for (int i = 0; i < slip.selections().size(); i++) {
            Selection selection = slip.selections().get(i);
            Catalog.Quote quote = quotes.get(selection.outcomeKey());
            Optional<Outcome.Refused> refused = check(selection, quote, slip.oddsPolicy(), now);
            if (refused.isPresent()) {
                return new Priced(null, refused.get());
            }
            legs.add(new BetBook.StoredLeg(i, selection.eventId(), quote.sportId(), selection.marketTypeId(),
                    selection.specifiers(), selection.outcomeId(), quote.odds(), "live".equals(quote.eventStatus()),
                    false));
        }
        return new Priced(legs, null);
    }

    /** Why the selection cannot be bet on now at the player's policy, if it cannot. */
    static Optional<Outcome.Refused> check(Selection selection, Catalog.Quote quote, OddsPolicy policy,
            Instant now) {
        if (quote == null || quote.sportId() == 0) {
            return Optional.of(new Outcome.Refused(BetRejection.UNKNOWN_SELECTION, "No outcome "
                    + selection.outcomeKey() + " is on offer."));
        }
        boolean live = "live".equals(quote.eventStatus());
        boolean prematch = "not_started".equals(quote.eventStatus())
                && (quote.startTime() == null || quote.startTime() > now.toEpochMilli());
        if (!live && !prematch) {
            return Optional.of(new Outcome.Refused(BetRejection.EVENT_STARTED, "Event " + selection.eventId()
                    + " is " + quote.eventStatus() + " and takes no bets."));
        }
        if (!"active".equals(quote.marketStatus()) || !Boolean.TRUE.equals(quote.active()) || quote.odds() == null) {
            return Optional.of(new Outcome.Refused(BetRejection.MARKET_SUSPENDED, "Outcome " + selection.outcomeKey()
                    + " is not taking bets (market " + quote.marketStatus() + ")."));
        }
        if (!policy.accepts(selection.odds(), quote.odds())) {
            return Optional.of(new Outcome.Refused(BetRejection.ODDS_CHANGED, "The odds of " + selection.outcomeKey()
                    + " are now " + quote.odds().toPlainString() + ", not " + selection.odds().toPlainString() + "."));
        }
        return Optional.empty();
    }

    /** What makes two slips the same request: everything the player chose. */
    static String hash(BetSlip slip) {
        StringBuilder canonical = new StringBuilder().append(slip.shape().name()).append('|')
                .append(slip.stakePerLineMinor()).append('|').append(slip.oddsPolicy().code());
        for (Selection selection : slip.selections()) {
            canonical.append('|').append(selection.outcomeKey()).append('@')
                    .append(selection.odds().stripTrailingZeros().toPlainString());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
