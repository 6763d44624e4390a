package io.cellbet.cell.accounts;

import io.cellbet.accounts.api.PlayerBrands;
import io.cellbet.cell.config.application.BrandCatalog;
import io.cellbet.contracts.config.BrandConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The brands players register with and launch from: those of the configuration the control plane replicated to this cell. */
@ApplicationScoped
public class CatalogPlayerBrands implements PlayerBrands {

    private final BrandCatalog catalog;

    public CatalogPlayerBrands(BrandCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<Terms> find(String brand) {
        if (brand == null || brand.isBlank()) {
            return Optional.empty();
        }
        return catalog.find(brand).map(config -> new Terms(config.code(),
                config.currencies() == null ? List.of() : config.currencies(),
                !BrandConfig.WALLET_SEAMLESS.equals(config.walletMode()), config.kycGateOrNone(),
                config.embedding() == null ? null : config.embedding().secretRef()));
    }
}
