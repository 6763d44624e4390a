package io.cellbet.ops.bench.bets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.ops.bench.AsyncPosts;
import io.cellbet.ops.bench.JsonHttp;
import io.cellbet.ops.bench.accounts.BenchPlayers;
import io.cellbet.ops.bench.wallet.WalletRest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bench's players of one brand, registered, logged in and funded before the load, each with an access token to
 * place bets with. The deposits are large enough that INSUFFICIENT_FUNDS never limits a run.
 */
final class Bettors {

    static final String CLEARING_KIND = "payments_clearing";
    static final String CASH_KIND = "cash";

    /** One player's access token; tokens outlive the run (the bench's cell issues long-lived ones). */
    record Bettor(String playerId, String accessToken, long cashAccountId) {
    }

    private final List<Bettor> list;
    private final String betsPath;
    private final ObjectMapper json;

    private Bettors(List<Bettor> list, String brand, ObjectMapper json) {
        this.list = List.copyOf(list);
        this.betsPath = "/api/brands/" + brand + "/players/me/bets";
        this.json = json;
    }

    /**
     * Registers {@code count} players of {@code brand}, {@code threads} at a time, logs each in once and deposits
     * {@code depositMinor} on its cash account from the brand's payments clearing account (over the ops wallet API).
     */
    static Bettors open(JsonHttp http, JsonHttp ops, String cellBaseUrl, String brand, int count, long depositMinor,
            int threads) throws Exception {
        BenchPlayers players = new BenchPlayers(http, cellBaseUrl, brand);
        players.registerUntil(count, threads);
        WalletRest wallet = new WalletRest(ops, cellBaseUrl);
        long clearing = wallet.openHouseAccount(brand, CLEARING_KIND);
        List<Callable<Bettor>> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            logins.add(() -> fund(wallet, brand, players.login(), clearing, depositMinor));
        }
        List<Bettor> bettors = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Bettor> bettor : pool.invokeAll(logins)) {
                bettors.add(bettor.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return new Bettors(bettors, brand, http.mapper());
    }

    /** The logged-in player's cash account, funded by a deposit keyed by the account. */
    private static Bettor fund(WalletRest wallet, String brand, JsonNode session, long clearing, long depositMinor)
            throws IOException, InterruptedException {
        String playerId = session.path("player").path("id").asText();
        // Opening the account the registration opened finds it.
        long cash = wallet.openPlayerAccount(brand, playerId, CASH_KIND);
        wallet.transferOrFail(new WalletRest.TransferBody("bets-bench-deposit-" + cash, List.of(new WalletRest.Leg(
                clearing, cash, depositMinor, WalletRest.CURRENCY, "deposit", "bets-bench-funding"))));
        return new Bettor(playerId, session.path("accessToken").asText(), cash);
    }

    int size() {
        return list.size();
    }

    Bettor get(int index) {
        return list.get(index);
    }

    /** Places a slip as the bettor; completes with the cell's answer, whatever its status. */
    CompletionStage<AsyncPosts.Answer> place(AsyncPosts posts, Bettor bettor, Map<String, Object> slip)
            throws IOException {
        return posts.post(betsPath, bettor.accessToken(), json.writeValueAsBytes(slip));
    }
}
