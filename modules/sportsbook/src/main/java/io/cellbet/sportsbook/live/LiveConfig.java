package io.cellbet.sportsbook.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Live odds pushed to websocket clients on {@code /live} ({@code cellbet.sportsbook.live.*}). */
@ConfigMapping(prefix = "cellbet.sportsbook.live")
public interface LiveConfig {

    /** How often a client hears a heartbeat frame when nothing else is sent. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /**
     * Frames written to one client and not yet on the wire before it counts as slow: its changes are then conflated
     * per market (only the latest state of each is kept) until it catches up.
     */
    @WithDefault("64")
    int inFlightFramesMax();

    /** Conflated markets one slow client may owe before it is dropped (closed with code 4008). */
    @WithDefault("5000")
    int conflatedMarketsMax();

    /** Events plus markets one client may be subscribed to. */
    @WithDefault("500")
    int subscriptionsMax();

    /** Changes kept per event so a reconnecting client resumes from its last sequence instead of a snapshot. */
    @WithDefault("32")
    int replayMax();

    /** How long a change is kept for resuming clients; a client away longer gets a snapshot. */
    @WithDefault("30s")
    Duration replayWindow();
}
