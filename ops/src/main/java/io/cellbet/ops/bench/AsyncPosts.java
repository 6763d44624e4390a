package io.cellbet.ops.bench;

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

/**
 * Non-blocking JSON POSTs for a load generator: one Vert.x event loop (epoll when available) and a pool of keep-alive
 * connections, so a request costs the generator no thread of its own and no thread switch. On a 2-core machine the
 * generator shares the cores with the cell and PostgreSQL; the blocking JDK client with one thread per outstanding
 * request took a large part of them. Safe to use from any thread.
 */
public final class AsyncPosts implements AutoCloseable {

    /** An answer: its status and body text (empty when there was none). */
    public record Answer(int status, String body) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final RequestOptions post;

    /**
     * @param baseUrl     {@code http://host:port} of the app
     * @param connections most connections, hence most requests on the wire at once
     */
    public AsyncPosts(String baseUrl, int connections) {
        URI base = URI.create(baseUrl);
        this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.post = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(base.getPort())
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json")
                .setTimeout(JsonHttp.DEFAULT_TIMEOUT.toMillis());
    }

    /**
     * Posts a JSON body to {@code path} with {@code Authorization: Bearer <bearerToken>}; completes with the answer
     * whatever its status, and fails only when no answer came (connection lost, timeout).
     */
    public CompletionStage<Answer> post(String path, String bearerToken, byte[] json) {
        RequestOptions request = new RequestOptions(post).setURI(path)
                .putHeader("Authorization", "Bearer " + bearerToken);
        return client.request(request)
                .compose(sent -> sent.send(Buffer.buffer(json)))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())))
                .toCompletionStage();
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
