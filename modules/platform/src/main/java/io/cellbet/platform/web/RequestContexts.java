package io.cellbet.platform.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * For endpoints that run on the request's event loop and hand their work to a writer thread (the ledger's, the bet
 * writer's): the answer is built back on the request's Vert.x context, never on the writer's thread, which must go
 * back to its next batch at once. Off a Vert.x context (a plain thread, a test) both run where they are called.
 */
public final class RequestContexts {

    private RequestContexts() {
    }

    /** {@code stage}, completing on the current request's context instead of the thread that completes it. */
    public static <T> CompletionStage<T> resume(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return stage;
        }
        CompletableFuture<T> continued = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> context.runOnContext(ignored -> {
            if (failure != null) {
                continued.completeExceptionally(failure);
            } else {
                continued.complete(value);
            }
        }));
        return continued;
    }

    /**
     * Runs {@code work}, which blocks (a database read), on a worker thread when called on an event loop, and
     * completes on the request's context.
     */
    public static <T> CompletionStage<T> blocking(Callable<T> work) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            try {
                return CompletableFuture.completedFuture(work.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return context.executeBlocking(work, false).toCompletionStage();
    }
}
