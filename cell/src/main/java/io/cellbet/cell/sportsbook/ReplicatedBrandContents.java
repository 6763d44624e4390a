package io.cellbet.cell.sportsbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.CellConfig;
import io.cellbet.cell.config.application.BrandCatalog;
import io.cellbet.cell.config.application.ConfigReplica;
import io.cellbet.cell.config.application.ConfigVersionAnnounced;
import io.cellbet.cell.config.application.ReplicatedValues;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.SportsbookContent;
import io.cellbet.sportsbook.api.BrandContents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Brands' sportsbook content as replicated from the control plane's content manager (config kind
 * {@code sportsbook-content}), read through a cache that every announced config version empties,
 * so a new version is seen as soon as it is applied.
 */
@ApplicationScoped
public class ReplicatedBrandContents implements BrandContents {

    private final ReplicatedValues<SportsbookContent> contents;
    private final BrandCatalog brands;

    public ReplicatedBrandContents(Instance<ConfigReplica> replica, ObjectMapper json, CellConfig config,
            BrandCatalog brands) {
        this.brands = brands;
        this.contents = new ReplicatedValues<>(ConfigKinds.SPORTSBOOK_CONTENT, SportsbookContent.class,
                config.contentCacheSizeMax(), replica::get, json);
    }

    @Override
    public SportsbookContent content(String brandCode) {
        if (brandCode == null || brandCode.isBlank()) {
            return SportsbookContent.NONE;
        }
        return contents.find(brandCode).orElse(SportsbookContent.NONE);
    }

    @Override
    public boolean knows(String brandCode) {
        return brandCode != null && !brandCode.isBlank() && brands.find(brandCode).isPresent();
    }

    void versionAnnounced(@Observes ConfigVersionAnnounced announced) {
        contents.versionAnnounced(announced.storeId(), announced.version());
    }
}
