package io.cellbet.ops.bench.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellbet.ops.bench.JsonHttp;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench's players of one brand on one cell: registers new ones ({@code player<n>@bench.example}, all with the
 * same password) and logs them in, the player whose last login is the longest ago first. Logins thus go round the
 * players in turn, and a player logs in again only after every other one did: with at least
 * {@link #playersFor(double, int)} players, none goes over the cell's limit of logins per login name.
 */
public final class BenchPlayers {

    /** Mixes four character classes and contains no player's name, as the cell's rules ask. */
    static final String PASSWORD = "Kick-0ff-Storm!";
    static final String DATE_OF_BIRTH = "1990-04-23";
    static final String COUNTRY = "GB";
    static final String CURRENCY = "EUR";
    static final String EMAIL_DOMAIN = "bench.example";

    private final JsonHttp http;
    private final String registerUrl;
    private final String loginUrl;
    private final AtomicLong sequence = new AtomicLong();
    /** E-mails of the registered players, the next to log in first; guarded by itself. */
    private final Deque<String> byLastLogin = new ArrayDeque<>();

    public BenchPlayers(JsonHttp http, String cellBaseUrl, String brand) {
        this.http = http;
        this.registerUrl = cellBaseUrl + "/api/brands/" + brand + "/players";
        this.loginUrl = cellBaseUrl + "/api/brands/" + brand + "/login";
    }

    /**
     * Players needed so that logins at {@code loginsPerSecond}, going round them in turn, log none of them in more than
     * {@code loginsPerPlayerPerMinute} times a minute.
     */
    static int playersFor(double loginsPerSecond, int loginsPerPlayerPerMinute) {
        return (int) Math.ceil(loginsPerSecond * 60 / loginsPerPlayerPerMinute);
    }

    /** The registration of player {@code n}, as {@code POST /api/brands/{brand}/players} takes it. */
    static Map<String, Object> registration(long n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email(n));
        body.put("username", username(n));
        body.put("password", PASSWORD);
        body.put("dateOfBirth", DATE_OF_BIRTH);
        body.put("country", COUNTRY);
        body.put("currency", CURRENCY);
        return body;
    }

    static String email(long n) {
        return username(n) + "@" + EMAIL_DOMAIN;
    }

    static String username(long n) {
        return "player" + n;
    }

    /** Players registered so far (those the cell answered 201 for). */
    public int size() {
        synchronized (byLastLogin) {
            return byLastLogin.size();
        }
    }

    /**
     * Registers a new player; 201 or fails. The player is the next to log in: its only request so far is the
     * registration, while the others may have logged in within the minute. Returns the player as the cell answered.
     */
    public JsonNode register() throws IOException, InterruptedException {
        long n = sequence.getAndIncrement();
        JsonNode player = http.send("POST", registerUrl, registration(n)).expect(201, "POST " + registerUrl);
        synchronized (byLastLogin) {
            byLastLogin.addFirst(email(n));
        }
        return player;
    }

    /**
     * Logs in the player whose last login is the longest ago, with the right password; 200 or fails. Returns the
     * session ({@code accessToken}, {@code player}, ...).
     */
    public JsonNode login() throws IOException, InterruptedException {
        String email;
        synchronized (byLastLogin) {
            email = byLastLogin.pollFirst();
            if (email == null) {
                throw new IllegalStateException("No player registered to log in");
            }
            byLastLogin.addLast(email);
        }
        return http.send("POST", loginUrl, Map.of("login", email, "password", PASSWORD))
                .expect(200, "POST " + loginUrl);
    }

    /** Registers players, {@code threads} at a time, until there are at least {@code count}; not measured. */
    public void registerUntil(int count, int threads) throws Exception {
        int missing = count - size();
        if (missing <= 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                tasks.add(() -> {
                    register();
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
