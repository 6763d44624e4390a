package io.cellbet.cell.config.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.CellConfig;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.contracts.config.ConfigKinds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Optional;

/**
 * Brand configurations as this cell serves them, read through a cache that every announced
 * config version empties ({@link ReplicatedValues}).
 */
@ApplicationScoped
public class BrandCatalog {

    /** Most brands one list call returns. */
    public static final int PAGE_MAX = 500;

    private final Instance<ConfigReplica> replica;
    private final ReplicatedValues<BrandConfig> brands;

    public BrandCatalog(Instance<ConfigReplica> replica, ObjectMapper json, CellConfig config) {
        this.replica = replica;
        this.brands = new ReplicatedValues<>(ConfigKinds.BRAND, BrandConfig.class, config.brandCacheSizeMax(),
                replica::get, json);
    }

    public Optional<BrandConfig> find(String code) {
        return brands.find(code);
    }

    public List<BrandConfig> list(int limit) {
        return replica.get().values(ConfigKinds.BRAND, Math.min(limit, PAGE_MAX)).stream().map(brands::value).toList();
    }

    void versionAnnounced(@Observes ConfigVersionAnnounced announced) {
        brands.versionAnnounced(announced.storeId(), announced.version());
    }
}
