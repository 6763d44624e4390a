package io.cellbet.accounts.rest;

import io.cellbet.accounts.api.Player;
import io.cellbet.accounts.api.PlayerBrands;
import io.cellbet.accounts.application.AccessTokens;
import io.cellbet.accounts.application.AuthRateLimiter;
import io.cellbet.accounts.application.Launches;
import io.cellbet.accounts.application.Logins;
import io.cellbet.accounts.application.Registrations;
import io.cellbet.accounts.domain.RegistrationRules;
import io.cellbet.accounts.persistence.Players;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import io.cellbet.wallet.api.Account;
import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.SeamlessBalanceResult;
import io.cellbet.wallet.api.SeamlessWalletApi;
import io.cellbet.wallet.api.StatementPage;
import io.cellbet.wallet.api.WalletApi;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A brand's players on this cell: {@code /api/brands/{brand}}. Registration, login, launch (a
 * brand's signed launch token), token refresh and logout are open and rate-limited; {@code /players/me...} needs the player's access token,
 * and only a token of this cell and of the brand in the path is accepted.
 */
@Path("/api/brands/{brand}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Players")
public class PlayerResource {

    private static final int PASSWORD_FIELD_MAX = 1024;

    /**
     * The id of the one account a {@code seamless} brand's player is shown: the brand's wallet holds
     * the money, and ledger account ids start at 1, so this one can never be a ledger account's.
     */
    public static final long SEAMLESS_ACCOUNT_ID = 0;

    private final Registrations registrations;
    private final Logins logins;
    private final Launches launches;
    private final PlayerTokens tokens;
    private final AuthRateLimiter rateLimiter;
    private final Players players;
    private final PlayerBrands brands;
    private final WalletApi wallet;
    private final SeamlessWalletApi seamless;
    private final Clock clock;

    public PlayerResource(Registrations registrations, Logins logins, Launches launches, PlayerTokens tokens,
            AuthRateLimiter rateLimiter, Players players, PlayerBrands brands, WalletApi wallet,
            SeamlessWalletApi seamless, Clock clock) {
        this.registrations = registrations;
        this.logins = logins;
        this.launches = launches;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.players = players;
        this.brands = brands;
        this.wallet = wallet;
        this.seamless = seamless;
        this.clock = clock;
    }

    @POST
    @Path("/players")
    @Operation(summary = "Register a player of the brand")
    @APIResponse(responseCode = "201", description = "Registered; wallet accounts opened")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST naming each invalid field (weak password, "
            + "under age, unknown country or currency, ...)")
    @APIResponse(responseCode = "404", description = "UNKNOWN_BRAND: this cell does not serve the brand")
    @APIResponse(responseCode = "409", description = "EMAIL_TAKEN or USERNAME_TAKEN")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED, with Retry-After")
    public Response register(@PathParam("brand") String brand, AccountsBodies.Register body,
            @Context HttpServerRequest request) {
        if (body == null) {
            throw invalid(List.of(new Problem.FieldError("body", "is required")));
        }
        admit(request, brand, body.email() != null ? body.email() : body.username());
        Registrations.Outcome outcome = registrations.register(brand, new RegistrationRules.Application(body.email(),
                body.username(), body.password(), body.dateOfBirth(), body.country(), body.currency()));
        if (outcome instanceof Registrations.Outcome.Registered registered) {
            return Response.created(URI.create("/api/brands/" + brand + "/players/me"))
                    .entity(registered.player()).build();
        }
        if (outcome instanceof Registrations.Outcome.Invalid invalid) {
            throw invalid(invalid.errors());
        }
        if (outcome instanceof Registrations.Outcome.UnknownBrand) {
            throw unknownBrand(brand);
        }
        String field = ((Registrations.Outcome.LoginNameTaken) outcome).field();
        throw new ProblemException(Problem.of(409, field.equals("email") ? "EMAIL_TAKEN" : "USERNAME_TAKEN",
                "Login name taken", "Another player of brand " + brand + " has this " + field + ".",
                List.of(new Problem.FieldError(field, "is taken"))));
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in with e-mail or username and password: access and refresh tokens")
    @APIResponse(responseCode = "200", description = "Logged in; previousLoginAt is the login before this one")
    @APIResponse(responseCode = "401", description = "INVALID_CREDENTIALS (unknown name or wrong password)")
    @APIResponse(responseCode = "403", description = "ACCOUNT_SUSPENDED or ACCOUNT_CLOSED")
    @APIResponse(responseCode = "423", description = "ACCOUNT_LOCKED after repeated failures, until the time given")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED, with Retry-After")
    public AccountsBodies.Session login(@PathParam("brand") String brand, AccountsBodies.Login body,
            @Context HttpServerRequest request) {
        if (body == null || body.login() == null || body.login().isBlank() || body.password() == null
                || body.login().length() > RegistrationRules.EMAIL_LENGTH_MAX
                || body.password().length() > PASSWORD_FIELD_MAX) {
            throw invalid(List.of(new Problem.FieldError(body == null || body.login() == null ? "login" : "password",
                    "login and password are required")));
        }
        admit(request, brand, body.login());
        return session(logins.login(brand, body.login(), body.password()));
    }

    @POST
    @Path("/launch")
    @Operation(summary = "Trade a launch token the brand signed for its player (embedded web app) for a session: "
            + "the player is found by the brand's id, or created; the answer is a login's")
    @APIResponse(responseCode = "200", description = "Logged in, as POST /login answers")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST naming each invalid payload field "
            + "(externalPlayerId, currency, country, dateOfBirth, locale, exp, nonce), or a missing token")
    @APIResponse(responseCode = "401", description = "INVALID_LAUNCH_TOKEN (malformed, bad signature, another brand), "
            + "LAUNCH_TOKEN_EXPIRED (exp passed or more than 10 minutes ahead), LAUNCH_TOKEN_USED (nonce taken before)")
    @APIResponse(responseCode = "403", description = "EMBEDDING_DISABLED (the brand does not embed the app), "
            + "ACCOUNT_SUSPENDED or ACCOUNT_CLOSED")
    @APIResponse(responseCode = "404", description = "UNKNOWN_BRAND: this cell does not serve the brand")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED, with Retry-After")
    public AccountsBodies.Session launch(@PathParam("brand") String brand, AccountsBodies.Launch body,
            @Context HttpServerRequest request) {
        if (body == null || body.token() == null || body.token().isBlank()) {
            throw invalid(List.of(new Problem.FieldError("token", "is required")));
        }
        admit(request, brand, null);
        Launches.Outcome outcome = launches.launch(brand, body.token());
        if (outcome instanceof Launches.Outcome.Launched launched) {
            return session(launched.login());
        }
        if (outcome instanceof Launches.Outcome.Invalid invalid) {
            throw invalid(invalid.errors());
        }
        if (outcome instanceof Launches.Outcome.UnknownBrand) {
            throw unknownBrand(brand);
        }
        Launches.Outcome.Refused refused = (Launches.Outcome.Refused) outcome;
        throw new ProblemException(switch (refused.refusal()) {
            case EMBEDDING_DISABLED -> Problem.of(403, refused.refusal().name(), "Embedding disabled",
                    refused.detail(), null);
            case INVALID_LAUNCH_TOKEN -> Problem.of(401, refused.refusal().name(), "Invalid launch token",
                    refused.detail(), null);
            case LAUNCH_TOKEN_EXPIRED -> Problem.of(401, refused.refusal().name(), "Launch token expired",
                    refused.detail(), null);
            case LAUNCH_TOKEN_USED -> Problem.of(401, refused.refusal().name(), "Launch token used",
                    refused.detail(), null);
        });
    }

    @POST
    @Path("/token")
    @Operation(summary = "Exchange a refresh token for new tokens (the presented token is used up)")
    @APIResponse(responseCode = "401", description = "INVALID_REFRESH_TOKEN, or SESSION_LIMIT_REACHED when the session "
            + "has lasted the player's session time limit")
    public AccountsBodies.Session refresh(@PathParam("brand") String brand, AccountsBodies.Refresh body,
            @Context HttpServerRequest request) {
        String token = refreshToken(body);
        admit(request, brand, null);
        return session(logins.refresh(brand, token));
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Revoke the session of a refresh token")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "401", description = "INVALID_REFRESH_TOKEN")
    public Response logout(@PathParam("brand") String brand, AccountsBodies.Refresh body) {
        if (!logins.logout(brand, refreshToken(body))) {
            throw refusal(Logins.Refusal.INVALID_REFRESH_TOKEN, null);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/players/me")
    @Operation(summary = "The logged-in player")
    @APIResponse(responseCode = "401", description = "TOKEN_REQUIRED or INVALID_TOKEN")
    @APIResponse(responseCode = "403", description = "BRAND_MISMATCH: the token is of another brand")
    public Player me(@PathParam("brand") String brand, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return players.find(tokens.holder(brand, authorization).playerId()).orElseThrow(PlayerTokens::invalidToken)
                .player();
    }

    @GET
    @Path("/players/me/wallet")
    @Operation(summary = "The logged-in player's wallet accounts with balances; for a seamless brand, one cash "
            + "account (id " + SEAMLESS_ACCOUNT_ID + ") with the balance the brand's wallet reports")
    @APIResponse(responseCode = "401", description = "TOKEN_REQUIRED or INVALID_TOKEN")
    @APIResponse(responseCode = "403", description = "BRAND_MISMATCH")
    @APIResponse(responseCode = "503", description = "BRAND_WALLET_UNAVAILABLE: the seamless brand's wallet gave "
            + "no balance in time")
    public List<Account> myWallet(@PathParam("brand") String brand,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        AccessTokens.Holder holder = tokens.holder(brand, authorization);
        boolean internal = brands.find(holder.brand()).map(PlayerBrands.Terms::internalWallet).orElse(true);
        if (internal) {
            return wallet.playerAccounts(holder.brand(), holder.playerId().toString());
        }
        Players.StoredPlayer player = players.find(holder.playerId()).orElseThrow(PlayerTokens::invalidToken);
        // The brand knows a launched player by its own id; a player who registered here, by the cell's.
        String brandPlayerId = player.externalId() != null ? player.externalId() : player.player().id().toString();
        SeamlessBalanceResult balance = seamless.balance(holder.brand(), brandPlayerId, player.player().currency());
        if (balance instanceof SeamlessBalanceResult.Balance known) {
            return List.of(new Account(SEAMLESS_ACCOUNT_ID, holder.brand(), holder.playerId().toString(),
                    AccountKind.CASH, known.currency(), known.balanceMinor(), 0, 0, clock.instant()));
        }
        SeamlessBalanceResult.Unavailable unavailable = (SeamlessBalanceResult.Unavailable) balance;
        throw new ProblemException(Problem.of(503, "BRAND_WALLET_UNAVAILABLE", "Brand wallet unavailable",
                "The brand's wallet gave no balance" + (unavailable.reason() == null ? "" : " ("
                        + unavailable.reason() + ")") + "; try again shortly.", null));
    }

    @GET
    @Path("/players/me/wallet/{accountId}/statement")
    @Operation(summary = "A statement of one of the logged-in player's accounts, newest first, paged by entry id")
    @APIResponse(responseCode = "400", description = "invalid-parameter (limit 1-" + StatementPage.LIMIT_MAX + ")")
    @APIResponse(responseCode = "404", description = "UNKNOWN_ACCOUNT: not an account of this player")
    public StatementPage myStatement(@PathParam("brand") String brand, @PathParam("accountId") String accountId,
            @QueryParam("limit") String limit, @QueryParam("before") String before,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        AccessTokens.Holder holder = tokens.holder(brand, authorization);
        int pageSize = QueryParameters.count("limit", limit, 50, 1, StatementPage.LIMIT_MAX);
        Long beforeEntry = before == null ? null : QueryParameters.wholeNumber("before", before, 0, 1, Long.MAX_VALUE);
        long id;
        try {
            id = Long.parseLong(accountId);
        } catch (NumberFormatException e) {
            id = -1;
        }
        Optional<Account> account = wallet.account(id).filter(found -> holder.brand().equals(found.brand())
                && holder.playerId().toString().equals(found.playerId()));
        if (account.isEmpty()) {
            throw ProblemException.notFound("UNKNOWN_ACCOUNT", "The player has no account " + accountId + ".");
        }
        return wallet.statement(id, beforeEntry, pageSize);
    }

    private void admit(HttpServerRequest request, String brand, String loginName) {
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        Optional<Duration> retryAfter = rateLimiter.admit(client, brand, loginName);
        if (retryAfter.isPresent()) {
            long seconds = Math.max(1, (retryAfter.get().toMillis() + 999) / 1000);
            throw new ProblemException(Problem.of(429, "RATE_LIMITED", "Too many requests",
                    "Too many login attempts; retry in " + seconds + " s.", null), Map.of(HttpHeaders.RETRY_AFTER,
                    Long.toString(seconds)));
        }
    }

    private static String refreshToken(AccountsBodies.Refresh body) {
        if (body == null || body.refreshToken() == null || body.refreshToken().isBlank()
                || body.refreshToken().length() > 256) {
            throw invalid(List.of(new Problem.FieldError("refreshToken", "is required")));
        }
        return body.refreshToken();
    }

    private AccountsBodies.Session session(Logins.Outcome outcome) {
        if (outcome instanceof Logins.Outcome.Refused refused) {
            throw refusal(refused.refusal(), refused.lockedUntil());
        }
        Logins.Outcome.LoggedIn in = (Logins.Outcome.LoggedIn) outcome;
        return new AccountsBodies.Session(in.tokens().accessToken(), "Bearer", in.tokens().accessExpiresInSeconds(),
                in.tokens().refreshToken(), in.tokens().refreshExpiresAt(), in.previousLoginAt(), in.player());
    }

    private static ProblemException refusal(Logins.Refusal refusal, Instant lockedUntil) {
        return switch (refusal) {
            case INVALID_CREDENTIALS -> new ProblemException(Problem.of(401, refusal.name(), "Invalid credentials",
                    "The login name or the password is wrong.", null));
            case ACCOUNT_LOCKED -> new ProblemException(Problem.of(423, refusal.name(), "Account locked",
                    "Too many failed logins: the account is locked until " + lockedUntil + ".", null));
            case ACCOUNT_SUSPENDED -> new ProblemException(Problem.of(403, refusal.name(), "Account suspended",
                    "The account is suspended; contact support.", null));
            case ACCOUNT_CLOSED -> new ProblemException(Problem.of(403, refusal.name(), "Account closed",
                    "The account is closed.", null));
            case INVALID_REFRESH_TOKEN -> new ProblemException(Problem.of(401, refusal.name(),
                    "Invalid refresh token", "The refresh token is unknown, expired or revoked; log in again.", null));
            case SESSION_LIMIT_REACHED -> new ProblemException(Problem.of(401, refusal.name(),
                    "Session limit reached", "The session has lasted the player's session time limit.", null));
        };
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return ProblemException.badRequest("INVALID_REQUEST", "The request has " + errors.size()
                + " invalid field(s).", errors);
    }

    private static ProblemException unknownBrand(String brand) {
        return ProblemException.notFound("UNKNOWN_BRAND", "This cell does not serve brand " + brand + ".");
    }

}
