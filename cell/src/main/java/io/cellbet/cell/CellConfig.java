package io.cellbet.cell;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Identity of this cell and how it reaches the control plane. */
@ConfigMapping(prefix = "cellbet.cell")
public interface CellConfig {

    /** The cell's id ({@code cell-1}); names its queues and tags everything it reports. */
    String id();

    /** Where the cell runs, shown in the registry. */
    @WithDefault("local")
    String region();

    /** The cell's public base URL, announced to the control plane. */
    String baseUrl();

    /** Brand codes this cell serves; absent means every brand. */
    Optional<List<String>> brands();

    /** Base URL of the control plane's API, for config snapshots. */
    String controlPlaneUrl();

    /** Time allowed for one snapshot request to the control plane. */
    @WithDefault("5s")
    Duration snapshotTimeout();

    /** Pause before a failed snapshot is tried again; it doubles with each further failure. */
    @WithDefault("2s")
    Duration snapshotRetryInterval();

    /** Longest pause between snapshot attempts while the control plane cannot be reached. */
    @WithDefault("30s")
    Duration snapshotRetryIntervalMax();

    /** How often the cell reports itself to the control plane. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** Brand configurations kept in the in-memory cache at most. */
    @WithDefault("10000")
    long brandCacheSizeMax();

    /** Brands' sportsbook content documents (up to some 40,000 entries each) kept in the in-memory cache at most. */
    @WithDefault("1000")
    long contentCacheSizeMax();

    /**
     * Whether the cell's ops endpoints ({@code /api/wallet/...}, {@code /api/accounts/...}) require an ops
     * token from the control plane. Off only in tests that are not about it.
     */
    @WithDefault("true")
    boolean opsAuthRequired();
}
