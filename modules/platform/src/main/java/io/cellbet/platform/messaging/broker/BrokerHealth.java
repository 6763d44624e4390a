package io.cellbet.platform.messaging.broker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the broker connection, reported at {@code /q/health/ready}. */
@Readiness
@ApplicationScoped
public class BrokerHealth implements HealthCheck {

    private final Broker broker;

    public BrokerHealth(Broker broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        boolean connected = broker.isConnected();
        return HealthCheckResponse.named("broker")
                .status(connected || !broker.requiredForReadiness())
                .withData("connected", connected)
                .build();
    }
}
