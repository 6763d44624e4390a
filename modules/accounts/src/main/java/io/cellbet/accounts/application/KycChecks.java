package io.cellbet.accounts.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.accounts.api.Player;
import io.cellbet.accounts.config.AccountsConfig;
import io.cellbet.accounts.persistence.Players;
import io.cellbet.platform.persistence.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Identity checks with the KYC provider over HTTP. A check is written first ({@code submitting},
 * the player's status {@code pending}), then sent with our check id as the provider's
 * {@code reference}, so sending it again after a timeout or a crash finds the same check. Open
 * checks are polled until the provider decides; the player's status becomes {@code verified} or
 * {@code rejected}, audited with the provider as actor.
 */
@ApplicationScoped
public class KycChecks {

    public static final List<String> DOCUMENT_TYPES = List.of("passport", "id_card", "driving_licence");
    private static final Logger LOG = Logger.getLogger(KycChecks.class);
    private static final String ACTOR = "kyc-provider";

    /** A check as the player sees it. */
    public record Check(UUID id, String status, String reason, Instant submittedAt, Instant decidedAt) {
    }

    private record Open(UUID id, boolean sent) {
    }

    /** How a submission ended. */
    public enum Submission {
        SUBMITTED, ALREADY_OPEN, ALREADY_VERIFIED, PROVIDER_NOT_CONFIGURED
    }

    private final Sql sql;
    private final Players players;
    private final AuditTrail audit;
    private final AccountsConfig.Kyc config;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;

    public KycChecks(Sql sql, Players players, AuditTrail audit, AccountsConfig config, ObjectMapper json,
            Clock clock) {
        this.sql = sql;
        this.players = players;
        this.audit = audit;
        this.config = config.kyc();
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.requestTimeout()).build();
    }

    public Submission submit(UUID playerId, String fullName, String documentType, String documentNumber) {
        if (config.providerUrl().isEmpty()) {
            return Submission.PROVIDER_NOT_CONFIGURED;
        }
        Instant now = now();
        UUID checkId = UUID.randomUUID();
        Submission outcome = QuarkusTransaction.requiringNew().call(() -> {
            Player player = players.lock(playerId).orElseThrow().player();
            if ("verified".equals(player.kycStatus())) {
                return Submission.ALREADY_VERIFIED;
            }
            if (latest(playerId).filter(check -> check.status().equals("submitting")
                    || check.status().equals("pending")).isPresent()) {
                return Submission.ALREADY_OPEN;
            }
            sql.update("INSERT INTO accounts.kyc_checks (id, player_id, status, full_name, document_type, "
                    + "document_number, submitted_at) VALUES (?, ?, 'submitting', ?, ?, ?, ?)", checkId, playerId,
                    fullName, documentType, documentNumber, now);
            setStatus(player, "pending", playerId.toString(), "documents submitted", now);
            return Submission.SUBMITTED;
        });
        if (outcome == Submission.SUBMITTED) {
            send(checkId);
        }
        return outcome;
    }

    public Optional<Check> latest(UUID playerId) {
        return sql.one("SELECT id, status, reason, submitted_at, decided_at FROM accounts.kyc_checks "
                + "WHERE player_id = ? ORDER BY submitted_at DESC LIMIT 1", row -> new Check(
                        row.getObject("id", UUID.class), row.getString("status"), row.getString("reason"),
                        Sql.instant(row, "submitted_at"), Sql.instant(row, "decided_at")), playerId);
    }

    /** Sends unsent checks again and asks the provider about pending ones. */
    @Scheduled(every = "${cellbet.accounts.kyc.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (config.providerUrl().isEmpty()) {
            return;
        }
        List<Open> open = sql.list("SELECT id, status = 'pending' AS sent FROM accounts.kyc_checks "
                + "WHERE status IN ('submitting', 'pending') ORDER BY submitted_at LIMIT 200",
                row -> new Open(row.getObject("id", UUID.class), row.getBoolean("sent")));
        for (Open check : open) {
            if (check.sent()) {
                ask(check.id());
            } else {
                send(check.id());
            }
        }
    }

    private void send(UUID checkId) {
        Map<String, Object> stored = sql.one("SELECT c.full_name, c.document_type, c.document_number, "
                + "p.date_of_birth::text AS date_of_birth, p.country FROM accounts.kyc_checks c "
                + "JOIN accounts.players p ON p.id = c.player_id WHERE c.id = ?", row -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("reference", checkId.toString());
                    body.put("fullName", row.getString("full_name"));
                    body.put("dateOfBirth", row.getString("date_of_birth"));
                    body.put("country", row.getString("country"));
                    body.put("documentType", row.getString("document_type"));
                    body.put("documentNumber", row.getString("document_number"));
                    return body;
                }, checkId).orElseThrow();
        Optional<JsonNode> answer = call(HttpRequest.newBuilder(URI.create(config.providerUrl().get() + "/v1/checks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(stored))));
        answer.ifPresent(body -> QuarkusTransaction.requiringNew().run(() -> sql.update(
                "UPDATE accounts.kyc_checks SET status = 'pending', provider_check_id = ?, attempts = attempts + 1 "
                        + "WHERE id = ? AND status = 'submitting'", body.path("id").asText(), checkId)));
        answer.ifPresent(body -> decide(checkId, body));
    }

    private void ask(UUID checkId) {
        String providerId = sql.one("SELECT provider_check_id FROM accounts.kyc_checks WHERE id = ?",
                row -> row.getString(1), checkId).orElseThrow();
        call(HttpRequest.newBuilder(URI.create(config.providerUrl().get() + "/v1/checks/" + providerId)).GET())
                .ifPresent(body -> decide(checkId, body));
    }

    private void decide(UUID checkId, JsonNode answer) {
        String decision = answer.path("status").asText();
        if (!decision.equals("approved") && !decision.equals("rejected")) {
            return;
        }
        String reason = answer.path("reason").isTextual() ? answer.path("reason").asText() : null;
        Instant now = now();
        QuarkusTransaction.requiringNew().run(() -> {
            UUID playerId = sql.one("SELECT player_id FROM accounts.kyc_checks WHERE id = ? AND status = 'pending' "
                    + "FOR UPDATE", row -> row.getObject(1, UUID.class), checkId).orElse(null);
            if (playerId == null) {
                return;
            }
            sql.update("UPDATE accounts.kyc_checks SET status = ?, reason = ?, decided_at = ? WHERE id = ?", decision,
                    reason, now, checkId);
            Player player = players.lock(playerId).orElseThrow().player();
            setStatus(player, decision.equals("approved") ? "verified" : "rejected", ACTOR, reason, now);
        });
    }

    private void setStatus(Player before, String kycStatus, String actor, String reason, Instant now) {
        if (before.kycStatus().equals(kycStatus)) {
            return;
        }
        players.updateKycStatus(before.id(), kycStatus, now);
        audit.record(before.id(), before.brand(), "kyc-" + kycStatus, actor, reason,
                Map.of("kycStatus", before.kycStatus()), Map.of("kycStatus", kycStatus));
    }

    /** The provider's JSON answer to a successful call; empty (and logged) when it failed. */
    private Optional<JsonNode> call(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(config.requestTimeout())
                    .header("Accept", "application/json").header("X-Api-Key", config.apiKey().orElse(""))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                LOG.warnf("KYC provider answered %d to %s; will retry", response.statusCode(), request.build().uri());
                return Optional.empty();
            }
            return Optional.of(json.readTree(response.body()));
        } catch (IOException e) {
            LOG.warnf("KYC provider unreachable (%s); will retry", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
