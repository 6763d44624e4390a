package io.cellbet.sportsbook.bets.application;

import io.cellbet.sportsbook.bets.domain.LegResult;
import io.cellbet.sportsbook.bets.persistence.BetBook;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Bets as players read them: with each leg's result as the catalog has it now. */
@ApplicationScoped
public class BetQueries {

    private final BetBook book;

    public BetQueries(BetBook book) {
        this.book = book;
    }

    /** The player's bet; empty when it is not theirs. */
    public Optional<BetViews.BetView> bet(UUID playerId, UUID betId) {
        return book.find(betId).filter(bet -> bet.playerId().equals(playerId)).map(bet -> views(List.of(bet)).get(0));
    }

    /** The player's bet as stored; empty when it is not theirs. */
    public Optional<BetBook.StoredBet> stored(UUID playerId, UUID betId) {
        return book.find(betId).filter(bet -> bet.playerId().equals(playerId));
    }

    public List<BetViews.BetView> views(List<BetBook.StoredBet> bets) {
        return views(bets, bets.isEmpty() ? Map.of()
                : book.legStates(bets.stream().map(BetBook.StoredBet::id).toList()));
    }

    /**
     * A bet as its placement just left it. Placement took every leg while its market was active, so no leg has a
     * result yet: nothing needs reading.
     */
    public BetViews.BetView justPlaced(BetBook.StoredBet bet) {
        return views(List.of(bet), Map.of()).get(0);
    }

    private List<BetViews.BetView> views(List<BetBook.StoredBet> bets, Map<UUID, List<BetBook.LegState>> states) {
        List<BetViews.BetView> views = new ArrayList<>();
        for (BetBook.StoredBet bet : bets) {
            List<BetViews.LegView> legs = new ArrayList<>();
            for (BetBook.StoredLeg leg : bet.legs()) {
                BetBook.LegState state = states.getOrDefault(bet.id(), List.of()).stream()
                        .filter(s -> s.leg() == leg.leg()).findFirst().orElse(null);
                Optional<LegResult> result = BetSettlement.result(leg, state);
                String shown = result.map(r -> r.voidFactor().compareTo(BigDecimal.ONE) == 0 ? "void"
                        : r.won() ? "won" : "lost").orElse("open");
                legs.add(new BetViews.LegView(leg.eventId(), leg.sportId(), leg.typeId(), leg.specifiers(),
                        leg.outcomeId(), leg.odds(), leg.live(), shown,
                        result.map(LegResult::voidFactor).filter(f -> f.signum() > 0).orElse(null),
                        result.map(LegResult::deadHeatFactor).filter(f -> f.compareTo(BigDecimal.ONE) < 0)
                                .orElse(null)));
            }
            views.add(BetViews.of(bet, legs));
        }
        return views;
    }

    /** A page of the player's open or closed bets, newest first, after the bet {@code before}. */
    public List<BetViews.BetView> page(UUID playerId, boolean open, UUID before, int limit) {
        Instant beforeAt = null;
        if (before != null) {
            Optional<BetBook.StoredBet> from = book.find(before).filter(bet -> bet.playerId().equals(playerId));
            if (from.isEmpty()) {
                return List.of();
            }
            beforeAt = from.get().placedAt();
        }
        return views(book.ofPlayer(playerId, open, beforeAt, before, limit));
    }
}
