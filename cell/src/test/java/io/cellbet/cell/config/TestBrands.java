package io.cellbet.cell.config;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.contracts.config.ConfigChanged;
import io.cellbet.contracts.messaging.Exchanges;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings brands to the test cell the way the control plane does, as config changes through
 * the broker, but only to this cell's own durable queue (the default exchange), so test
 * runs of other cells on the same broker never see them.
 */
public final class TestBrands {

    private final ObjectMapper json;
    private final String queue;

    public TestBrands(ObjectMapper json, String cellId) {
        this.json = json;
        this.queue = Exchanges.cellConfigQueue(cellId);
    }

    public static BrandConfig seamless(String code, String endpointUrl, String secretRef) {
        return new BrandConfig(code, code + " seamless", List.of(code.toLowerCase() + ".example"), List.of("EUR"), "en",
                List.of("sportsbook"), BrandConfig.WALLET_SEAMLESS, new BrandConfig.SeamlessWallet(endpointUrl, secretRef),
                new BrandConfig.Theme("#000000", "#ffffff", null));
    }

    public static BrandConfig internal(String code) {
        return new BrandConfig(code, code + " internal", List.of(code.toLowerCase() + ".example"), List.of("EUR"), "en",
                List.of("sportsbook"), BrandConfig.WALLET_INTERNAL, null, new BrandConfig.Theme("#000000", "#ffffff", null));
    }

    /** An internal-wallet brand whose players must be identity-verified as {@code kycGate} says. */
    public static BrandConfig gated(String code, String kycGate) {
        BrandConfig brand = internal(code);
        return new BrandConfig(brand.code(), brand.name(), brand.domains(), brand.currencies(), brand.defaultLocale(),
                brand.products(), brand.walletMode(), null, brand.theme(), kycGate, brand.embedding());
    }

    /** Brands delivered to the test cell in this JVM (one cell per test JVM). */
    private static final Set<String> APPLIED = ConcurrentHashMap.newKeySet();

    /**
     * Delivers those of the brands not yet delivered in this JVM, on the broker the test infrastructure
     * found: for a test class's {@code @BeforeEach}, so its brands reach the cell once.
     */
    public void applyOnce(BrandConfig... brands) throws Exception {
        BrandConfig[] missing = Arrays.stream(brands).filter(brand -> !APPLIED.contains(brand.code()))
                .toArray(BrandConfig[]::new);
        if (missing.length > 0) {
            apply(System.getProperty("cellbet.infra.broker.url"), missing);
            Arrays.stream(missing).forEach(brand -> APPLIED.add(brand.code()));
        }
    }

    /** Delivers one config value as the next version and waits until the cell holds that version. */
    public void applyValue(String brokerUrl, String kind, String key, Object value) throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/config/version").then().statusCode(200).body("storeId", notNullValue()));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(brokerUrl);
        try (Connection connection = factory.newConnection("test-config");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            var version = given().when().get("/api/config/version").then().extract().jsonPath();
            long next = version.getLong("version") + 1;
            ConfigChanged change = new ConfigChanged(UUID.fromString(version.getString("storeId")), next, kind, key,
                    Instant.now().truncatedTo(ChronoUnit.MICROS), json.valueToTree(value));
            UUID messageId = UUID.randomUUID();
            channel.basicPublish("", queue, ConfigEnvelopes.properties(messageId),
                    ConfigEnvelopes.body(json, messageId, json.valueToTree(change)));
            channel.waitForConfirmsOrDie(5_000);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/api/config/version")
                    .then().body("version", org.hamcrest.Matchers.greaterThanOrEqualTo((int) next)));
        }
    }

    /** Delivers the brands as the next config versions and waits until the cell serves each. */
    public void apply(String brokerUrl, BrandConfig... brands) throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/config/version").then().statusCode(200).body("storeId", notNullValue()));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(brokerUrl);
        try (Connection connection = factory.newConnection("test-brands");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (BrandConfig brand : brands) {
                var version = given().when().get("/api/config/version").then().extract().jsonPath();
                UUID store = UUID.fromString(version.getString("storeId"));
                long next = version.getLong("version") + 1;
                ConfigChanged change = new ConfigChanged(store, next, "brand", brand.code(),
                        Instant.now().truncatedTo(ChronoUnit.MICROS), json.valueToTree(brand));
                UUID messageId = UUID.randomUUID();
                channel.basicPublish("", queue, ConfigEnvelopes.properties(messageId),
                        ConfigEnvelopes.body(json, messageId, json.valueToTree(change)));
                channel.waitForConfirmsOrDie(5_000);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        given().when().get("/api/config/brands/" + brand.code()).then().statusCode(200)
                                .body("walletMode", equalTo(brand.walletMode()))
                                .body("seamlessWallet.endpointUrl", brand.seamlessWallet() == null ? nullValue()
                                        : equalTo(brand.seamlessWallet().endpointUrl())));
            }
        }
    }
}
