package io.cellbet.controlplane;

import java.util.UUID;

/** Brand request bodies for tests. */
public final class BrandFixtures {

    private BrandFixtures() {
    }

    /** A brand code no other test uses. */
    public static String uniqueCode() {
        return "B" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    /** A valid brand as JSON, in the shape of {@code POST /api/brands}. */
    public static String brandJson(String code, String domain, String currency) {
        return """
                {"code":"%s","name":"Acme Bet","domains":["%s"],"currencies":["%s"],"defaultLocale":"en",
                 "products":["sportsbook","casino"],"walletMode":"internal",
                 "theme":{"primaryColour":"#0a7d32","secondaryColour":"#ffffff","logoUrl":"https://acme.example/logo.svg"}}"""
                .formatted(code, domain, currency);
    }
}
