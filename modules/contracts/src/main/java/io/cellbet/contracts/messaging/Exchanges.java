package io.cellbet.contracts.messaging;

/** Exchange and queue names shared by the cells and the control plane (see ARCHITECTURE.md, Messaging). */
public final class Exchanges {

    /** Topic exchange: versioned configuration, control plane to every cell. */
    public static final String PLATFORM_CONFIG = "platform.config";

    /** Topic exchange: normalised feed events, provider hub to every cell. */
    public static final String PLATFORM_FEED = "platform.feed";

    /** Topic exchange: events of cells (presence, cumulative parameters), cells to control plane. */
    public static final String CELL_EVENTS = "platform.cell-events";

    /**
     * Topic exchange: a cell's catalog changes, from the replica that applied them to every replica of the cell
     * (routing key {@code live.<cellId>}), which pushes them to its websocket clients.
     */
    public static final String CELL_LIVE = "cell.live";

    /**
     * Topic exchange: commands of the control plane to one cell (routing key
     * {@code cell.<cellId>.<command>}), such as excluding a person who self-excluded in another cell.
     */
    public static final String CELL_COMMANDS = "platform.cell-commands";

    /** The control plane's durable queue of cell events. */
    public static final String CONTROL_PLANE_CELL_EVENTS_QUEUE = "control-plane.cell-events";

    private Exchanges() {
    }

    /** Durable queue of config changes for one cell, shared by the cell's replicas. */
    public static String cellConfigQueue(String cellId) {
        return "cell." + cellId + ".config";
    }

    /** Durable queue of normalised feed events for one cell, shared by the cell's replicas. */
    public static String cellFeedQueue(String cellId) {
        return "cell." + cellId + ".feed";
    }

    /** Durable queue of the control plane's commands to one cell, shared by the cell's replicas. */
    public static String cellCommandsQueue(String cellId) {
        return "cell." + cellId + ".commands";
    }

    /** Routing key of a command to a cell on {@link #CELL_COMMANDS}: {@code cell.<cellId>.<command>}. */
    public static String cellCommandRoutingKey(String cellId, String command) {
        return "cell." + cellId + "." + command;
    }

    /** Routing key of a cell's catalog changes on {@link #CELL_LIVE}. */
    public static String cellLiveRoutingKey(String cellId) {
        return "live." + cellId;
    }

    /** Routing key of a config change: {@code config.<kind>.<key>}. */
    public static String configRoutingKey(String kind, String key) {
        return "config." + kind + "." + key;
    }

    /** Routing key of a cell event: {@code cell.<cellId>.<event>}. */
    public static String cellEventRoutingKey(String cellId, String event) {
        return "cell." + cellId + "." + event;
    }
}
