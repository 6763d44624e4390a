package io.cellbet.ops.bench.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's non-blocking {@code POST /api/wallet/transfers}: one Vert.x event loop (epoll when available)
 * and a pool of keep-alive connections, so a request costs the load generator no thread of its own and no thread
 * switch. On a 2-core machine the generator shares the cores with the cell and PostgreSQL; the blocking JDK client
 * with one thread per outstanding request took a large part of them.
 */
final class AsyncTransfers implements AutoCloseable {

    private static final String PATH = "/api/wallet/transfers";

    private final Vertx vertx;
    private final HttpClient client;
    private final ObjectMapper json;
    private final RequestOptions post;

    AsyncTransfers(String cellBaseUrl, String opsToken, int connections, ObjectMapper json) {
        URI base = URI.create(cellBaseUrl);
        this.json = json;
        this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.post = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(base.getPort())
                .setURI(PATH).putHeader("Content-Type", "application/json").putHeader("Accept", "application/json")
                .putHeader("Authorization", "Bearer " + opsToken)
                .setTimeout(TimeUnit.SECONDS.toMillis(10));
    }

    /** Posts one transfer request; completes when the cell answered {@code 201}, fails otherwise. */
    CompletionStage<Integer> postExpectingCreated(WalletRest.TransferBody body) throws JsonProcessingException {
        Buffer payload = Buffer.buffer(json.writeValueAsBytes(body));
        return client.request(post)
                .compose(request -> request.send(payload))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .toCompletionStage()
                .thenApply(status -> {
                    if (status != 201) {
                        throw new IllegalStateException("POST " + PATH + " " + body.idempotencyKey() + " answered "
                                + status + " (expected 201)");
                    }
                    return status;
                });
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
