package io.cellbet.simulators.oddsprovider;

import io.cellbet.feed.api.uof.FeedMessage;
import io.cellbet.feed.api.uof.Fixture;
import io.cellbet.feed.api.uof.FeedMessage.MarketRef;
import io.cellbet.feed.api.uof.FeedMessage.OddsMarket;
import io.cellbet.feed.api.uof.FeedMessage.OddsOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** One sport event as the simulated provider holds it: fixture, live state and every market's odds. */
final class SimulatedEvent {

    /** The bookmaker's margin built into the simulated odds. */
    private static final double MARGIN = 1.06;
    private static final BigDecimal ODDS_MIN = new BigDecimal("1.01");

    /** A market and the true probability behind each outcome's odds. */
    static final class Market {
        final MarketRef ref;
        final List<String> outcomeIds;
        final double[] probabilities;
        int status = 1;

        Market(MarketRef ref, List<String> outcomeIds, double[] probabilities) {
            this.ref = ref;
            this.outcomeIds = outcomeIds;
            this.probabilities = probabilities;
        }

        OddsMarket toOdds(boolean withOutcomes) {
            List<OddsOutcome> outcomes = new ArrayList<>();
            if (withOutcomes) {
                for (int i = 0; i < outcomeIds.size(); i++) {
                    boolean active = status == 1;
                    outcomes.add(new OddsOutcome(outcomeIds.get(i), odds(probabilities[i]),
                            BigDecimal.valueOf(probabilities[i]).setScale(4, RoundingMode.HALF_EVEN), active));
                }
            }
            return new OddsMarket(ref.id(), ref.specifiers(), null, status, status == 1 ? 1 : -1, null,
                    List.copyOf(outcomes));
        }

        private static BigDecimal odds(double probability) {
            BigDecimal odds = BigDecimal.valueOf(1 / (probability * MARGIN)).setScale(2, RoundingMode.HALF_EVEN);
            return odds.compareTo(ODDS_MIN) < 0 ? ODDS_MIN : odds;
        }
    }

    /** Status names of the Sports API, by the feed's status code. */
    private static final List<String> STATUS_NAMES = List.of("not_started", "live", "suspended", "ended", "closed");

    final String urn;
    final SimulatedSport sport;
    final SimulatedTournaments.Tournament tournament;
    final SimulatedTournaments.Competitor home;
    final SimulatedTournaments.Competitor away;
    /** Written on the scheduler thread, read by the Sports API's threads too. */
    volatile long startTime;
    /** 0 not started, 1 live, 3 ended, 4 closed: the protocol's codes. Read by the Sports API's threads too. */
    volatile int status;
    int homeScore;
    int awayScore;
    int minute;
    final Map<MarketRef, Market> markets = new LinkedHashMap<>();

    SimulatedEvent(String urn, SimulatedSport sport, SimulatedTournaments.Tournament tournament,
            SimulatedTournaments.Competitor home, SimulatedTournaments.Competitor away, long startTime, int marketsMax,
            Random random) {
        this.urn = urn;
        this.sport = sport;
        this.tournament = tournament;
        this.home = home;
        this.away = away;
        this.startTime = startTime;
        for (SimulatedSport.MarketType type : sport.marketTypes()) {
            for (String specifiers : type.specifiers()) {
                if (markets.size() >= marketsMax) {
                    return;
                }
                MarketRef ref = new MarketRef(type.id(), specifiers);
                markets.put(ref, new Market(ref, type.outcomeIds(), probabilities(type.outcomeIds().size(), random)));
            }
        }
    }

    /** The producer that speaks for this event now: 1 live odds once it started, 3 prematch before. */
    int product() {
        return status == 0 ? 3 : 1;
    }

    boolean live() {
        return status == 1;
    }

    /** Moves each market's probabilities a little, as a trader or a model would. */
    void move(Market market, Random random) {
        double[] p = market.probabilities;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(0.02, p[i] * (1 + (random.nextDouble() - 0.5) * 0.2));
        }
        normalise(p);
    }

    /** The event as the Sports API describes it, written at {@code generatedAt}. */
    Fixture fixture(long generatedAt) {
        int code = status;
        return new Fixture(urn, generatedAt, startTime, false, null, STATUS_NAMES.get(code),
                new Fixture.Named(sport.urn(), sport.sportsApiName()),
                new Fixture.Named(tournament.categoryId(), tournament.categoryName()),
                new Fixture.Named(tournament.id(), tournament.name()),
                List.of(new Fixture.Competitor(home.id(), home.name(), home.abbreviation(), "home"),
                        new Fixture.Competitor(away.id(), away.name(), away.abbreviation(), "away")));
    }

    FeedMessage.SportEventStatus sportEventStatus() {
        return new FeedMessage.SportEventStatus(status, live() ? 6 : 0, BigDecimal.valueOf(homeScore),
                BigDecimal.valueOf(awayScore), live() ? minute + ":00" : null, List.of());
    }

    FeedMessage.OddsChange oddsChange(List<Market> changed, long timestamp, Long requestId) {
        List<OddsMarket> odds = new ArrayList<>();
        changed.forEach(market -> odds.add(market.toOdds(market.status == 1)));
        return new FeedMessage.OddsChange(product(), urn, timestamp, requestId, sportEventStatus(), null, null,
                List.copyOf(odds));
    }

    static double[] probabilities(int outcomes, Random random) {
        double[] p = new double[outcomes];
        for (int i = 0; i < outcomes; i++) {
            p[i] = 0.2 + random.nextDouble();
        }
        normalise(p);
        return p;
    }

    private static void normalise(double[] p) {
        double sum = 0;
        for (double value : p) {
            sum += value;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] / sum;
        }
    }
}
