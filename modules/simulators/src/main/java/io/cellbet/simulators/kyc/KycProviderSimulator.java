package io.cellbet.simulators.kyc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * An identity-verification (KYC) provider on a real HTTP server, for tests and the sandbox. Its
 * API is the usual shape of such providers:
 * <ul>
 * <li>{@code POST /v1/checks} with header {@code X-Api-Key} and
 * {@code {"reference", "fullName", "dateOfBirth", "country", "documentType", "documentNumber"}}:
 * 201 {@code {"id", "reference", "status": "pending"}}; the same {@code reference} again answers
 * the check already made (200), so a client may retry safely; 401 without the key; 422
 * {@code {"error": "invalid", "fields": [...]}} for missing or malformed fields.</li>
 * <li>{@code GET /v1/checks/{id}}: {@code {"id", "reference", "status", "reason"}}, status
 * {@code pending} until the decision delay has passed, then {@code approved} or {@code rejected}.</li>
 * </ul>
 * It decides as a provider would, deterministically: a document number starting with
 * {@code REJECT} is not genuine, a person under 18 is under age, anyone else is approved. Over
 * {@code /admin/...} (unauthenticated, loopback) it can be made slow to decide or unavailable (503).
 */
public final class KycProviderSimulator implements AutoCloseable {

    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final int BODY_SIZE_MAX = 16 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final String apiKey;
    private final Clock clock;
    private final HttpServer server;
    private final Map<String, Check> checks = new ConcurrentHashMap<>();
    private final Map<String, String> byReference = new ConcurrentHashMap<>();
    private volatile Duration decisionDelay = Duration.ZERO;
    private volatile boolean unavailable;

    private record Check(String id, String reference, Instant createdAt, String decision, String reason) {
    }

    private KycProviderSimulator(String host, int port, String apiKey, Clock clock) {
        this.apiKey = apiKey;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "kyc-simulator");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/v1/checks", this::checks);
        server.createContext("/admin/", this::admin);
        server.start();
    }

    /** Starts on 127.0.0.1; port 0 picks a free one. */
    public static KycProviderSimulator start(int port, String apiKey) {
        return new KycProviderSimulator("127.0.0.1", port, apiKey, Clock.systemUTC());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** How long checks stay pending before their decision shows. */
    public void decisionDelay(Duration delay) {
        this.decisionDelay = delay;
    }

    /** While on, every API call answers 503. */
    public void unavailable(boolean on) {
        this.unavailable = on;
    }

    public int checksMade() {
        return checks.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void checks(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (unavailable) {
                answer(exchange, 503, Map.of("error", "unavailable"));
                return;
            }
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst(API_KEY_HEADER))) {
                answer(exchange, 401, Map.of("error", "unauthorized"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if ("POST".equals(exchange.getRequestMethod()) && path.equals("/v1/checks")) {
                create(exchange);
            } else if ("GET".equals(exchange.getRequestMethod()) && path.startsWith("/v1/checks/")) {
                Check check = checks.get(path.substring("/v1/checks/".length()));
                if (check == null) {
                    answer(exchange, 404, Map.of("error", "not_found"));
                } else {
                    answer(exchange, 200, view(check));
                }
            } else {
                answer(exchange, 405, Map.of("error", "method_not_allowed"));
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(BODY_SIZE_MAX + 1);
            if (bytes.length > BODY_SIZE_MAX) {
                answer(exchange, 413, Map.of("error", "too_large"));
                return;
            }
            body = json.readTree(bytes);
        } catch (IOException e) {
            answer(exchange, 400, Map.of("error", "malformed_json"));
            return;
        }
        List<String> invalid = new ArrayList<>();
        for (String field : List.of("reference", "fullName", "dateOfBirth", "country", "documentType",
                "documentNumber")) {
            if (body == null || !body.path(field).isTextual() || body.path(field).asText().isBlank()) {
                invalid.add(field);
            }
        }
        LocalDate born = null;
        if (!invalid.contains("dateOfBirth")) {
            try {
                born = LocalDate.parse(body.path("dateOfBirth").asText());
            } catch (DateTimeParseException e) {
                invalid.add("dateOfBirth");
            }
        }
        if (!invalid.isEmpty()) {
            answer(exchange, 422, Map.of("error", "invalid", "fields", invalid));
            return;
        }
        String reference = body.path("reference").asText();
        String existing = byReference.get(reference);
        if (existing != null) {
            answer(exchange, 200, view(checks.get(existing)));
            return;
        }
        String decision = "approved";
        String reason = null;
        if (body.path("documentNumber").asText().startsWith("REJECT")) {
            decision = "rejected";
            reason = "document not genuine";
        } else if (Period.between(born, LocalDate.now(clock)).getYears() < 18) {
            decision = "rejected";
            reason = "under age";
        }
        Check check = new Check(UUID.randomUUID().toString(), reference, clock.instant(), decision, reason);
        if (byReference.putIfAbsent(reference, check.id()) != null) {
            answer(exchange, 200, view(checks.get(byReference.get(reference))));
            return;
        }
        checks.put(check.id(), check);
        answer(exchange, 201, view(check));
    }

    private Map<String, Object> view(Check check) {
        boolean decided = !clock.instant().isBefore(check.createdAt().plus(decisionDelay));
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("id", check.id());
        view.put("reference", check.reference());
        view.put("status", decided ? check.decision() : "pending");
        view.put("reason", decided ? check.reason() : null);
        return view;
    }

    private void admin(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
            if (path.equals("/admin/decision-delay") && query.startsWith("ms=")) {
                decisionDelay(Duration.ofMillis(Long.parseLong(query.substring(3))));
            } else if (path.equals("/admin/unavailable") && query.startsWith("on=")) {
                unavailable(Boolean.parseBoolean(query.substring(3)));
            } else {
                answer(exchange, 404, Map.of("error", "not_found"));
                return;
            }
            answer(exchange, 200, Map.of("ok", true));
        } catch (NumberFormatException e) {
            answer(exchange, 400, Map.of("error", "invalid"));
        }
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Runs a simulator from the command line: {@code KycProviderSimulator <port> <api-key>}. */
    public static void main(String[] args) throws InterruptedException {
        KycProviderSimulator simulator = start(Integer.parseInt(args[0]), args[1]);
        System.out.println("KYC provider simulator on " + simulator.baseUrl());
        Thread.currentThread().join();
    }
}
