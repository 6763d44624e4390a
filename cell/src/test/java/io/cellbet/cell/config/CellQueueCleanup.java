package io.cellbet.cell.config;

import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.testsupport.infra.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the test cell with empty config and feed queues and removes them afterwards. */
public class CellQueueCleanup implements QuarkusTestResourceLifecycleManager {

    /** The test cell's queue; the id can be overridden (_TEST_CELLBET_CELL_ID) to run test runs side by side. */
    static final String CELL_ID = System.getenv().getOrDefault("_TEST_CELLBET_CELL_ID", "cell-test");
    static final String QUEUE = Exchanges.cellConfigQueue(CELL_ID);
    /** The test cell's feed queue: other test runs publish to platform.feed while this cell is not running. */
    static final String FEED_QUEUE = Exchanges.cellFeedQueue(CELL_ID);

    @Override
    public Map<String, String> start() {
        TestInfrastructure.broker().deleteQueuesIfPresent(QUEUE, FEED_QUEUE);
        return Map.of();
    }

    @Override
    public void stop() {
        TestInfrastructure.broker().deleteQueuesIfPresent(QUEUE, FEED_QUEUE);
    }
}
