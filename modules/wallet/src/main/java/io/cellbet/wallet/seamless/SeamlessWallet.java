package io.cellbet.wallet.seamless;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.contracts.wallet.SeamlessCreditAcknowledged;
import io.cellbet.contracts.wallet.SeamlessDebitApproved;
import io.cellbet.contracts.wallet.SeamlessRollbackAcknowledged;
import io.cellbet.platform.messaging.outbox.Outbox;
import io.cellbet.platform.messaging.outbox.OutboxConfig;
import io.cellbet.platform.messaging.outbox.OutboxMessage;
import io.cellbet.platform.money.Money;
import io.cellbet.platform.work.BackgroundLoop;
import io.cellbet.wallet.api.BrandWallets;
import io.cellbet.wallet.api.BrandWallets.SeamlessEndpoint;
import io.cellbet.wallet.api.SeamlessAttempt;
import io.cellbet.wallet.api.SeamlessCall;
import io.cellbet.wallet.api.SeamlessBalanceResult;
import io.cellbet.wallet.api.SeamlessCallStatus;
import io.cellbet.wallet.api.SeamlessCreditRequest;
import io.cellbet.wallet.api.SeamlessCreditResult;
import io.cellbet.wallet.api.SeamlessDebitRequest;
import io.cellbet.wallet.api.SeamlessDebitResult;
import io.cellbet.wallet.api.SeamlessOperation;
import io.cellbet.wallet.api.SeamlessRejection;
import io.cellbet.wallet.api.SeamlessRollbackResult;
import io.cellbet.wallet.api.SeamlessWalletApi;
import io.cellbet.wallet.seamless.BrandWalletClient.Answer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The seamless wallet: records each call in the shadow ledger, sends it, records the outcome
 * together with its event (one transaction, through the outbox), and resolves lost outcomes.
 *
 * <p>A debit is answered synchronously and is approved only on the brand's OK. A debit whose
 * answer is lost is not approved and gets a rollback, which the {@link SeamlessRetrier} sends
 * until the brand acknowledges it. Credits and rollbacks are sent at once and, failing that,
 * retried with capped exponential backoff until acknowledged; their rows are the queue, so a
 * restart loses none of them.
 */
@ApplicationScoped
class SeamlessWallet implements SeamlessWalletApi {

    private static final Logger LOG = Logger.getLogger(SeamlessWallet.class);

    static final Pattern TYPE = Pattern.compile("[a-z][a-z_]{0,31}");
    static final int PLAYER_ID_LENGTH_MAX = 64;
    static final int REFERENCE_LENGTH_MAX = 128;

    private final SeamlessCalls calls;
    private final BrandWalletClient client;
    private final BrandWallets brands;
    private final Outbox outbox;
    private final OutboxConfig outboxConfig;
    private final SeamlessConfig config;
    private final ObjectMapper json;
    private final Instance<SeamlessRetrier> retrier;

    SeamlessWallet(SeamlessCalls calls, BrandWalletClient client, BrandWallets brands, Outbox outbox,
            OutboxConfig outboxConfig, SeamlessConfig config, ObjectMapper json, Instance<SeamlessRetrier> retrier) {
        // Instance breaks the construction cycle: the retrier sends through this wallet.
        this.retrier = retrier;
        this.calls = calls;
        this.client = client;
        this.brands = brands;
        this.outbox = outbox;
        this.outboxConfig = outboxConfig;
        this.config = config;
        this.json = json;
    }

    void checkConfig(@Observes StartupEvent event) {
        Duration inFlight = config.connectTimeout().plus(config.requestTimeout());
        if (config.inFlightLease().compareTo(inFlight) <= 0) {
            // A shorter lease would let the retrier resolve a call whose sender is still waiting for its answer.
            throw new IllegalStateException("cellbet.wallet.seamless.in-flight-lease (" + config.inFlightLease()
                    + ") must exceed connect-timeout + request-timeout (" + inFlight + ")");
        }
        if (config.retryBatchSize() < 1 || config.retryConcurrency() < 1) {
            throw new IllegalStateException("cellbet.wallet.seamless.retry-batch-size and retry-concurrency must be positive");
        }
    }

    // ---------------------------------------------------------------- balance

    @Override
    public SeamlessBalanceResult balance(String brand, String playerId, String currency) {
        if (playerId == null || playerId.isBlank() || playerId.length() > PLAYER_ID_LENGTH_MAX
                || currency == null || !Money.isCurrencyCode(currency)) {
            return new SeamlessBalanceResult.Unavailable(SeamlessRejection.INVALID_REQUEST,
                    "a player id of 1-" + PLAYER_ID_LENGTH_MAX + " characters and an ISO 4217 currency are required");
        }
        Optional<SeamlessEndpoint> endpoint = brands.seamlessWallet(brand);
        if (endpoint.isEmpty()) {
            return new SeamlessBalanceResult.Unavailable(SeamlessRejection.BRAND_NOT_SEAMLESS, notSeamless(brand));
        }
        SeamlessBalanceResult result = client.balance(endpoint.get(), playerId, currency);
        if (result instanceof SeamlessBalanceResult.Unavailable unavailable) {
            LOG.debugf("brand %s gave no balance of player %s: %s", brand, playerId, unavailable.detail());
        }
        return result;
    }

    // ---------------------------------------------------------------- debit

    @Override
    public SeamlessDebitResult debit(SeamlessDebitRequest request) {
        UUID id = request.transferId();
        String invalid = invalid(id, request.brand(), request.playerId(), request.currency(), request.amountMinor(),
                request.type(), request.reference());
        if (invalid != null) {
            return new SeamlessDebitResult.Declined(id, SeamlessRejection.INVALID_REQUEST, invalid);
        }
        Optional<SeamlessEndpoint> endpoint = brands.seamlessWallet(request.brand());
        if (endpoint.isEmpty()) {
            return new SeamlessDebitResult.Declined(id, SeamlessRejection.BRAND_NOT_SEAMLESS, notSeamless(request.brand()));
        }
        SeamlessCalls.NewCall call = new SeamlessCalls.NewCall(id, request.brand(), request.playerId(),
                SeamlessOperation.DEBIT, request.currency(), request.amountMinor(), request.type(), request.reference(),
                null, null);
        call = withHash(call);
        Optional<SeamlessCalls.Stored> inserted = insert(call);
        if (inserted.isEmpty()) {
            return replayDebit(call);
        }
        SeamlessCall recorded = inserted.get().call();
        Instant sentAt = client.now();
        Answer answer = client.send(endpoint.get(), "debit", id, body(recorded));
        long durationMs = Duration.between(sentAt, client.now()).toMillis();
        SeamlessDebitResult result = QuarkusTransaction.requiringNew().call(() ->
                debitAnswered(recorded, sentAt, durationMs, answer));
        if (result instanceof SeamlessDebitResult.Failed) {
            // Committed: the rollback is the retrier's to send, now rather than at its next look.
            retrier.get().wake();
        }
        return result;
    }

    private SeamlessDebitResult debitAnswered(SeamlessCall debit, Instant sentAt, long durationMs, Answer answer) {
        UUID id = debit.transferId();
        calls.recordAttempt(id, 1, sentAt, durationMs, outcome(answer), answer.httpStatus(), code(answer), error(answer));
        if (answer instanceof Answer.Ok ok) {
            Optional<SeamlessCall> approved = calls.acknowledge(id, ok.status(), ok.balanceMinor(), ok.recorded());
            if (approved.isPresent()) {
                publishDebitApproved(approved.get());
                return new SeamlessDebitResult.Approved(id, ok.balanceMinor(), false);
            }
            // The retrier took the call for lost while we waited (only if the lease is misconfigured): its rollback stands.
            return lostDebit(id, "answered after the call was given up");
        }
        if (answer instanceof Answer.Refused refused) {
            Optional<SeamlessCall> declined = calls.reject(id, refused.rejection(), refused.code() + ": " + refused.message(),
                    refused.status(), refused.recorded());
            if (declined.isPresent()) {
                return new SeamlessDebitResult.Declined(id, refused.rejection(), refused.message());
            }
            return lostDebit(id, "answered after the call was given up");
        }
        Answer.Unknown unknown = (Answer.Unknown) answer;
        Optional<SeamlessCall> lost = calls.markUnknown(id, unknown.error(), unknown.httpStatus(), unknown.recorded());
        if (lost.isPresent()) {
            UUID rollbackId = scheduleRollback(lost.get());
            LOG.warnf("seamless debit %s of brand %s has no answer (%s): not approved, rollback %s scheduled",
                    id, debit.brand(), unknown.error(), rollbackId);
            return new SeamlessDebitResult.Failed(id, rollbackId, unknown.error());
        }
        return lostDebit(id, unknown.error());
    }

    private SeamlessDebitResult lostDebit(UUID id, String detail) {
        return new SeamlessDebitResult.Failed(id, rollbackId(id), detail);
    }

    private SeamlessDebitResult replayDebit(SeamlessCalls.NewCall call) {
        SeamlessCalls.Stored stored = calls.find(call.transferId()).orElseThrow();
        SeamlessCall existing = stored.call();
        if (!Arrays.equals(stored.requestHash(), call.requestHash())) {
            return new SeamlessDebitResult.Declined(call.transferId(), SeamlessRejection.IDEMPOTENCY_KEY_REUSED,
                    "transfer id " + call.transferId() + " was used for another " + existing.operation().code());
        }
        switch (existing.status()) {
            case ACKNOWLEDGED:
                return new SeamlessDebitResult.Approved(existing.transferId(), existing.balanceMinor(), true);
            case REJECTED:
                return new SeamlessDebitResult.Declined(existing.transferId(), existing.rejection(), existing.lastError());
            case PENDING:
                return new SeamlessDebitResult.InProgress(existing.transferId());
            default:
                return new SeamlessDebitResult.Failed(existing.transferId(), rollbackId(existing.transferId()),
                        existing.lastError() != null ? existing.lastError() : "rolled back");
        }
    }

    // ---------------------------------------------------------------- credit

    @Override
    public SeamlessCreditResult credit(SeamlessCreditRequest request) {
        UUID id = request.transferId();
        String invalid = invalid(id, request.brand(), request.playerId(), request.currency(), request.amountMinor(),
                request.type(), request.reference());
        if (invalid != null) {
            return new SeamlessCreditResult.Rejected(id, SeamlessRejection.INVALID_REQUEST, invalid);
        }
        Optional<SeamlessEndpoint> endpoint = brands.seamlessWallet(request.brand());
        if (endpoint.isEmpty()) {
            return new SeamlessCreditResult.Rejected(id, SeamlessRejection.BRAND_NOT_SEAMLESS, notSeamless(request.brand()));
        }
        SeamlessCalls.NewCall call = withHash(new SeamlessCalls.NewCall(id, request.brand(), request.playerId(),
                SeamlessOperation.CREDIT, request.currency(), request.amountMinor(), request.type(), request.reference(),
                null, null));
        Optional<SeamlessCalls.Stored> inserted = insert(call);
        if (inserted.isEmpty()) {
            SeamlessCalls.Stored stored = calls.find(id).orElseThrow();
            if (!Arrays.equals(stored.requestHash(), call.requestHash())) {
                return new SeamlessCreditResult.Rejected(id, SeamlessRejection.IDEMPOTENCY_KEY_REUSED,
                        "transfer id " + id + " was used for another " + stored.call().operation().code());
            }
            return creditResult(stored.call(), true);
        }
        SeamlessCall sent = attempt(inserted.get().call(), endpoint.get());
        return creditResult(sent, false);
    }

    private static SeamlessCreditResult creditResult(SeamlessCall call, boolean replayed) {
        switch (call.status()) {
            case ACKNOWLEDGED:
                return new SeamlessCreditResult.Acknowledged(call.transferId(), call.balanceMinor(), replayed);
            case REJECTED:
                return new SeamlessCreditResult.Rejected(call.transferId(), call.rejection(), call.lastError());
            default:
                return new SeamlessCreditResult.Pending(call.transferId(), call.nextAttemptAt(), call.lastError());
        }
    }

    // ---------------------------------------------------------------- rollback

    @Override
    public SeamlessRollbackResult rollback(UUID debitTransferId) {
        if (debitTransferId == null) {
            return new SeamlessRollbackResult.Rejected(null, SeamlessRejection.INVALID_REQUEST, "debitTransferId is required");
        }
        Optional<SeamlessCalls.Stored> debit = calls.find(debitTransferId);
        if (debit.isEmpty() || debit.get().call().operation() != SeamlessOperation.DEBIT) {
            return new SeamlessRollbackResult.Rejected(debitTransferId, SeamlessRejection.DEBIT_NOT_FOUND,
                    "this cell recorded no seamless debit " + debitTransferId);
        }
        SeamlessCall original = debit.get().call();
        if (original.status() == SeamlessCallStatus.PENDING) {
            return new SeamlessRollbackResult.Rejected(debitTransferId, SeamlessRejection.DEBIT_IN_PROGRESS,
                    "the debit is still being sent");
        }
        if (original.status() == SeamlessCallStatus.REJECTED) {
            return new SeamlessRollbackResult.Rejected(debitTransferId, SeamlessRejection.NOTHING_TO_ROLL_BACK,
                    "the brand declined the debit");
        }
        Optional<SeamlessCalls.Stored> existing = calls.rollbackOf(debitTransferId);
        if (existing.isPresent()) {
            return rollbackResult(existing.get().call(), true);
        }
        Optional<SeamlessCall> inserted = QuarkusTransaction.requiringNew().call(() ->
                calls.insert(rollbackCall(original), config.inFlightLease()).map(SeamlessCalls.Stored::call));
        if (inserted.isEmpty()) {
            return rollbackResult(calls.rollbackOf(debitTransferId).orElseThrow().call(), true);
        }
        Optional<SeamlessEndpoint> endpoint = brands.seamlessWallet(original.brand());
        SeamlessCall sent = endpoint.isPresent()
                ? attempt(inserted.get(), endpoint.get())
                : QuarkusTransaction.requiringNew().call(() -> notSentNow(inserted.get()));
        return rollbackResult(sent, false);
    }

    private SeamlessRollbackResult rollbackResult(SeamlessCall rollback, boolean replayed) {
        switch (rollback.status()) {
            case ACKNOWLEDGED:
                return new SeamlessRollbackResult.Acknowledged(rollback.originalTransferId(), rollback.transferId(),
                        rolledBack(rollback.responseJson()), replayed);
            case REJECTED:
                return new SeamlessRollbackResult.Rejected(rollback.originalTransferId(), rollback.rejection(),
                        rollback.lastError());
            default:
                return new SeamlessRollbackResult.Pending(rollback.originalTransferId(), rollback.transferId(),
                        rollback.nextAttemptAt(), rollback.lastError());
        }
    }

    /** Records the rollback of a debit whose answer was lost; the retrier sends it. In the caller's transaction. */
    UUID scheduleRollback(SeamlessCall debit) {
        SeamlessCalls.NewCall rollback = rollbackCall(debit);
        // Due at once: a zero lease makes it the retrier's to send on its next round.
        calls.insert(rollback, Duration.ZERO);
        return rollback.transferId();
    }

    private SeamlessCalls.NewCall rollbackCall(SeamlessCall debit) {
        return withHash(new SeamlessCalls.NewCall(rollbackId(debit.transferId()), debit.brand(), debit.playerId(),
                SeamlessOperation.ROLLBACK, debit.currency(), debit.amountMinor(), "rollback", debit.reference(),
                debit.transferId(), null));
    }

    /** A debit's rollback has an id derived from the debit's, so scheduling it twice records one rollback. */
    static UUID rollbackId(UUID debitTransferId) {
        return UUID.nameUUIDFromBytes(("cellbet-seamless-rollback:" + debitTransferId).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- sending credits and rollbacks

    /**
     * Sends a pending credit or rollback whose current attempt the caller holds, and records
     * the outcome: acknowledged, rejected, or pending again after a backoff.
     */
    SeamlessCall attempt(SeamlessCall call, SeamlessEndpoint endpoint) {
        Instant sentAt = client.now();
        Answer answer = client.send(endpoint, call.operation().code(), call.transferId(), body(call));
        long durationMs = Duration.between(sentAt, client.now()).toMillis();
        return QuarkusTransaction.requiringNew().call(() -> answered(call, sentAt, durationMs, answer));
    }

    private SeamlessCall answered(SeamlessCall call, Instant sentAt, long durationMs, Answer answer) {
        UUID id = call.transferId();
        calls.recordAttempt(id, call.attempts(), sentAt, durationMs, outcome(answer), answer.httpStatus(), code(answer),
                error(answer));
        if (answer instanceof Answer.Ok ok) {
            Optional<SeamlessCall> acknowledged = calls.acknowledge(id, ok.status(), ok.balanceMinor(), ok.recorded());
            acknowledged.ifPresent(this::publishAcknowledged);
            return acknowledged.or(() -> calls.find(id).map(SeamlessCalls.Stored::call)).orElseThrow();
        }
        if (answer instanceof Answer.Refused refused && !refused.authentication()) {
            // Retrying a named refusal would get the same answer forever: an operator resolves it (and may requeue it).
            LOG.errorf("seamless %s %s of brand %s refused by the brand: %s; left for an operator",
                    call.operation().code(), id, call.brand(), refused.code());
            return calls.reject(id, refused.rejection(), refused.code() + ": " + refused.message(), refused.status(),
                    refused.recorded()).or(() -> calls.find(id).map(SeamlessCalls.Stored::call)).orElseThrow();
        }
        String error = error(answer);
        Duration backoff = BackgroundLoop.backoff(config.retryBackoffInitial(), config.retryBackoffMax(), call.attempts());
        Optional<Instant> next = calls.retryLater(id, backoff, error, answer.httpStatus(), answer.recorded());
        if (next.isPresent()) {
            LOG.debugf("seamless %s %s attempt %d failed (%s); next in %d ms", call.operation().code(), id,
                    call.attempts(), error, backoff.toMillis());
        }
        return calls.find(id).map(SeamlessCalls.Stored::call).orElseThrow();
    }

    /** The brand is no longer seamless (a config change): keep the call and try again later. */
    SeamlessCall notSentNow(SeamlessCall call) {
        Duration backoff = BackgroundLoop.backoff(config.retryBackoffInitial(), config.retryBackoffMax(), call.attempts());
        calls.retryLater(call.transferId(), backoff, notSeamless(call.brand()), null, null);
        return calls.find(call.transferId()).map(SeamlessCalls.Stored::call).orElseThrow();
    }

    private void publishAcknowledged(SeamlessCall call) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (call.operation() == SeamlessOperation.CREDIT) {
            publish(call, SeamlessCreditAcknowledged.TYPE, SeamlessCreditAcknowledged.ROUTING_EVENT,
                    SeamlessCreditAcknowledged.SCHEMA_VERSION,
                    new SeamlessCreditAcknowledged(call.transferId(), call.brand(), call.playerId(), call.currency(),
                            call.amountMinor(), call.type(), call.reference(), call.balanceMinor(), call.attempts(), now));
        } else if (call.operation() == SeamlessOperation.ROLLBACK) {
            calls.markRolledBack(call.originalTransferId());
            publish(call, SeamlessRollbackAcknowledged.TYPE, SeamlessRollbackAcknowledged.ROUTING_EVENT,
                    SeamlessRollbackAcknowledged.SCHEMA_VERSION,
                    new SeamlessRollbackAcknowledged(call.transferId(), call.originalTransferId(), call.brand(),
                            call.playerId(), call.currency(), call.amountMinor(), rolledBack(call.responseJson()),
                            call.attempts(), now));
        }
    }

    private void publishDebitApproved(SeamlessCall call) {
        publish(call, SeamlessDebitApproved.TYPE, SeamlessDebitApproved.ROUTING_EVENT, SeamlessDebitApproved.SCHEMA_VERSION,
                new SeamlessDebitApproved(call.transferId(), call.brand(), call.playerId(), call.currency(),
                        call.amountMinor(), call.type(), call.reference(), call.balanceMinor(),
                        Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    private void publish(SeamlessCall call, String type, String event, int schemaVersion, Object payload) {
        // Keyed by player, so a consumer sees one player's seamless movements in order.
        outbox.append(new OutboxMessage(Exchanges.CELL_EVENTS,
                Exchanges.cellEventRoutingKey(outboxConfig.source(), event), "player",
                call.brand() + ":" + call.playerId(), type, schemaVersion, payload, null));
    }

    /** Whether the brand's acknowledgement of a rollback says it refunded a debit. */
    private boolean rolledBack(String response) {
        if (response == null) {
            return false;
        }
        try {
            return json.readTree(response).path("rolledBack").asBoolean(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- reads and ops

    @Override
    public boolean retryRejected(UUID transferId) {
        return QuarkusTransaction.requiringNew().call(() -> calls.requeue(transferId));
    }

    @Override
    public Optional<SeamlessCall> call(UUID transferId) {
        return calls.find(transferId).map(SeamlessCalls.Stored::call);
    }

    @Override
    public List<SeamlessCall> calls(String brand, String playerId, SeamlessCallStatus status, Long beforeSeq, int limit) {
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("limit must be from 1 to " + PAGE_SIZE_MAX);
        }
        return calls.list(brand, playerId, status, beforeSeq, limit);
    }

    @Override
    public List<SeamlessAttempt> attempts(UUID transferId) {
        return calls.attempts(transferId);
    }

    // ---------------------------------------------------------------- helpers

    private Optional<SeamlessCalls.Stored> insert(SeamlessCalls.NewCall call) {
        return QuarkusTransaction.requiringNew().call(() -> calls.insert(call, config.inFlightLease()));
    }

    /** The request body, built from the recorded call, so every attempt sends the same content. */
    ObjectNode body(SeamlessCall call) {
        ObjectNode body = json.createObjectNode()
                .put("transactionId", call.transferId().toString())
                .put("playerId", call.playerId())
                .put("currency", call.currency())
                .put("amountMinor", call.amountMinor())
                .put("type", call.type());
        if (call.reference() != null) {
            body.put("reference", call.reference());
        }
        if (call.originalTransferId() != null) {
            body.put("originalTransactionId", call.originalTransferId().toString());
        }
        return body;
    }

    private static SeamlessCalls.NewCall withHash(SeamlessCalls.NewCall call) {
        String canonical = String.join("\n", call.operation().code(), call.brand(), call.playerId(), call.currency(),
                Long.toString(call.amountMinor()), call.type(), String.valueOf(call.reference()),
                String.valueOf(call.originalTransferId()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return new SeamlessCalls.NewCall(call.transferId(), call.brand(), call.playerId(), call.operation(),
                    call.currency(), call.amountMinor(), call.type(), call.reference(), call.originalTransferId(), hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** What is wrong with a request, or null. The REST layer checks the same rules field by field. */
    static String invalid(UUID transferId, String brand, String playerId, String currency, long amountMinor,
            String type, String reference) {
        if (transferId == null) {
            return "transferId is required";
        }
        if (brand == null || brand.isBlank()) {
            return "brand is required";
        }
        if (playerId == null || playerId.isBlank() || playerId.length() > PLAYER_ID_LENGTH_MAX) {
            return "playerId is required, at most " + PLAYER_ID_LENGTH_MAX + " characters";
        }
        if (!Money.isCurrencyCode(currency)) {
            return "currency must be an ISO 4217 code such as EUR";
        }
        if (amountMinor <= 0) {
            return "amountMinor must be positive";
        }
        if (type == null || !TYPE.matcher(type).matches()) {
            return "type must be lower case letters and underscores, at most 32";
        }
        if (reference != null && reference.length() > REFERENCE_LENGTH_MAX) {
            return "reference must be at most " + REFERENCE_LENGTH_MAX + " characters";
        }
        return null;
    }

    private static String notSeamless(String brand) {
        return "brand " + brand + " is unknown here, runs the internal wallet, or has no usable seamless wallet configuration";
    }

    private static String outcome(Answer answer) {
        if (answer instanceof Answer.Ok) {
            return "acknowledged";
        }
        return answer instanceof Answer.Refused ? "rejected" : "unknown";
    }

    private static String code(Answer answer) {
        if (answer instanceof Answer.Ok) {
            return "OK";
        }
        return answer instanceof Answer.Refused refused ? refused.code() : null;
    }

    private static String error(Answer answer) {
        if (answer instanceof Answer.Refused refused) {
            return refused.code() + ": " + refused.message();
        }
        return answer instanceof Answer.Unknown unknown ? unknown.error() : null;
    }
}
