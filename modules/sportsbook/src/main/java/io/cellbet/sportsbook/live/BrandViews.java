package io.cellbet.sportsbook.live;

import io.cellbet.sportsbook.api.EventChanged;
import io.cellbet.sportsbook.api.EventSummary;
import io.cellbet.sportsbook.api.EventView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Views of the catalog per brand. */
@ApplicationScoped
public class BrandViews {

    private static final View RAW = new View();

    public View raw() {
        return RAW;
    }

    public Optional<View> of(String brand) {
        return Optional.empty();
    }

    /** What one brand shows. */
    public static class View implements LiveView {

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

        public boolean shows(EventSummary event) {
            return true;
        }

        public EventSummary summary(EventSummary event) {
            return event;
        }
    }
}
