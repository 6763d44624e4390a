package io.cellbet.simulators.brandwallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A brand's wallet as docs/brand-wallet-api.md describes it, on a real HTTP server: signed
 * requests, idempotency by transaction id, rollback tombstones. Used by Cellbet's tests and
 * the sandbox in place of a brand.
 *
 * <p>It can be told to misbehave, from Java or over {@code /admin/...}: answer slowly (the
 * operation is still applied, as with a real wallet whose answer is lost to a timeout), fail
 * with 503 without applying, stop listening altogether, or process each request twice and
 * answer the duplicate. Every request is kept in a journal.
 *
 * <p>The admin endpoints are unauthenticated: this is a test double, bound to loopback by
 * default.
 */
public final class ReferenceBrandWallet implements AutoCloseable {

    /** Largest request body read; larger ones are refused with 413. */
    public static final int BODY_SIZE_MAX = 64 * 1024;
    /** Journal entries kept; the oldest are dropped beyond this. */
    public static final int JOURNAL_SIZE_MAX = 100_000;
    /** Worker threads answering requests (slow answers each hold one). */
    public static final int THREADS = 32;

    private static final int UNTIL_CLEARED = -1;

    private final String host;
    private final byte[] secret;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService workers = Executors.newFixedThreadPool(THREADS, daemon("brand-wallet"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("brand-wallet-timer"));

    // The wallet's books; guarded by "this".
    private final Map<String, Player> players = new HashMap<>();
    private final Map<String, Processed> transactions = new HashMap<>();
    private final Set<String> rolledBack = new HashSet<>();
    private final Deque<ReceivedCall> journal = new ArrayDeque<>();

    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Map<String, AtomicInteger> operationFailuresLeft = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean answerTwice;

    private volatile int port;
    private HttpServer server; // guarded by "this"

    private ReferenceBrandWallet(String host, int port, byte[] secret, Clock clock) {
        this.host = host;
        this.port = port;
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** Starts on loopback; port 0 takes an ephemeral one (see {@link #port()}). */
    public static ReferenceBrandWallet start(int port, String secret) {
        return start("127.0.0.1", port, secret, Clock.systemUTC());
    }

    public static ReferenceBrandWallet start(String host, int port, String secret, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a secret is required");
        }
        ReferenceBrandWallet wallet = new ReferenceBrandWallet(host, port, secret.getBytes(StandardCharsets.UTF_8), clock);
        wallet.up();
        return wallet;
    }

    public int port() {
        return port;
    }

    /** The base URL a brand would configure as {@code seamlessWallet.endpointUrl}. */
    public URI baseUrl() {
        return URI.create("http://" + host + ":" + port);
    }

    // ---------------------------------------------------------------- players

    /** Opens the player's wallet with this balance, or sets the balance of an open one. */
    public synchronized void openPlayer(String playerId, String currency, long balanceMinor) {
        if (balanceMinor < 0) {
            throw new IllegalArgumentException("balanceMinor must not be negative");
        }
        players.put(playerId, new Player(currency, balanceMinor));
    }

    /** The player's balance, empty when the wallet has no such player. */
    public synchronized Optional<Long> balance(String playerId) {
        return Optional.ofNullable(players.get(playerId)).map(player -> player.balanceMinor);
    }

    // ---------------------------------------------------------------- behaviour

    /** Answers every request this much later; the operation is applied at once all the same. */
    public void slow(Duration delay) {
        this.delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** Answers the next {@code times} requests with 503, applying nothing. */
    public void fail(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
        failuresLeft.set(times);
    }

    /** Answers every request with 503, applying nothing, until {@link #clearFailures()}. */
    /**
     * Answers the next {@code times} requests of one operation ({@code debit}, {@code credit},
     * {@code rollback}, {@code balance}) with 503, applying nothing; the others are served.
     */
    public void fail(String operation, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
        operationFailuresLeft.computeIfAbsent(operation, key -> new AtomicInteger()).set(times);
    }

    public void failUntilCleared() {
        failuresLeft.set(UNTIL_CLEARED);
    }

    public void clearFailures() {
        failuresLeft.set(0);
        operationFailuresLeft.clear();
    }

    /**
     * When on, each debit, credit or rollback is processed twice, as a retrying proxy in front
     * of the wallet would deliver it, and the second answer (a duplicate) is returned.
     */
    public void answerTwice(boolean on) {
        this.answerTwice = on;
    }

    /** Stops listening: connections are refused until {@link #up()}. Open connections are closed. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again, on the same port. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(host, port), 128);
            created.setExecutor(workers);
            created.createContext("/", this::handle);
            created.start();
            server = created;
            port = created.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port, e);
        }
    }

    public synchronized boolean isUp() {
        return server != null;
    }

    /** Back to normal behaviour: fast, no failures, single answers. Books and journal stay. */
    public void normal() {
        slow(Duration.ZERO);
        clearFailures();
        answerTwice(false);
    }

    // ---------------------------------------------------------------- journal

    /** Every request received, oldest first. */
    public synchronized List<ReceivedCall> journal() {
        return List.copyOf(journal);
    }

    /** Requests received for this operation and transaction id. */
    public synchronized List<ReceivedCall> received(String operation, String transactionId) {
        return journal.stream()
                .filter(call -> call.operation().equals(operation) && transactionId.equals(call.transactionId()))
                .toList();
    }

    /** Rollbacks received for this original debit. */
    public synchronized List<ReceivedCall> rollbacksOf(String originalTransactionId) {
        return journal.stream()
                .filter(call -> call.operation().equals("rollback")
                        && originalTransactionId.equals(call.originalTransactionId()))
                .toList();
    }

    /** How many requests changed the books for this transaction id (0 or 1 when idempotency holds). */
    public synchronized long timesApplied(String transactionId) {
        return journal.stream().filter(call -> call.applied() && transactionId.equals(call.transactionId())).count();
    }

    @Override
    public void close() {
        down();
        timers.shutdownNow();
        workers.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = readBody(exchange);
            if (body == null) {
                send(exchange, 413, error("INVALID_REQUEST", "body larger than " + BODY_SIZE_MAX + " bytes", null));
                return;
            }
            if (path.startsWith("/admin/") || path.equals("/admin")) {
                admin(exchange, method, path, body);
                return;
            }
            Answer answer = wallet(exchange, method, path, body);
            Duration wait = delay;
            if (!wait.isZero()) {
                // Applied already; only the answer is late, which is what makes a timeout dangerous.
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            send(exchange, answer.status, answer.body);
        } catch (IOException e) {
            // The caller went away (it timed out, or the server went down): nothing to answer.
        }
    }

    private Answer wallet(HttpExchange exchange, String method, String path, byte[] body) {
        String operation = operation(method, path);
        if (operation == null) {
            return new Answer(404, error("NOT_FOUND", "no endpoint " + method + " " + path, null));
        }
        Instant received = clock.instant();
        JsonNode unverified = parse(body);
        String unverifiedId = unverified == null ? null : unverified.path("transactionId").asText(null);
        String unverifiedOriginal = unverified == null ? null : unverified.path("originalTransactionId").asText(null);
        if (takeFailure(failuresLeft) || takeFailure(operationFailuresLeft.get(operation))) {
            record(new ReceivedCall(received, operation, unverifiedId, unverifiedOriginal, 503, "UNAVAILABLE", false, false));
            return new Answer(503, error("UNAVAILABLE", "the wallet is failing on purpose", null));
        }
        byte[] signed = method.equals("GET") ? rawQuery(exchange).getBytes(StandardCharsets.UTF_8) : body;
        Signatures.Verdict verdict = Signatures.verify(secret,
                exchange.getRequestHeaders().getFirst(Signatures.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(Signatures.SIGNATURE_HEADER), signed, received);
        if (verdict != Signatures.Verdict.VALID) {
            // Journaled with the ids the body claims, unverified, so tests can find the refused call.
            record(new ReceivedCall(received, operation, unverifiedId, unverifiedOriginal, 401, verdict.name(), false, false));
            return new Answer(401, error(verdict.name(), "request refused: " + verdict.name(), null));
        }
        if (operation.equals("balance")) {
            return balanceAnswer(received, method.equals("GET") ? queryJson(rawQuery(exchange)) : parse(body));
        }
        if (operation.equals("transaction")) {
            return transactionAnswer(received, path.substring("/transactions/".length()));
        }
        JsonNode request = parse(body);
        Request parsed = request == null ? null : Request.of(operation, request);
        String invalid = parsed == null ? "body is not a JSON object" : parsed.invalid();
        if (invalid != null) {
            String id = parsed == null ? null : parsed.transactionId;
            record(new ReceivedCall(received, operation, id, null, 400, "INVALID_REQUEST", false, false));
            return new Answer(400, error("INVALID_REQUEST", invalid, id));
        }
        Answer first = process(received, parsed);
        return answerTwice ? process(clock.instant(), parsed) : first;
    }

    private synchronized Answer process(Instant received, Request request) {
        Processed earlier = transactions.get(request.transactionId);
        if (earlier != null) {
            if (!earlier.fingerprint.equals(request.fingerprint())) {
                return answer(received, request, 409, error("TRANSACTION_CONFLICT",
                        "transactionId was used before with other content", request.transactionId), false, false);
            }
            ObjectNode replay = earlier.answer.deepCopy();
            replay.put("duplicate", true);
            return answer(received, request, earlier.status, replay, false, true);
        }
        Answer answer;
        switch (request.operation) {
            case "debit":
                answer = debit(request);
                break;
            case "credit":
                answer = credit(request);
                break;
            default:
                answer = rollback(request);
                break;
        }
        if (answer.status == 400 || answer.status != 200 && !request.operation.equals("debit")) {
            // Not recorded: malformed requests, and refused credits and rollbacks, which may be sent
            // again under the same id once their cause is fixed. A refused debit stays refused, so a
            // late copy of it can never take money after Cellbet was told no.
            return answer(received, request, answer.status, answer.body, false, false);
        }
        transactions.put(request.transactionId, new Processed(request, answer.status, answer.body,
                answer.status == 200 && request.operation.equals("debit")));
        return answer(received, request, answer.status, answer.body, answer.status == 200, false);
    }

    private Answer debit(Request request) {
        Player player = players.get(request.playerId);
        if (rolledBack.contains(request.transactionId)) {
            return new Answer(409, error("ALREADY_ROLLED_BACK",
                    "this debit was rolled back before it arrived", request.transactionId));
        }
        if (player == null) {
            return new Answer(404, error("PLAYER_NOT_FOUND", "no player " + request.playerId, request.transactionId));
        }
        if (!player.currency.equals(request.currency)) {
            return new Answer(422, error("CURRENCY_MISMATCH", "the player's wallet is in " + player.currency,
                    request.transactionId));
        }
        if (player.balanceMinor < request.amountMinor) {
            return new Answer(422, error("INSUFFICIENT_FUNDS",
                    "balance " + player.balanceMinor + " is less than " + request.amountMinor, request.transactionId));
        }
        player.balanceMinor -= request.amountMinor;
        return new Answer(200, ok(request.transactionId, player.balanceMinor));
    }

    private Answer credit(Request request) {
        Player player = players.get(request.playerId);
        if (player == null) {
            return new Answer(404, error("PLAYER_NOT_FOUND", "no player " + request.playerId, request.transactionId));
        }
        if (!player.currency.equals(request.currency)) {
            return new Answer(422, error("CURRENCY_MISMATCH", "the player's wallet is in " + player.currency,
                    request.transactionId));
        }
        player.balanceMinor = Math.addExact(player.balanceMinor, request.amountMinor);
        return new Answer(200, ok(request.transactionId, player.balanceMinor));
    }

    private Answer rollback(Request request) {
        Processed original = transactions.get(request.originalTransactionId);
        if (original != null && !original.operation.equals("debit")) {
            return new Answer(400, error("INVALID_REQUEST", "only debits are rolled back", request.transactionId));
        }
        boolean refund = original != null && original.standing && !rolledBack.contains(request.originalTransactionId);
        // Remember the id even when the debit is unknown: if it arrives later it is refused.
        rolledBack.add(request.originalTransactionId);
        Player player = players.get(request.playerId);
        if (refund) {
            // The money goes back to whoever the debit took it from, whatever the rollback names.
            player = players.get(original.request.playerId);
            player.balanceMinor = Math.addExact(player.balanceMinor, original.request.amountMinor);
            original.standing = false;
        }
        ObjectNode ok = ok(request.transactionId, player == null ? null : player.balanceMinor);
        ok.put("rolledBack", refund);
        return new Answer(200, ok);
    }

    private Answer balanceAnswer(Instant received, JsonNode request) {
        String playerId = request == null ? "" : request.path("playerId").asText("");
        synchronized (this) {
            Player player = players.get(playerId);
            Answer answer = player == null
                    ? new Answer(404, error("PLAYER_NOT_FOUND", "no player " + playerId, null))
                    : new Answer(200, json.createObjectNode().put("status", "OK").put("playerId", playerId)
                            .put("currency", player.currency).put("balanceMinor", player.balanceMinor));
            record(new ReceivedCall(received, "balance", null, null, answer.status,
                    answer.body.path("code").asText("OK"), false, false));
            return answer;
        }
    }

    private synchronized Answer transactionAnswer(Instant received, String transactionId) {
        Processed processed = transactions.get(transactionId);
        Answer answer = processed == null
                ? new Answer(404, error("TRANSACTION_NOT_FOUND", "no transaction " + transactionId, transactionId))
                : new Answer(200, json.createObjectNode().put("status", "OK").put("transactionId", transactionId)
                        .put("operation", processed.operation).put("httpStatus", processed.status)
                        .put("rolledBack", rolledBack.contains(transactionId))
                        .set("answer", processed.answer));
        record(new ReceivedCall(received, "transaction", transactionId, null, answer.status,
                answer.body.path("code").asText("OK"), false, false));
        return answer;
    }

    private Answer answer(Instant received, Request request, int status, ObjectNode body, boolean applied,
            boolean duplicate) {
        record(new ReceivedCall(received, request.operation, request.transactionId, request.originalTransactionId,
                status, body.path("code").asText("OK"), applied, duplicate));
        return new Answer(status, body);
    }

    private static boolean takeFailure(AtomicInteger failures) {
        while (failures != null) {
            int left = failures.get();
            if (left == 0) {
                return false;
            }
            if (left == UNTIL_CLEARED || failures.compareAndSet(left, left - 1)) {
                return true;
            }
        }
        return false;
    }

    private synchronized void record(ReceivedCall call) {
        journal.addLast(call);
        while (journal.size() > JOURNAL_SIZE_MAX) {
            journal.removeFirst();
        }
    }

    // ---------------------------------------------------------------- admin

    private void admin(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        JsonNode request = body.length == 0 ? json.createObjectNode() : parse(body);
        if (request == null) {
            send(exchange, 400, error("INVALID_REQUEST", "body is not a JSON object", null));
            return;
        }
        if (method.equals("POST") && path.equals("/admin/players")) {
            String playerId = request.path("playerId").asText("");
            String currency = request.path("currency").asText("");
            if (playerId.isEmpty() || !currency.matches("[A-Z]{3}") || !request.path("balanceMinor").canConvertToLong()
                    || request.path("balanceMinor").asLong() < 0) {
                send(exchange, 400, error("INVALID_REQUEST",
                        "playerId, currency (ISO 4217) and balanceMinor (>= 0) are required", null));
                return;
            }
            openPlayer(playerId, currency, request.path("balanceMinor").asLong());
            send(exchange, 200, player(playerId));
        } else if (method.equals("GET") && path.startsWith("/admin/players/")) {
            String playerId = URLDecoder.decode(path.substring("/admin/players/".length()), StandardCharsets.UTF_8);
            Optional<Long> balance = balance(playerId);
            if (balance.isPresent()) {
                send(exchange, 200, player(playerId));
            } else {
                send(exchange, 404, error("PLAYER_NOT_FOUND", "no player " + playerId, null));
            }
        } else if (method.equals("POST") && path.equals("/admin/slow")) {
            slow(Duration.ofMillis(Math.max(0, request.path("millis").asLong(0))));
            send(exchange, 200, behaviour());
        } else if (method.equals("POST") && path.equals("/admin/fail")) {
            if (request.path("untilCleared").asBoolean(false)) {
                failUntilCleared();
            } else if (request.hasNonNull("operation")) {
                fail(request.path("operation").asText(), (int) Math.max(0, request.path("count").asLong(0)));
            } else {
                fail((int) Math.max(0, request.path("count").asLong(0)));
            }
            send(exchange, 200, behaviour());
        } else if (method.equals("POST") && path.equals("/admin/answer-twice")) {
            answerTwice(request.path("on").asBoolean(true));
            send(exchange, 200, behaviour());
        } else if (method.equals("POST") && path.equals("/admin/normal")) {
            normal();
            send(exchange, 200, behaviour());
        } else if (method.equals("POST") && path.equals("/admin/down")) {
            // Nothing would listen to an "up" request, so going down over HTTP is always for a while.
            long millis = Math.max(1, request.path("millis").asLong(1000));
            send(exchange, 202, json.createObjectNode().put("downForMillis", millis));
            timers.execute(this::down);
            timers.schedule(this::up, millis, TimeUnit.MILLISECONDS);
        } else if (method.equals("GET") && path.equals("/admin/journal")) {
            ArrayNode calls = json.createArrayNode();
            journal().forEach(call -> calls.add(json.valueToTree(journalEntry(call))));
            ObjectNode answer = json.createObjectNode();
            answer.set("calls", calls);
            send(exchange, 200, answer);
        } else {
            send(exchange, 404, error("NOT_FOUND", "no admin endpoint " + method + " " + path, null));
        }
    }

    private static Map<String, Object> journalEntry(ReceivedCall call) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("receivedAt", call.receivedAt().toString());
        entry.put("operation", call.operation());
        entry.put("transactionId", call.transactionId());
        entry.put("originalTransactionId", call.originalTransactionId());
        entry.put("httpStatus", call.httpStatus());
        entry.put("code", call.code());
        entry.put("applied", call.applied());
        entry.put("duplicate", call.duplicate());
        return entry;
    }

    private ObjectNode player(String playerId) {
        synchronized (this) {
            Player player = players.get(playerId);
            return json.createObjectNode().put("playerId", playerId).put("currency", player.currency)
                    .put("balanceMinor", player.balanceMinor);
        }
    }

    private ObjectNode behaviour() {
        int failures = failuresLeft.get();
        ObjectNode node = json.createObjectNode().put("slowMillis", delay.toMillis()).put("answerTwice", answerTwice);
        if (failures == UNTIL_CLEARED) {
            node.put("failing", "untilCleared");
        } else {
            node.put("failing", failures);
        }
        return node;
    }

    // ---------------------------------------------------------------- helpers

    private static String operation(String method, String path) {
        if (method.equals("POST")) {
            switch (path) {
                case "/debit":
                    return "debit";
                case "/credit":
                    return "credit";
                case "/rollback":
                    return "rollback";
                case "/balance":
                    return "balance";
                default:
                    return null;
            }
        }
        if (method.equals("GET")) {
            if (path.equals("/balance")) {
                return "balance";
            }
            if (path.startsWith("/transactions/") && path.length() > "/transactions/".length()) {
                return "transaction";
            }
        }
        return null;
    }

    private ObjectNode ok(String transactionId, Long balanceMinor) {
        ObjectNode node = json.createObjectNode().put("status", "OK").put("transactionId", transactionId);
        if (balanceMinor != null) {
            node.put("balanceMinor", balanceMinor);
        }
        node.put("duplicate", false);
        return node;
    }

    private ObjectNode error(String code, String message, String transactionId) {
        ObjectNode node = json.createObjectNode().put("status", "ERROR").put("code", code).put("message", message);
        if (transactionId != null) {
            node.put("transactionId", transactionId);
        }
        node.put("duplicate", false);
        return node;
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String rawQuery(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? "" : query;
    }

    private JsonNode queryJson(String rawQuery) {
        ObjectNode node = json.createObjectNode();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                node.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return node;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(BODY_SIZE_MAX + 1);
            return body.length > BODY_SIZE_MAX ? null : body;
        }
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---------------------------------------------------------------- standalone

    /**
     * Runs the wallet until the process is stopped:
     * {@code --port 8090 --secret s3cret [--host 127.0.0.1] [--player p-1:EUR:10000]...}.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = 8090;
        String host = "127.0.0.1";
        String secret = System.getenv("CELLBET_BRAND_WALLET_SECRET");
        List<String[]> players = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port":
                    port = Integer.parseInt(required(args[i], value));
                    i++;
                    break;
                case "--host":
                    host = required(args[i], value);
                    i++;
                    break;
                case "--secret":
                    secret = required(args[i], value);
                    i++;
                    break;
                case "--player":
                    String[] parts = required(args[i], value).split(":");
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("--player wants <playerId>:<currency>:<balanceMinor>");
                    }
                    players.add(parts);
                    i++;
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: --port N --secret S [--host H] [--player id:CUR:minor]...");
            }
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("--secret (or CELLBET_BRAND_WALLET_SECRET) is required");
        }
        ReferenceBrandWallet wallet = start(host, port, secret, Clock.systemUTC());
        for (String[] player : players) {
            wallet.openPlayer(player[0], player[1], Long.parseLong(player[2]));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            wallet.close();
            stopped.countDown();
        }));
        System.out.println("Reference brand wallet listening on " + wallet.baseUrl() + " (admin under /admin/)");
        stopped.await();
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    // ---------------------------------------------------------------- state

    private static final class Player {
        final String currency;
        long balanceMinor;

        Player(String currency, long balanceMinor) {
            this.currency = currency;
            this.balanceMinor = balanceMinor;
        }
    }

    /** A transaction id the wallet has answered, with what it answered. */
    private static final class Processed {
        final Request request;
        final String operation;
        final String fingerprint;
        final int status;
        final ObjectNode answer;
        /** An applied debit not rolled back. */
        boolean standing;

        Processed(Request request, int status, ObjectNode answer, boolean standing) {
            this.request = request;
            this.operation = request.operation;
            this.fingerprint = request.fingerprint();
            this.status = status;
            this.answer = answer;
            this.standing = standing;
        }
    }

    private record Answer(int status, ObjectNode body) {
    }

    private record Request(String operation, String transactionId, String playerId, String currency,
            long amountMinor, boolean amountValid, String originalTransactionId) {

        static Request of(String operation, JsonNode body) {
            JsonNode amount = body.path("amountMinor");
            boolean amountValid = amount.isIntegralNumber() && amount.canConvertToLong() && amount.asLong() > 0;
            return new Request(operation, text(body, "transactionId"), text(body, "playerId"), text(body, "currency"),
                    amountValid ? amount.asLong() : 0, amountValid, text(body, "originalTransactionId"));
        }

        private static String text(JsonNode body, String field) {
            JsonNode value = body.get(field);
            return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
        }

        String invalid() {
            if (transactionId == null) {
                return "transactionId is required";
            }
            if (playerId == null) {
                return "playerId is required";
            }
            if (currency == null || !currency.matches("[A-Z]{3}")) {
                return "currency must be an ISO 4217 code";
            }
            if (!amountValid) {
                return "amountMinor must be a positive integer";
            }
            if (operation.equals("rollback") && originalTransactionId == null) {
                return "originalTransactionId is required";
            }
            if (operation.equals("rollback") && originalTransactionId.equals(transactionId)) {
                return "a rollback needs its own transactionId";
            }
            return null;
        }

        String fingerprint() {
            return operation + "|" + playerId + "|" + currency + "|" + amountMinor + "|" + originalTransactionId;
        }
    }
}
