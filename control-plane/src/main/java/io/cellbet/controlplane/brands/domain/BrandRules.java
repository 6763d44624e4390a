package io.cellbet.controlplane.brands.domain;

import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.platform.id.BrandCode;
import io.cellbet.platform.money.Money;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The rules a brand's configuration must satisfy; every broken rule is reported, not just the first. */
public final class BrandRules {

    public static final int NAME_LENGTH_MAX = 100;
    public static final int DOMAINS_MAX = 20;
    public static final int CURRENCIES_MAX = 20;
    public static final int URL_LENGTH_MAX = 2000;

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private BrandRules() {
    }

    public static List<Violation> check(BrandConfig brand) {
        List<Violation> violations = new ArrayList<>();
        if (brand == null) {
            violations.add(new Violation("", "a brand object is required"));
            return violations;
        }
        if (brand.code() == null) {
            violations.add(new Violation("code", "is required"));
        } else if (!BrandCode.isValid(brand.code())) {
            violations.add(new Violation("code", "must be 2-16 upper-case letters, digits or '_', starting with a letter or digit"));
        }
        if (brand.name() == null || brand.name().isBlank()) {
            violations.add(new Violation("name", "is required"));
        } else if (brand.name().length() > NAME_LENGTH_MAX) {
            violations.add(new Violation("name", "must be at most " + NAME_LENGTH_MAX + " characters"));
        }
        checkList(violations, "domains", brand.domains(), DOMAINS_MAX,
                domain -> HOST_NAME.matcher(domain).matches(), "is not a lower-case host name");
        checkList(violations, "currencies", brand.currencies(), CURRENCIES_MAX,
                Money::isCurrencyCode, "is not an ISO 4217 currency code");
        checkLocale(violations, brand.defaultLocale());
        checkList(violations, "products", brand.products(), BrandConfig.PRODUCTS.size(),
                BrandConfig.PRODUCTS::contains, "must be one of " + BrandConfig.PRODUCTS);
        checkWallet(violations, brand);
        checkTheme(violations, brand.theme());
        if (brand.kycGate() != null && !BrandConfig.KYC_GATES.contains(brand.kycGate())) {
            violations.add(new Violation("kycGate", "must be one of " + BrandConfig.KYC_GATES));
        }
        checkEmbedding(violations, brand.embedding());
        return violations;
    }

    private static void checkList(List<Violation> violations, String field, List<String> values, int sizeMax,
            Predicate<String> valid, String invalidMessage) {
        if (values == null || values.isEmpty()) {
            violations.add(new Violation(field, "must list at least one value"));
            return;
        }
        if (values.size() > sizeMax) {
            violations.add(new Violation(field, "must list at most " + sizeMax + " values"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String path = field + "[" + i + "]";
            if (value == null || !valid.test(value)) {
                violations.add(new Violation(path, (value == null ? "null" : "'" + value + "'") + " " + invalidMessage));
            } else if (!seen.add(value)) {
                violations.add(new Violation(path, "'" + value + "' is listed twice"));
            }
        }
    }

    private static void checkLocale(List<Violation> violations, String tag) {
        if (tag == null || tag.isBlank()) {
            violations.add(new Violation("defaultLocale", "is required"));
            return;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            if (!LANGUAGES.contains(locale.getLanguage())) {
                violations.add(new Violation("defaultLocale", "'" + tag + "' has no ISO 639 language"));
            }
        } catch (IllformedLocaleException e) {
            violations.add(new Violation("defaultLocale", "'" + tag + "' is not a BCP 47 language tag"));
        }
    }

    private static void checkWallet(List<Violation> violations, BrandConfig brand) {
        if (brand.walletMode() == null) {
            violations.add(new Violation("walletMode", "is required: internal or seamless"));
        } else if (BrandConfig.WALLET_SEAMLESS.equals(brand.walletMode())) {
            BrandConfig.SeamlessWallet wallet = brand.seamlessWallet();
            if (wallet == null) {
                violations.add(new Violation("seamlessWallet", "is required when walletMode is seamless"));
                return;
            }
            if (!isHttpUrl(wallet.endpointUrl())) {
                violations.add(new Violation("seamlessWallet.endpointUrl", "must be an absolute http(s) URL"));
            }
            if (wallet.secretRef() == null || !BrandConfig.SeamlessWallet.SECRET_REF.matcher(wallet.secretRef()).matches()) {
                violations.add(new Violation("seamlessWallet.secretRef",
                        "must name the secret holding the signing key (letters, digits, . _ / -)"));
            }
        } else if (BrandConfig.WALLET_INTERNAL.equals(brand.walletMode())) {
            if (brand.seamlessWallet() != null) {
                violations.add(new Violation("seamlessWallet", "must be absent when walletMode is internal"));
            }
        } else {
            violations.add(new Violation("walletMode", "'" + brand.walletMode() + "' must be internal or seamless"));
        }
    }

    /** An embedding, when present, names its launch secret and lists at least one origin to frame the app. */
    private static void checkEmbedding(List<Violation> violations, BrandConfig.Embedding embedding) {
        if (embedding == null) {
            return;
        }
        if (embedding.secretRef() == null || !BrandConfig.SeamlessWallet.SECRET_REF.matcher(embedding.secretRef()).matches()) {
            violations.add(new Violation("embedding.secretRef",
                    "must name the secret holding the launch-token key (letters, digits, . _ / -)"));
        }
        checkList(violations, "embedding.allowedOrigins", embedding.allowedOrigins(),
                BrandConfig.Embedding.ALLOWED_ORIGINS_MAX, BrandRules::isOrigin,
                "is not an origin such as https://www.acme.example or http://localhost:8000");
    }

    /** {@code http(s)://host[:port]}: a lower-case host, an optional port, nothing after it. */
    private static boolean isOrigin(String text) {
        return text.length() <= URL_LENGTH_MAX && ORIGIN.matcher(text).matches()
                && HOST_NAME.matcher(text.substring(text.indexOf("//") + 2).replaceFirst(":[0-9]+$", "")).matches()
                && portValid(text);
    }

    private static boolean portValid(String origin) {
        int colon = origin.lastIndexOf(':');
        if (colon < "https:".length()) {
            return true;
        }
        int port = Integer.parseInt(origin.substring(colon + 1));
        return port >= 1 && port <= 65_535;
    }

    private static void checkTheme(List<Violation> violations, BrandConfig.Theme theme) {
        if (theme == null) {
            violations.add(new Violation("theme", "is required"));
            return;
        }
        if (theme.primaryColour() == null || !COLOUR.matcher(theme.primaryColour()).matches()) {
            violations.add(new Violation("theme.primaryColour", "must be a colour #rrggbb"));
        }
        if (theme.secondaryColour() == null || !COLOUR.matcher(theme.secondaryColour()).matches()) {
            violations.add(new Violation("theme.secondaryColour", "must be a colour #rrggbb"));
        }
        if (theme.logoUrl() != null && !isHttpUrl(theme.logoUrl())) {
            violations.add(new Violation("theme.logoUrl", "must be an absolute http(s) URL"));
        }
    }

    private static boolean isHttpUrl(String text) {
        if (text == null || text.length() > URL_LENGTH_MAX) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
