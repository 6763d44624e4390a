package io.cellbet.cell.config;

import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the test cell with an empty config queue and removes the queue afterwards. */
public class CellQueueCleanup implements QuarkusTestResourceLifecycleManager {

    /** The test cell's queue; the id can be overridden (_TEST_CELLBET_CELL_ID) to run test runs side by side. */
    static final String QUEUE = Exchanges.cellConfigQueue(
            System.getenv().getOrDefault("_TEST_CELLBET_CELL_ID", "cell-test"));

    @Override
    public Map<String, String> start() {
        TestInfrastructure.broker().deleteQueuesIfPresent(QUEUE);
        return Map.of();
    }

    @Override
    public void stop() {
        TestInfrastructure.broker().deleteQueuesIfPresent(QUEUE);
    }
}
