package io.cellbet.feed.api.uof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingKeyTest {

    @Test
    void readsTheContractsExamples() throws Exception {
        RoutingKey prematch = RoutingKey.parse("hi.pre.-.odds_change.1.sr:match.1234.-");
        assertEquals("hi", prematch.priority());
        assertEquals("pre", prematch.prematch());
        assertNull(prematch.live());
        assertEquals("odds_change", prematch.messageType());
        assertEquals(1, prematch.sportId());
        assertEquals("sr:match:1234", prematch.eventUrn());
        assertNull(prematch.nodeId());

        RoutingKey live = RoutingKey.parse("lo.-.live.bet_settlement.21.sr:match.13073610.-");
        assertEquals("live", live.live());
        assertEquals(21, live.sportId());
        assertEquals("lo.-.live.bet_settlement.21.sr:match.13073610.-", live.toString());

        RoutingKey alive = RoutingKey.parse("-.-.-.alive.-.-.-.-");
        assertNull(alive.sportId());
        assertNull(alive.eventUrn());
    }

    @Test
    void buildsTheKeysTheProviderPublishesWith() {
        FeedMessage.BetStop stop = new FeedMessage.BetStop(1, "sr:match:42", 1, null, "all", -1);
        assertEquals("hi.-.live.bet_stop.1.sr:match.42.-", RoutingKey.forEvent(stop, true, true, 1).toString());
        assertEquals("-.-.-.alive.-.-.-.-", RoutingKey.forSystem(new FeedMessage.Alive(1, 1, true)).toString());
    }

    @Test
    void refusesKeysThatAreNotFeedKeys() {
        for (String bad : List.of("hi.pre.-.odds_change.1.sr:match.1234", "xx.pre.-.odds_change.1.sr:match.1.-",
                "hi.pre.-.-.1.sr:match.1.-", "hi.pre.-.odds_change.football.sr:match.1.-")) {
            assertThrows(FeedParseException.class, () -> RoutingKey.parse(bad), bad);
        }
    }
}
