package io.cellbet.sportsbook.api;

import io.cellbet.contracts.config.BetLimits;

/** Each brand's sportsbook limits as the control plane set them; the cell app implements this from its replicated config. */
public interface BrandBetLimits {

    /** The brand's limits; {@link BetLimits#BUILT_IN} when it has none of its own. */
    BetLimits limits(String brandCode);
}
