package io.cellbet.ops.bench;

import java.util.List;

/** A named benchmark that sets up what it needs, measures, tears down and returns its metrics. */
public interface Scenario {

    /** Name used on the command line and for the result file, e.g. {@code config}. */
    String name();

    /** One line saying what it measures. */
    String description();

    /** The options it accepts; any other option is rejected before it runs. */
    List<ScenarioOption> options();

    BenchResult run(BenchOptions options) throws Exception;
}
