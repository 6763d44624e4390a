package io.cellbet.ops.bench.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.ops.bench.AsyncPosts;
import java.util.concurrent.CompletionStage;

/**
 * The benchmark's non-blocking {@code POST /api/wallet/transfers} over {@link AsyncPosts}: one event loop and a pool
 * of keep-alive connections, so a transfer costs the load generator no thread of its own.
 */
final class AsyncTransfers implements AutoCloseable {

    private static final String PATH = "/api/wallet/transfers";

    private final AsyncPosts posts;
    private final String opsToken;
    private final ObjectMapper json;

    AsyncTransfers(String cellBaseUrl, String opsToken, int connections, ObjectMapper json) {
        this.posts = new AsyncPosts(cellBaseUrl, connections);
        this.opsToken = opsToken;
        this.json = json;
    }

    /** Posts one transfer request; completes when the cell answered {@code 201}, fails otherwise. */
    CompletionStage<Integer> postExpectingCreated(WalletRest.TransferBody body) throws JsonProcessingException {
        return posts.post(PATH, opsToken, json.writeValueAsBytes(body)).thenApply(answer -> {
            if (answer.status() != 201) {
                throw new IllegalStateException("POST " + PATH + " " + body.idempotencyKey() + " answered "
                        + answer.status() + " (expected 201)");
            }
            return answer.status();
        });
    }

    @Override
    public void close() {
        posts.close();
    }
}
