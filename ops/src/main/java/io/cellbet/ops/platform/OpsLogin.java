package io.cellbet.ops.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An ops token for a platform started by {@link LocalPlatform}: logs in as {@code admin} at the
 * control plane, then waits until every cell accepts the token (the cells learn the control
 * plane's key through replicated config, a moment after it starts).
 */
public final class OpsLogin {

    private static final Duration ACCEPTED_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpsLogin() {
    }

    public static String token(LocalPlatform platform) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(platform.controlPlane().uri("/api/ops/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", "admin",
                            "password", LocalPlatform.OPS_ADMIN_PASSWORD)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200) {
                throw new IllegalStateException("ops login answered " + login.statusCode() + ": " + login.body());
            }
            String token = JSON.readTree(login.body()).path("accessToken").asText();
            for (AppProcess cell : platform.cells()) {
                awaitAccepted(http, cell.uri("/api/wallet/accounts?brand=OPSCHECK"), token);
            }
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("cannot get an ops token: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while getting an ops token", e);
        }
    }

    private static void awaitAccepted(HttpClient http, URI opsEndpoint, String token)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(ACCEPTED_WITHIN);
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
            status = http.send(HttpRequest.newBuilder(opsEndpoint).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(opsEndpoint + " still answers " + status + " to the ops token");
    }
}
