package io.cellbet.wallet.api;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a seamless brand's wallet is and how to sign calls to it: the wallet module asks, the
 * app that knows the brands (the cell, from its config replica) answers.
 */
public interface BrandWallets {

    /**
     * The brand's wallet when the brand runs in seamless mode and is completely configured;
     * empty for an unknown brand, an internal-wallet brand, or a seamless brand whose endpoint
     * or secret is missing.
     */
    Optional<SeamlessEndpoint> seamlessWallet(String brand);

    /**
     * A brand's wallet endpoint and its HMAC key.
     *
     * @param endpointUrl  base URL; Cellbet calls {@code <endpointUrl>/debit} and so on
     * @param secret       the HMAC-SHA256 key; never logged (see {@link #toString()})
     */
    record SeamlessEndpoint(URI endpointUrl, String secret) {

        public SeamlessEndpoint {
            Objects.requireNonNull(endpointUrl, "endpointUrl");
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("secret is required");
            }
        }

        @Override
        public String toString() {
            return "SeamlessEndpoint[endpointUrl=" + endpointUrl + ", secret=***]";
        }
    }
}
