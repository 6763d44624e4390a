package io.cellbet.cell.sportsbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.CellConfig;
import io.cellbet.cell.config.application.ConfigReplica;
import io.cellbet.cell.config.application.ConfigVersionAnnounced;
import io.cellbet.cell.config.application.ReplicatedValues;
import io.cellbet.contracts.config.BetLimits;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.sportsbook.api.BrandBetLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/** Brands' sportsbook limits as replicated from the control plane (config kind {@code bet-limits}). */
@ApplicationScoped
public class ReplicatedBetLimits implements BrandBetLimits {

    private final ReplicatedValues<BetLimits> limits;

    public ReplicatedBetLimits(Instance<ConfigReplica> replica, ObjectMapper json, CellConfig config) {
        this.limits = new ReplicatedValues<>(ConfigKinds.BET_LIMITS, BetLimits.class, config.contentCacheSizeMax(),
                replica::get, json);
    }

    @Override
    public BetLimits limits(String brandCode) {
        if (brandCode == null || brandCode.isBlank()) {
            return BetLimits.BUILT_IN;
        }
        return limits.find(brandCode).orElse(BetLimits.BUILT_IN);
    }

    void versionAnnounced(@Observes ConfigVersionAnnounced announced) {
        limits.versionAnnounced(announced.storeId(), announced.version());
    }
}
