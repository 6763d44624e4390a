package io.cellbet.sportsbook.live;

import io.cellbet.sportsbook.api.EventChanged;
import io.cellbet.sportsbook.api.EventView;

/**
 * What one client may see: a brand's view hides what the brand disabled and prices odds with its margins. Clients
 * with the same view share every frame, so a change is serialised once per view, not once per client.
 */
interface LiveView {

    /** The feed as it is: no brand. */
    LiveView RAW = new LiveView() {
        @Override
        public String key() {
            return "";
        }

        @Override
        public EventChanged change(EventChanged change) {
            return change;
        }

        @Override
        public EventView event(EventView event) {
            return event;
        }
    };

    /** Views with the same key show the same. */
    String key();

    /** The change as this view shows it; null when it shows nothing of it. */
    EventChanged change(EventChanged change);

    /** The event as this view shows it; null when the view hides the event. */
    EventView event(EventView event);
}
