package io.cellbet.accounts.application;

import io.cellbet.accounts.api.Player;
import io.cellbet.accounts.api.PlayerBrands;
import io.cellbet.accounts.config.AccountsConfig;
import io.cellbet.accounts.domain.RegistrationRules;
import io.cellbet.accounts.persistence.Players;
import io.cellbet.contracts.accounts.PlayerRegistered;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.problem.Problem.FieldError;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registers players: checks the application, hashes the password, then in one transaction writes
 * the player, opens its wallet accounts (cash and bonus, in its currency, for brands whose money
 * Cellbet holds), records the audit row and the {@code PlayerRegistered} event for the directory.
 */
@ApplicationScoped
public class Registrations {

    /** How a registration ended. */
    public sealed interface Outcome {
        record Registered(Player player) implements Outcome {
        }

        record Invalid(List<FieldError> errors) implements Outcome {
        }

        record UnknownBrand(String brand) implements Outcome {
        }

        /** Another player of the brand has this e-mail, username or external id. */
        record LoginNameTaken(String field) implements Outcome {
        }
    }

    private final Players players;
    private final PlayerBrands brands;
    private final PasswordHashing passwords;
    private final WalletApi wallet;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final AccountsConfig config;
    private final Clock clock;
    private final String cellId;

    public Registrations(Players players, PlayerBrands brands, PasswordHashing passwords, WalletApi wallet,
            AuditTrail audit, Outbox outbox, AccountsConfig config, Clock clock,
            @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.players = players;
        this.brands = brands;
        this.passwords = passwords;
        this.wallet = wallet;
        this.audit = audit;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.cellId = cellId;
    }

    public Outcome register(String brand, RegistrationRules.Application application) {
        Optional<PlayerBrands.Terms> terms = brands.find(brand);
        if (terms.isEmpty()) {
            return new Outcome.UnknownBrand(brand);
        }
        List<FieldError> errors = RegistrationRules.check(application, LocalDate.now(clock), config.minimumAge(),
                terms.get().currencies());
        if (!errors.isEmpty()) {
            return new Outcome.Invalid(errors);
        }
        String passwordHash = passwords.hash(application.password());
        // Taken after the hash, which can take a while under load: the row's time is the write's.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Players.NewPlayer player = new Players.NewPlayer(UUID.randomUUID(), brand, application.email(),
                application.username(), passwordHash, LocalDate.parse(application.dateOfBirth()), application.country(),
                application.currency(), application.email() == null ? null
                        : PlayerRegistered.personDigest(application.email(), LocalDate.parse(application.dateOfBirth())),
                now, null);
        return QuarkusTransaction.requiringNew().call(() -> enrol(player, terms.get(), "self-registration"));
    }

    /**
     * Writes a new player as every way in does (registration, a brand's launch token): the player,
     * its wallet accounts when Cellbet holds the brand's money, the audit row and the
     * {@code PlayerRegistered} event. Runs in the caller's transaction; a name the brand's players
     * already have writes nothing and is answered as {@link Outcome.LoginNameTaken}.
     *
     * @param reason  why the player was created, for the audit trail
     */
    Outcome enrol(Players.NewPlayer player, PlayerBrands.Terms terms, String reason) {
        String brand = player.brand();
        Optional<Players.Taken> taken = players.insert(player);
        if (taken.isPresent()) {
            return new Outcome.LoginNameTaken(switch (taken.get()) {
                case EMAIL -> "email";
                case USERNAME -> "username";
                case EXTERNAL_ID -> "externalPlayerId";
            });
        }
        if (terms.internalWallet()) {
            String playerId = player.id().toString();
            wallet.openPlayerAccount(brand, playerId, AccountKind.CASH, player.currency());
            wallet.openPlayerAccount(brand, playerId, AccountKind.BONUS, player.currency());
        }
        Player registered = players.find(player.id()).orElseThrow().player();
        audit.record(player.id(), brand, "registered", player.id().toString(), reason, null, registered);
        List<String> digests = new ArrayList<>();
        for (String name : new String[] {player.email(), player.username()}) {
            if (name != null) {
                digests.add(PlayerRegistered.loginNameDigest(brand, name));
            }
        }
        outbox.append(new OutboxMessage(Exchanges.CELL_EVENTS,
                Exchanges.cellEventRoutingKey(cellId, "accounts." + PlayerRegistered.TYPE), "player",
                player.id().toString(), PlayerRegistered.TYPE, PlayerRegistered.SCHEMA_VERSION,
                new PlayerRegistered(player.id(), brand, cellId, player.country(), player.currency(), digests,
                        player.personDigest(), player.createdAt()),
                null));
        return new Outcome.Registered(registered);
    }
}
