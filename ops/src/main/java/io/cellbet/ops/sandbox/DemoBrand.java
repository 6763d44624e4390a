package io.cellbet.ops.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cellbet.contracts.accounts.LaunchTokens;
import io.cellbet.ops.platform.AppProcess;
import io.cellbet.ops.platform.LocalPlatform;
import io.cellbet.ops.platform.OpsLogin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's ready-made brand, so the player web app works at once: {@value #CODE}, Cellbet's own ledger, EUR and
 * GBP, English, embeddable from the demo "brand site" this class also serves. That site is what a brand's own
 * server does for embedding: each page view signs a fresh launch token for its logged-in user (here always
 * {@value #SITE_PLAYER}) with the brand's launch secret and frames the cell's app with it.
 */
final class DemoBrand implements AutoCloseable {

    static final String CODE = "DEMO";
    static final String SITE_PLAYER = "site-user-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer site;
    private final String cellUrl;

    private DemoBrand(HttpServer site, String cellUrl) {
        this.site = site;
        this.cellUrl = cellUrl;
    }

    /** Creates the brand through the control plane's API (unless it exists) and starts the demo site. */
    static DemoBrand start(LocalPlatform platform, int sitePort) throws IOException, InterruptedException {
        String siteOrigin = "http://127.0.0.1:" + sitePort;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = OpsLogin.token(platform);
        Map<String, Object> brand = Map.of("code", CODE, "name", "Cellbet Demo", "domains", List.of("demo.localhost"),
                "currencies", List.of("EUR", "GBP"), "defaultLocale", "en", "products", List.of("sportsbook"),
                "walletMode", "internal",
                "theme", Map.of("primaryColour", "#14532d", "secondaryColour", "#ffffff"),
                "embedding", Map.of("secretRef", LocalPlatform.LAUNCH_SECRET_REF,
                        "allowedOrigins", List.of(siteOrigin, "http://localhost:" + sitePort)));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(platform.controlPlane().uri("/api/brands"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(brand)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IOException("The control plane refused the demo brand: " + created.statusCode() + " "
                    + created.body());
        }
        AppProcess cell = platform.cells().get(0);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", sitePort), 0);
        DemoBrand demo = new DemoBrand(server, cell.baseUrl());
        server.createContext("/", demo::page);
        server.start();
        return demo;
    }

    String appUrl() {
        return cellUrl + "/app/" + CODE + "/";
    }

    String siteUrl() {
        return "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String nonce = HexFormat.of().formatHex(RANDOM.generateSeed(16));
            String token = LaunchTokens.sign(new LaunchTokens.Payload(CODE, SITE_PLAYER, "EUR", "GB", "1990-04-23",
                    "en", Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond(), nonce), LocalPlatform.LAUNCH_SECRET);
            String frame = URI.create(cellUrl + "/app/" + CODE + "/embed?token=" + token).toString();
            byte[] html = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Demo brand site</title>"
                    + "<style>body{font-family:system-ui;margin:0}header{padding:12px 16px;background:#222;color:#fff}"
                    + "iframe{border:0;width:100%;height:calc(100vh - 48px)}</style></head><body>"
                    + "<header>Demo brand site: its own header, Cellbet's app below, logged in as " + SITE_PLAYER
                    + "</header><iframe title=\"Sportsbook\" src=\"" + frame + "\"></iframe></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        }
    }

    @Override
    public void close() {
        site.stop(0);
    }
}
