package io.cellbet.ops.bench.wallet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.cellbet.ops.bench.JsonHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batching client against a real HTTP server that answers like the cell's transfer-batches endpoint. */
class TransferBatcherTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private volatile boolean holdFirstBatch = true;
    private volatile int answerStatus = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/wallet/transfer-batches", exchange -> {
            JsonNode requests = mapper.readTree(exchange.getRequestBody()).path("requests");
            batchSizes.add(requests.size());
            if (holdFirstBatch) {
                holdFirstBatch = false;
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ArrayNode results = mapper.createArrayNode();
            // A key ending in "-poor" is refused as an overdraft would be; the others are posted.
            for (JsonNode request : requests) {
                String key = request.path("idempotencyKey").asText();
                ObjectNode result = results.addObject().put("idempotencyKey", key)
                        .put("status", key.endsWith("-poor") ? 409 : 201);
                result.putObject("body");
            }
            byte[] body = mapper.writeValueAsBytes(mapper.createObjectNode().set("results", results));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answerStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void sendsWhatWaitedWhileABatchWasOnTheWireAsTheNextBatch() throws Exception {
        try (TransferBatcher batcher = new TransferBatcher(wallet(), 1, 500)) {
            CompletableFuture<Integer> first = batcher.submit(body("t-0"));
            // The server holds the first batch: everything asked for meanwhile waits for the next one.
            await().atMost(Duration.ofSeconds(10)).until(() -> batchSizes.size() == 1);
            List<CompletableFuture<Integer>> waiting = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                waiting.add(batcher.submit(body(i == 7 ? "t-7-poor" : "t-" + i)));
            }
            release.countDown();
            assertEquals(201, first.get(10, TimeUnit.SECONDS));
            for (int i = 0; i < waiting.size(); i++) {
                assertEquals(i == 6 ? 409 : 201, waiting.get(i).get(10, TimeUnit.SECONDS), "transfer " + (i + 1));
            }
            assertEquals(List.of(1, 50), batchSizes);
        }
    }

    @Test
    void neverPutsMoreThanTheMaximumInOneBatch() throws Exception {
        try (TransferBatcher batcher = new TransferBatcher(wallet(), 1, 20)) {
            CompletableFuture<Integer> first = batcher.submit(body("m-0"));
            await().atMost(Duration.ofSeconds(10)).until(() -> batchSizes.size() == 1);
            List<CompletableFuture<Integer>> waiting = new ArrayList<>();
            for (int i = 1; i <= 45; i++) {
                waiting.add(batcher.submit(body("m-" + i)));
            }
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (CompletableFuture<Integer> status : waiting) {
                assertEquals(201, status.get(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of(1, 20, 20, 5), batchSizes);
        }
    }

    @Test
    void failsEveryTransferOfABatchTheServerRefused() throws Exception {
        holdFirstBatch = false;
        answerStatus = 500;
        try (TransferBatcher batcher = new TransferBatcher(wallet(), 2, 500)) {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> batcher.submit(body("f-1")).get(10, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains("answered 500"), failure.getCause().getMessage());
        }
    }

    private WalletRest wallet() {
        return new WalletRest(new JsonHttp(), "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static WalletRest.TransferBody body(String key) {
        return new WalletRest.TransferBody(key, List.of(new WalletRest.Leg(1, 2, 1, WalletRest.CURRENCY, "stake",
                "test")));
    }
}
