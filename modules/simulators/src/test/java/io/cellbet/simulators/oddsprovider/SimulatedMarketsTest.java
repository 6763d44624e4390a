package io.cellbet.simulators.oddsprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cellbet.feed.api.markets.MarketDescriptions;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulator offers only markets the project describes, so every name it causes can be rendered. */
class SimulatedMarketsTest {

    @Test
    void everySimulatedMarketHasADescriptionWithItsOutcomes() {
        MarketDescriptions descriptions = MarketDescriptions.common();
        for (SimulatedSport sport : SimulatedSport.values()) {
            for (SimulatedSport.MarketType type : sport.marketTypes()) {
                for (String specifiers : type.specifiers()) {
                    MarketDescriptions.MarketName name = descriptions.render(type.id(), specifiers,
                            sport.competitors().get(0), sport.competitors().get(1));
                    assertEquals(Set.copyOf(type.outcomeIds()), name.outcomes().keySet(), type + " " + specifiers);
                    assertFalse(name.name().contains("{"), name.name());
                    name.outcomes().values().forEach(outcome -> assertFalse(outcome.contains("{"), outcome));
                }
            }
        }
    }
}
