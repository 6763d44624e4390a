package io.cellbet.simulators.oddsprovider;

import java.util.List;

/**
 * The sports the simulator covers, with provider sport ids, their tournaments and competitors (the names its
 * Sports API serves) and the market types it offers for each. Market ids,
 * specifiers and outcome ids follow the provider's numbering for the common markets.
 */
enum SimulatedSport {

    FOOTBALL(1, "Football", "Soccer", SimulatedTournaments.FOOTBALL, true,
            List.of(MarketType.ONE_X_TWO, MarketType.DOUBLE_CHANCE, MarketType.DRAW_NO_BET, MarketType.TOTAL,
                    MarketType.HANDICAP, MarketType.ASIAN_HANDICAP, MarketType.BOTH_TEAMS_TO_SCORE,
                    MarketType.CORRECT_SCORE)),
    TENNIS(5, "Tennis", "Tennis", SimulatedTournaments.TENNIS, false, List.of(MarketType.MATCH_WINNER, MarketType.SET_WINNER, MarketType.TOTAL_GAMES)),
    BASKETBALL(2, "Basketball", "Basketball", SimulatedTournaments.BASKETBALL, false, List.of(MarketType.WINNER_INCL_OVERTIME, MarketType.TOTAL_POINTS,
                    MarketType.POINT_HANDICAP)),
    COUNTER_STRIKE(109, "Counter-Strike", "ESport Counter-Strike", SimulatedTournaments.COUNTER_STRIKE, false, List.of(MarketType.MATCH_WINNER, MarketType.MAP_WINNER));

    private final int providerId;
    private final String displayName;
    private final String sportsApiName;
    private final List<SimulatedTournaments.Tournament> tournaments;
    private final boolean draws;
    private final List<MarketType> marketTypes;

    SimulatedSport(int providerId, String displayName, String sportsApiName,
            List<SimulatedTournaments.Tournament> tournaments, boolean draws, List<MarketType> marketTypes) {
        this.providerId = providerId;
        this.displayName = displayName;
        this.sportsApiName = sportsApiName;
        this.tournaments = tournaments;
        this.draws = draws;
        this.marketTypes = marketTypes;
    }

    int providerId() {
        return providerId;
    }

    String displayName() {
        return displayName;
    }

    /** The sport's URN in the provider's Sports API, {@code sr:sport:1}. */
    String urn() {
        return "sr:sport:" + providerId;
    }

    /** The sport's name as the provider's Sports API gives it ("Soccer" for football). */
    String sportsApiName() {
        return sportsApiName;
    }

    List<SimulatedTournaments.Tournament> tournaments() {
        return tournaments;
    }

    /** Every competitor's name, tournament by tournament. */
    List<String> competitors() {
        return tournaments.stream().flatMap(tournament -> tournament.competitors().stream())
                .map(SimulatedTournaments.Competitor::name).toList();
    }

    boolean draws() {
        return draws;
    }

    List<MarketType> marketTypes() {
        return marketTypes;
    }

    /**
     * A market type: the provider's id, the specifier key its lines vary by (none for a single-line market), the
     * lines it offers, and its outcome ids.
     */
    enum MarketType {
        ONE_X_TWO(1, null, List.of(), List.of("1", "2", "3")),
        DOUBLE_CHANCE(10, null, List.of(), List.of("9", "10", "11")),
        DRAW_NO_BET(11, null, List.of(), List.of("4", "5")),
        TOTAL(18, "total", List.of("0.5", "1.5", "2.5", "3.5", "4.5", "5.5"), List.of("12", "13")),
        HANDICAP(14, "hcp", List.of("0:1", "1:0", "0:2", "2:0"), List.of("1711", "1712", "1713")),
        ASIAN_HANDICAP(16, "hcp", List.of("-1.5", "-0.5", "0", "0.5", "1.5"), List.of("1714", "1715")),
        BOTH_TEAMS_TO_SCORE(29, null, List.of(), List.of("74", "76")),
        CORRECT_SCORE(41, "score", List.of("0:0"), List.of("110", "114", "118", "122", "126", "130", "134", "138",
                "142", "146")),
        MATCH_WINNER(186, null, List.of(), List.of("4", "5")),
        SET_WINNER(202, "setnr", List.of("1", "2", "3"), List.of("4", "5")),
        TOTAL_GAMES(189, "total", List.of("20.5", "21.5", "22.5", "23.5"), List.of("12", "13")),
        WINNER_INCL_OVERTIME(219, null, List.of(), List.of("4", "5")),
        TOTAL_POINTS(225, "total", List.of("210.5", "215.5", "220.5", "225.5"), List.of("12", "13")),
        POINT_HANDICAP(223, "hcp", List.of("-7.5", "-3.5", "3.5", "7.5"), List.of("1714", "1715")),
        MAP_WINNER(328, "mapnr", List.of("1", "2", "3"), List.of("4", "5"));

        private final int id;
        private final String specifierKey;
        private final List<String> lines;
        private final List<String> outcomeIds;

        MarketType(int id, String specifierKey, List<String> lines, List<String> outcomeIds) {
            this.id = id;
            this.specifierKey = specifierKey;
            this.lines = lines;
            this.outcomeIds = outcomeIds;
        }

        int id() {
            return id;
        }

        List<String> outcomeIds() {
            return outcomeIds;
        }

        /** The specifiers of each market of this type: one per line, or "" for a single-line market. */
        List<String> specifiers() {
            if (specifierKey == null) {
                return List.of("");
            }
            return lines.stream().map(line -> specifierKey + "=" + line).toList();
        }
    }
}
