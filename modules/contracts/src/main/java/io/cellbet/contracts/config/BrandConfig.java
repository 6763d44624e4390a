package io.cellbet.contracts.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A brand (a site of the operator) as configured in the control plane and held by every cell.
 *
 * @param code            upper-case code, unique, such as {@code ACME}
 * @param name            display name
 * @param domains         host names the brand is served on
 * @param currencies      ISO 4217 currencies players may hold
 * @param defaultLocale   BCP 47 language tag, such as {@code en} or {@code de-AT}
 * @param products        enabled products: {@code sportsbook}, {@code casino}
 * @param walletMode      {@code internal} (Cellbet's ledger) or {@code seamless} (the brand's own wallet)
 * @param seamlessWallet  the brand's wallet endpoint, required in seamless mode
 * @param theme           colours and logo of the player web app
 * @param kycGate         when players must be identity-verified: {@code none} (or absent),
 *                        {@code before-deposit}, or {@code before-play} (no deposit and no stake)
 * @param embedding       how the brand embeds the player web app in its own site (signed launch tokens,
 *                        origins allowed to frame it); absent when it does not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrandConfig(
        String code,
        String name,
        List<String> domains,
        List<String> currencies,
        String defaultLocale,
        List<String> products,
        String walletMode,
        SeamlessWallet seamlessWallet,
        Theme theme,
        String kycGate,
        Embedding embedding) {

    public static final String WALLET_INTERNAL = "internal";
    public static final String WALLET_SEAMLESS = "seamless";
    public static final List<String> PRODUCTS = List.of("sportsbook", "casino");
    public static final String KYC_NONE = "none";
    public static final String KYC_BEFORE_DEPOSIT = "before-deposit";
    public static final String KYC_BEFORE_PLAY = "before-play";
    public static final List<String> KYC_GATES = List.of(KYC_NONE, KYC_BEFORE_DEPOSIT, KYC_BEFORE_PLAY);

    /** A brand without a KYC gate and without embedding. */
    public BrandConfig(String code, String name, List<String> domains, List<String> currencies, String defaultLocale,
            List<String> products, String walletMode, SeamlessWallet seamlessWallet, Theme theme) {
        this(code, name, domains, currencies, defaultLocale, products, walletMode, seamlessWallet, theme, null, null);
    }

    /** A brand that does not embed the player web app in its own site. */
    public BrandConfig(String code, String name, List<String> domains, List<String> currencies, String defaultLocale,
            List<String> products, String walletMode, SeamlessWallet seamlessWallet, Theme theme, String kycGate) {
        this(code, name, domains, currencies, defaultLocale, products, walletMode, seamlessWallet, theme, kycGate, null);
    }

    /** This brand with another embedding configuration ({@code null}: not embedded). */
    public BrandConfig withEmbedding(Embedding embedding) {
        return new BrandConfig(code, name, domains, currencies, defaultLocale, products, walletMode, seamlessWallet,
                theme, kycGate, embedding);
    }

    /** The KYC gate in force: {@link #KYC_NONE} when none is set. */
    public String kycGateOrNone() {
        return kycGate == null ? KYC_NONE : kycGate;
    }

    /**
     * The brand's external wallet in seamless mode.
     *
     * @param endpointUrl  base URL of the brand's wallet API
     * @param secretRef    name of the secret holding the HMAC key (never the key itself)
     */
    public record SeamlessWallet(String endpointUrl, String secretRef) {

        /** What a secret name looks like; checked where brands are configured and where secrets are looked up. */
        public static final Pattern SECRET_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,127}");
    }

    /**
     * How the brand embeds the player web app in its own site: its server signs launch tokens
     * ({@code io.cellbet.contracts.accounts.LaunchTokens}) with the secret named here, which a cell
     * holds as {@code cellbet.accounts.launch-secrets."<secretRef>"}, and only the origins listed may
     * frame the app.
     *
     * @param secretRef       name of the secret the brand signs launch tokens with (never the key
     *                        itself), as {@link SeamlessWallet#SECRET_REF} describes
     * @param allowedOrigins  origins allowed to frame the app, {@code https://host[:port]} or
     *                        {@code http://host[:port]}, without path
     */
    public record Embedding(String secretRef, List<String> allowedOrigins) {

        /** Most origins one brand may list. */
        public static final int ALLOWED_ORIGINS_MAX = 20;
    }

    /** Colours ({@code #rrggbb}) and logo of the brand's player web app. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Theme(String primaryColour, String secondaryColour, String logoUrl) {
    }
}
