package io.cellbet.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock that rules in time (lockouts, cooling-off periods, token lifetimes) read. It is the
 * system's UTC clock unless an app or a test provides another {@link Clock} bean, so a test
 * moves a day forward without sleeping.
 */
@Singleton
public class Clocks {

    @Produces
    @DefaultBean
    @Singleton
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
