package io.cellbet.controlplane.risk.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cellbet.contracts.config.BetLimits;
import java.time.Instant;

/**
 * A brand's bet limits and the config version of their latest change. A brand that never had limits of its
 * own gets {@link BetLimits#BUILT_IN}, with {@code builtIn} true, {@code configVersion} 0 and no
 * {@code updatedAt}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredLimits(@JsonUnwrapped BetLimits limits, boolean builtIn, long configVersion, Instant updatedAt) {

    static StoredLimits builtInLimits() {
        return new StoredLimits(BetLimits.BUILT_IN, true, 0, null);
    }
}
