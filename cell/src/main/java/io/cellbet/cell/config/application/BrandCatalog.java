package io.cellbet.cell.config.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cellbet.cell.CellConfig;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.contracts.config.ConfigKinds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Brand configurations as this cell serves them, read through a Caffeine cache.
 *
 * <p>The cache is only a cache: the database holds the truth. When a new config version is
 * announced (applied here, or by another replica, seen on the broker) the cache is emptied
 * and no value read at an older version is cached again, so a replica never serves a brand
 * older than the newest version it has heard of for longer than one read.
 */
@ApplicationScoped
public class BrandCatalog {

    /** Most brands one list call returns. */
    public static final int PAGE_MAX = 500;

    private final Instance<ConfigReplica> replica;
    private final ObjectMapper json;
    private final Cache<String, Optional<BrandConfig>> cache;
    private final AtomicReference<ConfigReplica.State> newestAnnounced =
            new AtomicReference<>(new ConfigReplica.State(null, 0));

    public BrandCatalog(Instance<ConfigReplica> replica, ObjectMapper json, CellConfig config) {
        // Instance breaks the construction cycle: the replica announces versions to this catalog.
        this.replica = replica;
        this.json = json;
        this.cache = Caffeine.newBuilder().maximumSize(config.brandCacheSizeMax()).build();
    }

    public Optional<BrandConfig> find(String code) {
        Optional<BrandConfig> cached = cache.getIfPresent(code);
        if (cached != null) {
            return cached;
        }
        ConfigReplica.VersionedValue stored = replica.get().find(ConfigKinds.BRAND, code).orElseThrow();
        Optional<BrandConfig> brand = Optional.ofNullable(stored.json()).map(this::brand);
        ConfigReplica.State announced = newestAnnounced.get();
        boolean current = announced.storeId() == null
                || announced.storeId().equals(stored.state().storeId()) && stored.state().version() >= announced.version();
        if (current) {
            cache.put(code, brand);
        }
        return brand;
    }

    public List<BrandConfig> list(int limit) {
        return replica.get().values(ConfigKinds.BRAND, Math.min(limit, PAGE_MAX)).stream().map(this::brand).toList();
    }

    /** A config version exists from now on: drop what was cached before it (or in another store). */
    public void versionAnnounced(UUID storeId, long version) {
        newestAnnounced.updateAndGet(held -> storeId == null || storeId.equals(held.storeId())
                ? new ConfigReplica.State(held.storeId(), Math.max(held.version(), version))
                : new ConfigReplica.State(storeId, version));
        cache.invalidateAll();
    }

    private BrandConfig brand(String text) {
        try {
            return json.readValue(text, BrandConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored brand is not readable", e);
        }
    }
}
