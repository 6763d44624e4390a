package io.cellbet.sportsbook.bets.domain;

import java.math.BigDecimal;

/** One selection of a bet slip: an outcome of a market of an event, at the odds the player saw. */
public record Selection(String eventId, int marketTypeId, String specifiers, String outcomeId, BigDecimal odds) {

    /** The market's key in exposure rows and logs: {@code event/type/specifiers}. */
    public String marketKey() {
        return eventId + "/" + marketTypeId + "/" + specifiers;
    }

    public String outcomeKey() {
        return marketKey() + "/" + outcomeId;
    }
}
