package io.cellbet.accounts.application;

import io.cellbet.accounts.api.AccountsApi;
import io.cellbet.accounts.api.Player;
import io.cellbet.accounts.api.PlayerBrands;
import io.cellbet.accounts.api.PlayerDecision;
import io.cellbet.accounts.api.PlayerRestriction;
import io.cellbet.accounts.config.AccountsConfig;
import io.cellbet.accounts.domain.Limit;
import io.cellbet.accounts.persistence.Players;
import io.cellbet.contracts.accounts.ExcludePerson;
import io.cellbet.contracts.accounts.PersonSelfExcluded;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.wallet.api.Account;
import io.cellbet.wallet.api.AccountActivity;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Responsible gambling: limits, time-outs, self-exclusion, session settings, and the checks
 * ({@link AccountsApi}) that enforce them. Every change is audited in its transaction.
 *
 * <p>A self-exclusion is also announced ({@code PersonSelfExcluded}); the control plane sends
 * {@code ExcludePerson} to every cell holding the same person in another brand, and
 * {@link #applyExclusion} applies it there. Exclusions and time-outs only ever lengthen.
 */
@ApplicationScoped
public class ResponsibleGambling implements AccountsApi {

    /** Shortest and longest time-out a player can take. */
    public static final Duration TIME_OUT_MIN = Duration.ofHours(1);
    public static final Duration TIME_OUT_MAX = Duration.ofDays(42);
    /** Self-exclusion periods a player can choose. */
    public static final List<String> EXCLUSION_PERIODS = List.of("6m", "1y", "5y", "permanent");

    private final Players players;
    private final PlayerBrands brands;
    private final WalletApi wallet;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final AccountsConfig config;
    private final Clock clock;
    private final String cellId;

    public ResponsibleGambling(Players players, PlayerBrands brands, WalletApi wallet, AuditTrail audit, Outbox outbox,
            AccountsConfig config, Clock clock, @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.players = players;
        this.brands = brands;
        this.wallet = wallet;
        this.audit = audit;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.cellId = cellId;
    }

    // ---- limits

    /** The player's limits with any change whose cooling-off has passed applied (and audited). */
    public List<Limit> limits(UUID playerId) {
        return inForce(playerId, players.limits(playerId, false));
    }

    /** The limits as stored, or, when a change's cooling-off has passed, as they are once it is applied. */
    private List<Limit> inForce(UUID playerId, List<Limit> stored) {
        Instant now = now();
        if (stored.stream().noneMatch(limit -> limit.hasPending() && !limit.pendingEffectiveAt().isAfter(now))) {
            return stored;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Player player = players.lock(playerId).orElseThrow().player();
            List<Limit> settled = new ArrayList<>();
            for (Limit limit : players.limits(playerId, true)) {
                Limit after = limit.settledAt(now);
                if (!after.equals(limit)) {
                    players.saveLimit(playerId, after, now);
                    audit.record(playerId, player.brand(), "limit-change-applied", AuditTrail.SYSTEM,
                            "cooling-off ended", limit, after);
                }
                if (after.amountMinor() != null || after.hasPending()) {
                    settled.add(after);
                }
            }
            return settled;
        });
    }

    /** Sets a limit: lower or new at once, higher after the brand's cooling-off. */
    public Limit.Changed setLimit(UUID playerId, String kind, String period, long amountMinor) {
        return changeLimit(playerId, kind, period, "limit-set",
                (limit, now, coolingOff) -> limit.set(amountMinor, now, coolingOff));
    }

    /** Removes a limit after the brand's cooling-off. */
    public Limit.Changed removeLimit(UUID playerId, String kind, String period) {
        return changeLimit(playerId, kind, period, "limit-removal", Limit::remove);
    }

    private interface LimitRequest {
        Limit.Changed apply(Limit limit, Instant now, Duration coolingOff);
    }

    private Limit.Changed changeLimit(UUID playerId, String kind, String period, String action, LimitRequest request) {
        limits(playerId);
        Instant now = now();
        return QuarkusTransaction.requiringNew().call(() -> {
            Player player = players.lock(playerId).orElseThrow().player();
            Limit current = players.limits(playerId, true).stream()
                    .filter(limit -> limit.kind().equals(kind) && limit.period().equals(period)).findFirst()
                    .orElse(Limit.none(kind, period));
            Limit.Changed changed = request.apply(current, now, coolingOff(player.brand()));
            if (changed.change() != Limit.Change.NONE) {
                players.saveLimit(playerId, changed.limit(), now);
                audit.record(playerId, player.brand(), action + (changed.change() == Limit.Change.PENDING
                        ? "-pending" : ""), playerId.toString(), null, current, changed.limit());
            }
            return changed;
        });
    }

    private Duration coolingOff(String brand) {
        return config.limits().coolingOffByBrand().getOrDefault(brand, config.limits().coolingOff());
    }

    // ---- time-outs, exclusions, session settings

    /** Times the player out for {@code duration}; a time-out ending earlier than one in force changes nothing. */
    public Player timeOut(UUID playerId, Duration duration) {
        Instant now = now();
        return QuarkusTransaction.requiringNew().call(() -> {
            Players.StoredPlayer stored = players.lock(playerId).orElseThrow();
            Player before = stored.player();
            Instant until = now.plus(duration);
            if (before.timedOutUntil() != null && before.timedOutUntil().isAfter(until)) {
                return before;
            }
            players.updateRestrictions(playerId, until, before.excludedUntil(), before.excludedPermanently(), now);
            Player after = players.find(playerId).orElseThrow().player();
            audit.record(playerId, before.brand(), "timed-out", playerId.toString(), "for " + duration.toHours()
                    + " h", restrictions(before), restrictions(after));
            return after;
        });
    }

    /**
     * Excludes the player for a period ({@code 6m}, {@code 1y}, {@code 5y}) or for good, and
     * announces it so the same person is excluded in the operator's other brands.
     */
    public Player selfExclude(UUID playerId, String period) {
        Instant now = now();
        boolean permanent = "permanent".equals(period);
        Instant until = permanent ? null : switch (period) {
            case "6m" -> now.atOffset(ZoneOffset.UTC).plusMonths(6).toInstant();
            case "1y" -> now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant();
            case "5y" -> now.atOffset(ZoneOffset.UTC).plusYears(5).toInstant();
            default -> throw new IllegalArgumentException("unknown exclusion period " + period);
        };
        return QuarkusTransaction.requiringNew().call(() -> {
            Players.StoredPlayer stored = players.lock(playerId).orElseThrow();
            Player after = exclude(stored, until, permanent, now, playerId.toString(), "self-exclusion " + period);
            if (stored.personDigest() != null) {
                outbox.append(new OutboxMessage(Exchanges.CELL_EVENTS,
                        Exchanges.cellEventRoutingKey(cellId, "accounts." + PersonSelfExcluded.TYPE), "player",
                        playerId.toString(), PersonSelfExcluded.TYPE, PersonSelfExcluded.SCHEMA_VERSION,
                        new PersonSelfExcluded(playerId, after.brand(), cellId, stored.personDigest(),
                                after.excludedPermanently() ? null : after.excludedUntil(),
                                after.excludedPermanently(), now), null));
            }
            return after;
        });
    }

    /** Applies the control plane's {@code ExcludePerson} to this cell's players who are that person; idempotent. */
    public int applyExclusion(ExcludePerson command) {
        Instant now = now();
        int changed = 0;
        for (Players.StoredPlayer stored : players.lockPerson(command.personDigest())) {
            Player before = stored.player();
            Player after = exclude(stored, command.excludedUntil(), command.permanent(), now, "control-plane",
                    "self-excluded in brand " + command.sourceBrand());
            changed += after.equals(before) ? 0 : 1;
        }
        return changed;
    }

    private Player exclude(Players.StoredPlayer stored, Instant until, boolean permanent, Instant now, String actor,
            String reason) {
        Player before = stored.player();
        boolean longer = !before.excludedPermanently() && (permanent || before.excludedUntil() == null
                || until.isAfter(before.excludedUntil()));
        if (!longer) {
            return before;
        }
        players.updateRestrictions(before.id(), before.timedOutUntil(), permanent ? null : until, permanent, now);
        // A session of an excluded player may only withdraw: end its sessions, it logs in again.
        players.revokePlayerSessions(before.id(), now, "self-excluded");
        Player after = players.find(before.id()).orElseThrow().player();
        audit.record(before.id(), before.brand(), "self-excluded", actor, reason, restrictions(before),
                restrictions(after));
        return after;
    }

    /** Sets the session time limit and reality-check interval (minutes; null clears). */
    public void sessionSettings(UUID playerId, Integer sessionLimitMinutes, Integer realityCheckMinutes) {
        Instant now = now();
        QuarkusTransaction.requiringNew().run(() -> {
            Players.StoredPlayer stored = players.lock(playerId).orElseThrow();
            Map<String, Object> before = players.sessionSettings(playerId);
            players.updateSessionSettings(playerId, sessionLimitMinutes, realityCheckMinutes, now);
            audit.record(playerId, stored.player().brand(), "session-settings", playerId.toString(), null, before,
                    players.sessionSettings(playerId));
        });
    }

    public Map<String, Object> sessionSettings(UUID playerId) {
        return players.sessionSettings(playerId);
    }

    // ---- AccountsApi

    @Override
    public Optional<Player> player(UUID playerId) {
        return players.find(playerId).map(Players.StoredPlayer::player);
    }

    @Override
    public PlayerDecision mayStake(UUID playerId, long amountMinor) {
        return mayStakeAll(List.of(playerId), new long[] {amountMinor}).get().get(0);
    }

    @Override
    public Supplier<List<PlayerDecision>> mayStakeAll(List<UUID> playerIds, long[] amountsMinor) {
        // Asked for by every bet: the players and their limits in one query.
        Supplier<Map<UUID, Players.PlayerAndLimits>> read = players.findAllWithLimits(playerIds);
        long[] amounts = amountsMinor.clone();
        return () -> {
            Map<UUID, Players.PlayerAndLimits> stored = read.get();
            List<PlayerDecision> decisions = new ArrayList<>(playerIds.size());
            for (int i = 0; i < playerIds.size(); i++) {
                decisions.add(mayStake(playerIds.get(i), Optional.ofNullable(stored.get(playerIds.get(i))),
                        amounts[i]));
            }
            return decisions;
        };
    }

    private PlayerDecision mayStake(UUID playerId, Optional<Players.PlayerAndLimits> stored, long amountMinor) {
        Optional<Player> found = stored.map(row -> row.stored().player());
        Optional<PlayerDecision> status = found.isEmpty() ? Optional.of(unknown(playerId)) : statusRefusal(found.get())
                .or(() -> kycRefusal(found.get(), BrandConfig.KYC_BEFORE_PLAY));
        if (status.isPresent()) {
            return status.get();
        }
        for (Limit limit : inForce(playerId, stored.get().limits())) {
            if (limit.amountMinor() == null || limit.kind().equals("deposit")) {
                continue;
            }
            Optional<AccountActivity> activity = activity(found.get(), limit.period());
            if (activity.isEmpty()) {
                continue;
            }
            long wagered = activity.get().debited(STAKE);
            long lost = wagered - activity.get().credited(WIN) - activity.get().credited(REFUND);
            long used = limit.kind().equals("wager") ? wagered : Math.max(0, lost);
            if (used + amountMinor > limit.amountMinor()) {
                return PlayerDecision.refused(limit.kind().equals("wager") ? PlayerRestriction.WAGER_LIMIT
                        : PlayerRestriction.LOSS_LIMIT, "A stake of " + amountMinor + " would pass the " + limit.period()
                        + "ly " + limit.kind() + " limit of " + limit.amountMinor() + " (" + used + " used).");
            }
        }
        return PlayerDecision.ALLOWED;
    }

    @Override
    public PlayerDecision mayDeposit(UUID playerId, long amountMinor) {
        Optional<Player> found = player(playerId);
        Optional<PlayerDecision> status = found.isEmpty() ? Optional.of(unknown(playerId)) : statusRefusal(found.get())
                .or(() -> kycRefusal(found.get(), BrandConfig.KYC_BEFORE_DEPOSIT))
                .or(() -> kycRefusal(found.get(), BrandConfig.KYC_BEFORE_PLAY));
        if (status.isPresent()) {
            return status.get();
        }
        for (Limit limit : limits(playerId)) {
            if (limit.amountMinor() == null || !limit.kind().equals("deposit")) {
                continue;
            }
            Optional<AccountActivity> activity = activity(found.get(), limit.period());
            long deposited = activity.map(a -> a.credited(DEPOSIT)).orElse(0L);
            if (deposited + amountMinor > limit.amountMinor()) {
                return PlayerDecision.refused(PlayerRestriction.DEPOSIT_LIMIT, "A deposit of " + amountMinor
                        + " would pass the " + limit.period() + "ly deposit limit of " + limit.amountMinor() + " ("
                        + deposited + " deposited).");
            }
        }
        return PlayerDecision.ALLOWED;
    }

    @Override
    public PlayerDecision mayWithdraw(UUID playerId) {
        Optional<Player> found = player(playerId);
        if (found.isEmpty()) {
            return unknown(playerId);
        }
        return "closed".equals(found.get().status())
                ? PlayerDecision.refused(PlayerRestriction.ACCOUNT_CLOSED, "The account is closed.")
                : PlayerDecision.ALLOWED;
    }

    private Optional<PlayerDecision> statusRefusal(Player player) {
        Instant now = now();
        if ("suspended".equals(player.status())) {
            return Optional.of(PlayerDecision.refused(PlayerRestriction.ACCOUNT_SUSPENDED, "The account is suspended."));
        }
        if ("closed".equals(player.status())) {
            return Optional.of(PlayerDecision.refused(PlayerRestriction.ACCOUNT_CLOSED, "The account is closed."));
        }
        if (player.excludedPermanently() || player.excludedUntil() != null && player.excludedUntil().isAfter(now)) {
            return Optional.of(PlayerDecision.refused(PlayerRestriction.SELF_EXCLUDED, player.excludedPermanently()
                    ? "The player is self-excluded for good." : "The player is self-excluded until "
                            + player.excludedUntil() + "."));
        }
        if (player.timedOutUntil() != null && player.timedOutUntil().isAfter(now)) {
            return Optional.of(PlayerDecision.refused(PlayerRestriction.TIMED_OUT, "The player is timed out until "
                    + player.timedOutUntil() + "."));
        }
        return Optional.empty();
    }

    /** A refusal when the player's brand has {@code gate} and the player is not verified. */
    private Optional<PlayerDecision> kycRefusal(Player player, String gate) {
        String brandGate = brands.find(player.brand()).map(PlayerBrands.Terms::kycGate).orElse(BrandConfig.KYC_NONE);
        if (!brandGate.equals(gate) || "verified".equals(player.kycStatus())) {
            return Optional.empty();
        }
        return Optional.of(PlayerDecision.refused(PlayerRestriction.KYC_REQUIRED, "Brand " + player.brand()
                + " requires a verified identity first; the player's is " + player.kycStatus() + "."));
    }

    /** The player's cash account activity over the period's window; empty when Cellbet holds no cash for them. */
    private Optional<AccountActivity> activity(Player player, String period) {
        Instant since = now().minus(Limit.window(period));
        return wallet.playerAccounts(player.brand(), player.id().toString()).stream()
                .filter(account -> account.kind() == AccountKind.CASH && account.currency().equals(player.currency()))
                .map(Account::id).findFirst().map(accountId -> wallet.activity(accountId, since));
    }

    private static PlayerDecision unknown(UUID playerId) {
        return PlayerDecision.refused(PlayerRestriction.UNKNOWN_PLAYER, "No player " + playerId + " in this cell.");
    }

    private static Map<String, Object> restrictions(Player player) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("timedOutUntil", player.timedOutUntil());
        state.put("excludedUntil", player.excludedUntil());
        state.put("excludedPermanently", player.excludedPermanently());
        return state;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
