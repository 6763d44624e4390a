package io.cellbet.accounts.api;

import java.util.List;
import java.util.Optional;

/**
 * The brands this cell serves, as registration and launches need them. The app provides it from the brand
 * configuration the control plane replicated to the cell.
 */
public interface PlayerBrands {

    /**
     * What registration needs of a brand.
     *
     * @param currencies      the currencies its players may hold
     * @param internalWallet  whether Cellbet's ledger holds its players' money (else the brand's seamless wallet)
     * @param kycGate         {@code none}, {@code before-deposit} or {@code before-play}
     * @param launchSecretRef the name of the secret the brand signs launch tokens with; {@code null} when
     *                        the brand does not embed the web app (no launch tokens)
     */
    record Terms(String code, List<String> currencies, boolean internalWallet, String kycGate,
            String launchSecretRef) {

        /** A brand that does not embed the web app. */
        public Terms(String code, List<String> currencies, boolean internalWallet, String kycGate) {
            this(code, currencies, internalWallet, kycGate, null);
        }
    }

    /** The brand's terms; empty when this cell does not serve the brand. */
    Optional<Terms> find(String brand);
}
