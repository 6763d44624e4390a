package io.cellbet.controlplane.brands.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellbet.contracts.config.BrandConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrandRulesTest {

    static BrandConfig valid() {
        return new BrandConfig("ACME", "Acme Bet", List.of("acme.example"), List.of("EUR", "GBP"), "en-GB",
                List.of("sportsbook", "casino"), "internal", null,
                new BrandConfig.Theme("#0a7d32", "#FFFFFF", "https://acme.example/logo.svg"));
    }

    private static List<String> fields(BrandConfig brand) {
        return BrandRules.check(brand).stream().map(Violation::field).toList();
    }

    @Test
    void acceptsAValidBrand() {
        assertEquals(List.of(), BrandRules.check(valid()));
    }

    @Test
    void acceptsTheKnownKycGatesOnly() {
        BrandConfig brand = valid();
        for (String gate : BrandConfig.KYC_GATES) {
            assertEquals(List.of(), BrandRules.check(withKycGate(brand, gate)), gate);
        }
        assertEquals(List.of("kycGate"), fields(withKycGate(brand, "before-lunch")));
    }

    private static BrandConfig withKycGate(BrandConfig brand, String gate) {
        return new BrandConfig(brand.code(), brand.name(), brand.domains(), brand.currencies(), brand.defaultLocale(),
                brand.products(), brand.walletMode(), brand.seamlessWallet(), brand.theme(), gate, brand.embedding());
    }

    @Test
    void namesTheUnknownCurrencyByItsIndex() {
        BrandConfig brand = new BrandConfig("ACME", "Acme", List.of("acme.example"), List.of("EUR", "EURO"), "en",
                List.of("casino"), "internal", null, valid().theme());
        assertEquals(List.of("currencies[1]"), fields(brand));
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        BrandConfig empty = new BrandConfig(null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("code", "name", "domains", "currencies", "defaultLocale", "products", "walletMode", "theme"),
                fields(empty));
    }

    @Test
    void rejectsDuplicatesAndMalformedValues() {
        BrandConfig brand = new BrandConfig("acme", "Acme", List.of("Acme.example", "b.example", "b.example"),
                List.of("EUR"), "xx-!!", List.of("poker"), "internal", null,
                new BrandConfig.Theme("green", "#ffffff", "ftp://acme.example/logo"));
        assertEquals(List.of("code", "domains[0]", "domains[2]", "defaultLocale", "products[0]",
                "theme.primaryColour", "theme.logoUrl"), fields(brand));
    }

    @Test
    void requiresTheExternalWalletInSeamlessMode() {
        BrandConfig seamless = new BrandConfig("ACME", "Acme", List.of("acme.example"), List.of("EUR"), "en",
                List.of("casino"), "seamless", null, valid().theme());
        assertEquals(List.of("seamlessWallet"), fields(seamless));
        BrandConfig badWallet = new BrandConfig("ACME", "Acme", List.of("acme.example"), List.of("EUR"), "en",
                List.of("casino"), "seamless", new BrandConfig.SeamlessWallet("not a url", "has spaces"),
                valid().theme());
        assertEquals(List.of("seamlessWallet.endpointUrl", "seamlessWallet.secretRef"), fields(badWallet));
        BrandConfig unknownMode = new BrandConfig("ACME", "Acme", List.of("acme.example"), List.of("EUR"), "en",
                List.of("casino"), "external", null, valid().theme());
        assertTrue(fields(unknownMode).contains("walletMode"));
    }

    @Test
    void acceptsAnEmbeddingWithASecretAndOrigins() {
        BrandConfig embedded = valid().withEmbedding(new BrandConfig.Embedding("acme-launch",
                List.of("https://www.acme.example", "http://localhost:8000")));
        assertEquals(List.of(), BrandRules.check(embedded));
    }

    @Test
    void namesEachBrokenEmbeddingRule() {
        assertEquals(List.of("embedding.secretRef", "embedding.allowedOrigins"),
                fields(valid().withEmbedding(new BrandConfig.Embedding(null, null))));
        assertEquals(List.of("embedding.secretRef", "embedding.allowedOrigins[0]", "embedding.allowedOrigins[1]",
                "embedding.allowedOrigins[2]", "embedding.allowedOrigins[3]", "embedding.allowedOrigins[5]"),
                fields(valid().withEmbedding(new BrandConfig.Embedding("has spaces", List.of(
                        "https://www.acme.example/app", "ftp://acme.example", "https://Acme.example",
                        "https://acme.example:70000", "https://acme.example:8443", "https://acme.example:8443")))));
    }
}
