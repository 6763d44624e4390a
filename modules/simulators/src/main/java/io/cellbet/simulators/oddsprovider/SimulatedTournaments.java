package io.cellbet.simulators.oddsprovider;

import java.util.ArrayList;
import java.util.List;

/**
 * The names the simulated Sports API serves: per sport, tournaments in their categories (a country, a tour, an
 * e-sports circuit) and the teams or players who play in each, with the provider's kind of URNs
 * ({@code sr:category:1}, {@code sr:tournament:17}, {@code sr:competitor:44}).
 */
final class SimulatedTournaments {

    /** A team or a player. */
    record Competitor(String id, String name, String abbreviation) {
    }

    /** A tournament in its category, and who plays in it (at least two). */
    record Tournament(String id, String name, String categoryId, String categoryName, List<Competitor> competitors) {
        Tournament {
            if (competitors.size() < 2) {
                throw new IllegalArgumentException(name + " needs at least two competitors");
            }
            competitors = List.copyOf(competitors);
        }
    }

    static final List<Tournament> FOOTBALL = List.of(
            tournament("sr:tournament:17", "Premier League", "sr:category:1", "England",
                    "44:Liverpool FC:LIV", "42:Arsenal FC:ARS", "38:Chelsea FC:CHE", "48:Everton FC:EVE",
                    "17:Manchester City:MCI", "35:Manchester United:MUN", "33:Tottenham Hotspur:TOT",
                    "39:Newcastle United:NEW"),
            tournament("sr:tournament:8", "LaLiga", "sr:category:32", "Spain",
                    "2817:FC Barcelona:FCB", "2829:Real Madrid:RMA", "2836:Atletico Madrid:ATM", "2833:Sevilla FC:SEV",
                    "2828:Valencia CF:VAL", "2819:Villarreal CF:VIL"),
            tournament("sr:tournament:35", "Bundesliga", "sr:category:30", "Germany",
                    "2672:FC Bayern Munich:FCB", "2673:Borussia Dortmund:BVB", "2681:Bayer 04 Leverkusen:B04",
                    "36360:RB Leipzig:RBL", "2677:VfB Stuttgart:VFB", "2674:Eintracht Frankfurt:SGE"),
            tournament("sr:tournament:23", "Serie A", "sr:category:31", "Italy",
                    "2687:Juventus Turin:JUV", "2714:SSC Napoli:NAP", "2697:Inter Milano:INT", "2692:AC Milan:MIL",
                    "2702:AS Roma:ROM", "2699:Lazio Rome:LAZ"),
            tournament("sr:tournament:37", "Eredivisie", "sr:category:35", "Netherlands",
                    "2953:AFC Ajax:AJA", "2952:PSV Eindhoven:PSV", "2959:Feyenoord Rotterdam:FEY", "2950:AZ Alkmaar:AZ",
                    "2955:FC Twente:TWE", "2961:FC Utrecht:UTR"));

    static final List<Tournament> TENNIS = List.of(
            tournament("sr:tournament:2555", "Wimbledon Men Singles", "sr:category:3", "ATP",
                    "225050:Sinner, Jannik:SIN", "407573:Alcaraz, Carlos:ALC", "14882:Djokovic, Novak:DJO",
                    "57163:Zverev, Alexander:ZVE", "163504:Medvedev, Daniil:MED", "505550:Rune, Holger:RUN"),
            tournament("sr:tournament:2449", "US Open Men Singles", "sr:category:3", "ATP",
                    "225050:Sinner, Jannik:SIN", "407573:Alcaraz, Carlos:ALC", "136042:Fritz, Taylor:FRI",
                    "214182:Ruud, Casper:RUU", "57163:Zverev, Alexander:ZVE", "163504:Medvedev, Daniil:MED"),
            tournament("sr:tournament:2577", "Roland Garros Women Singles", "sr:category:6", "WTA",
                    "228272:Swiatek, Iga:SWI", "195212:Sabalenka, Aryna:SAB", "429034:Gauff, Coco:GAU",
                    "234350:Rybakina, Elena:RYB", "69366:Pegula, Jessica:PEG", "322208:Zheng, Qinwen:ZHE"));

    static final List<Tournament> BASKETBALL = List.of(
            tournament("sr:tournament:132", "NBA", "sr:category:15", "USA",
                    "3422:Boston Celtics:BOS", "3427:Los Angeles Lakers:LAL", "3410:Milwaukee Bucks:MIL",
                    "3417:Denver Nuggets:DEN", "3428:Golden State Warriors:GSW", "3435:Miami Heat:MIA",
                    "3416:Phoenix Suns:PHX", "3421:New York Knicks:NYK"),
            tournament("sr:tournament:138", "Euroleague", "sr:category:13", "International",
                    "3514:Real Madrid:RMB", "3468:FC Barcelona:BAR", "3509:Panathinaikos Athens:PAO",
                    "3501:Olympiacos Piraeus:OLY", "3470:Fenerbahce Istanbul:FEN", "3476:Anadolu Efes:EFS",
                    "3502:Maccabi Tel Aviv:MTA", "6045:AS Monaco:MON"));

    static final List<Tournament> COUNTER_STRIKE = List.of(
            tournament("sr:tournament:16102", "IEM Katowice", "sr:category:1664", "ESL",
                    "366696:Natus Vincere:NAVI", "371578:FaZe Clan:FAZE", "249814:Team Vitality:VIT",
                    "249820:G2 Esports:G2", "520054:Team Spirit:SPI", "249816:MOUZ:MOUZ"),
            tournament("sr:tournament:16926", "BLAST Premier World Final", "sr:category:1665", "BLAST",
                    "249814:Team Vitality:VIT", "371578:FaZe Clan:FAZE", "249818:Astralis:AST",
                    "249822:Team Liquid:LIQ", "520054:Team Spirit:SPI", "366696:Natus Vincere:NAVI"),
            tournament("sr:tournament:18474", "PGL Major Copenhagen", "sr:category:1666", "PGL",
                    "366696:Natus Vincere:NAVI", "249820:G2 Esports:G2", "249816:MOUZ:MOUZ",
                    "249822:Team Liquid:LIQ", "249818:Astralis:AST", "249814:Team Vitality:VIT"));

    private SimulatedTournaments() {
    }

    /** {@code number:name:abbreviation} per competitor, the number that of its {@code sr:competitor} URN. */
    private static Tournament tournament(String id, String name, String categoryId, String categoryName,
            String... competitors) {
        List<Competitor> list = new ArrayList<>();
        for (String competitor : competitors) {
            String[] parts = competitor.split(":");
            list.add(new Competitor("sr:competitor:" + parts[0], parts[1], parts[2]));
        }
        return new Tournament(id, name, categoryId, categoryName, list);
    }
}
