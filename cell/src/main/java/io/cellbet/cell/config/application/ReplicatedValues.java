package io.cellbet.cell.config.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The replicated values of one config kind, read through a Caffeine cache.
 *
 * <p>The cache is only a cache: the database holds the truth. When a new config version is
 * announced the cache is emptied and no value read at an older version is cached again, so a
 * replica never serves a value older than the newest version it has heard of for longer than
 * one read.
 */
public final class ReplicatedValues<V> {

    private final String kind;
    private final Class<V> type;
    private final Supplier<ConfigReplica> replica;
    private final ObjectMapper json;
    private final Cache<String, Optional<V>> cache;
    private final AtomicReference<ConfigReplica.State> newestAnnounced =
            new AtomicReference<>(new ConfigReplica.State(null, 0));

    public ReplicatedValues(String kind, Class<V> type, long sizeMax, Supplier<ConfigReplica> replica,
            ObjectMapper json) {
        this.kind = kind;
        this.type = type;
        this.replica = replica;
        this.json = json;
        this.cache = Caffeine.newBuilder().maximumSize(sizeMax).build();
    }

    /** The value held for {@code key}, empty when there is none. */
    public Optional<V> find(String key) {
        Optional<V> cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        ConfigReplica.VersionedValue stored = replica.get().find(kind, key).orElseThrow();
        Optional<V> value = Optional.ofNullable(stored.json()).map(this::value);
        ConfigReplica.State announced = newestAnnounced.get();
        boolean current = announced.storeId() == null
                || announced.storeId().equals(stored.state().storeId()) && stored.state().version() >= announced.version();
        if (current) {
            cache.put(key, value);
            // A version announced between the read and the put has already emptied the cache;
            // what was just put may predate it, so it goes too.
            if (newestAnnounced.get() != announced) {
                cache.invalidate(key);
            }
        }
        return value;
    }

    /** Reads a stored value of this kind. */
    public V value(String text) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + kind + " is not readable", e);
        }
    }

    /** A config version exists from now on: drop what was cached before it (or in another store). */
    public void versionAnnounced(UUID storeId, long version) {
        newestAnnounced.updateAndGet(held -> storeId == null || storeId.equals(held.storeId())
                ? new ConfigReplica.State(held.storeId(), Math.max(held.version(), version))
                : new ConfigReplica.State(storeId, version));
        cache.invalidateAll();
    }
}
