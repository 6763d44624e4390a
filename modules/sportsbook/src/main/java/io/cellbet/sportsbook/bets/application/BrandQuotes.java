package io.cellbet.sportsbook.bets.application;

import io.cellbet.contracts.config.SportsbookContent;
import io.cellbet.sportsbook.api.BrandContents;
import io.cellbet.sportsbook.bets.domain.Selection;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import io.cellbet.sportsbook.catalog.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Outcomes as a brand's players are offered them: what the brand hides (sports, events, markets) is not on offer,
 * and odds carry the brand's margin for the sport, exactly as the brand's event pages show them.
 */
@ApplicationScoped
public class BrandQuotes {

    private final Catalog catalog;
    private final BrandContents contents;

    public BrandQuotes(Catalog catalog, BrandContents contents) {
        this.catalog = catalog;
        this.contents = contents;
    }

    /** The brand's quotes of the legs' outcomes, by {@code event/type/specifiers/outcome}; hidden ones left out. */
    public Map<String, Catalog.Quote> ofLegs(String brand, List<BetBook.StoredLeg> legs) {
        return offered(brand, read(legs.stream().map(leg -> new Wanted(leg.eventId(), leg.typeId(), leg.specifiers(),
                leg.outcomeId())).toList()).get());
    }

    /**
     * The quotes of several slips' selections, each as the slip's brand offers them (by outcome key, hidden ones left
     * out), one map per slip in their order, from one read of the catalog. In a transaction the read goes with the
     * transaction's next statement, and the quotes are made when asked for ({@link Catalog#quotes}).
     */
    public Supplier<List<Map<String, Catalog.Quote>>> ofSlips(List<String> brands, List<List<Selection>> slips) {
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        slips.forEach(selections -> selections.forEach(selection -> wanted.putIfAbsent(selection.outcomeKey(),
                new Wanted(selection.eventId(), selection.marketTypeId(), selection.specifiers(),
                        selection.outcomeId()))));
        Supplier<Map<String, Catalog.Quote>> read = read(wanted.values());
        return () -> {
            Map<String, Catalog.Quote> quotes = read.get();
            List<Map<String, Catalog.Quote>> answer = new ArrayList<>(slips.size());
            for (int slip = 0; slip < slips.size(); slip++) {
                Map<String, Catalog.Quote> ofSlip = new LinkedHashMap<>();
                for (Selection selection : slips.get(slip)) {
                    Catalog.Quote quote = quotes.get(selection.outcomeKey());
                    if (quote != null) {
                        ofSlip.put(selection.outcomeKey(), quote);
                    }
                }
                answer.add(offered(brands.get(slip), ofSlip));
            }
            return answer;
        };
    }

    /** An outcome to quote. */
    private record Wanted(String eventId, int typeId, String specifiers, String outcomeId) {
    }

    /** The catalog's quotes of the outcomes, in one statement ({@link Catalog#quotes}). */
    private Supplier<Map<String, Catalog.Quote>> read(Collection<Wanted> wanted) {
        int count = wanted.size();
        String[] events = new String[count];
        int[] types = new int[count];
        String[] specifiers = new String[count];
        String[] outcomes = new String[count];
        int i = 0;
        for (Wanted outcome : wanted) {
            events[i] = outcome.eventId();
            types[i] = outcome.typeId();
            specifiers[i] = outcome.specifiers();
            outcomes[i] = outcome.outcomeId();
            i++;
        }
        return catalog.quotes(events, types, specifiers, outcomes);
    }

    /** The quotes the brand offers of these, at its prices. */
    private Map<String, Catalog.Quote> offered(String brand, Map<String, Catalog.Quote> quotes) {
        SportsbookContent content = contents.content(brand);
        Map<String, Catalog.Quote> offered = new LinkedHashMap<>();
        quotes.forEach((key, quote) -> {
            if (content.sportVisible(quote.sportId()) && content.eventVisible(quote.eventId())
                    && content.marketVisible(quote.eventId(), quote.typeId(), quote.specifiers())) {
                offered.put(key, new Catalog.Quote(quote.eventId(), quote.typeId(), quote.specifiers(),
                        quote.outcomeId(), quote.sportId(), quote.eventStatus(), quote.startTime(),
                        quote.marketStatus(), quote.cashout(), quote.odds() == null ? null
                                : content.price(quote.sportId(), quote.odds()).stripTrailingZeros(),
                        quote.active()));
            }
        });
        return offered;
    }
}
