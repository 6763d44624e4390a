package io.cellbet.accounts.api;

import java.util.List;
import java.util.Optional;

/**
 * The brands this cell serves, as registration needs them. The app provides it from the brand
 * configuration the control plane replicated to the cell.
 */
public interface PlayerBrands {

    /**
     * What registration needs of a brand.
     *
     * @param currencies      the currencies its players may hold
     * @param internalWallet  whether Cellbet's ledger holds its players' money (else the brand's seamless wallet)
     * @param kycGate         {@code none}, {@code before-deposit} or {@code before-play}
     */
    record Terms(String code, List<String> currencies, boolean internalWallet, String kycGate) {
    }

    /** The brand's terms; empty when this cell does not serve the brand. */
    Optional<Terms> find(String brand);
}
