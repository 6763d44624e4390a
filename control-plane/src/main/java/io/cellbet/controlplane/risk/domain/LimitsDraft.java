package io.cellbet.controlplane.risk.domain;

import io.cellbet.contracts.config.BetLimits;
import java.util.Map;
import java.util.TreeMap;

/**
 * A brand's whole bet limits as a client sent them, before {@link LimitRules} checked them. Sports are
 * keyed by text, so a key that is not a sport id can be named in the answer.
 *
 * @param configVersion  optional: the version the client read; the change is refused when the stored
 *                       limits have moved on since (no lost update through a whole PUT)
 */
public record LimitsDraft(BetLimits.Limits defaults, Map<String, BetLimits.Limits> sports, Long configVersion) {

    /** The limits it describes; only meaningful once {@link LimitRules#check(LimitsDraft)} passed. */
    public BetLimits limits() {
        Map<Integer, BetLimits.Limits> bySport = new TreeMap<>();
        if (sports != null) {
            sports.forEach((sport, limits) -> bySport.put(Integer.valueOf(sport), limits));
        }
        return new BetLimits(defaults, bySport);
    }
}
