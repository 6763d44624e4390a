package io.cellbet.sportsbook.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import io.cellbet.contracts.feed.FeedEvent;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.inbox.Inbox;
import io.cellbet.sportsbook.bets.application.BetSettlement;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies {@code platform.feed} to the cell's catalog from the cell's durable queue {@code cell.<id>.feed}, shared
 * by its replicas: each event once (the inbox skips a message id seen before), in its own order per market. Results,
 * cancels and their rollbacks also leave their settlement jobs for the bets, in the same transaction.
 */
@ApplicationScoped
public class CatalogListener {

    static final String CONSUMER = "cell.feed";

    private final Inbox inbox;
    private final Broker broker;
    private final Catalog catalog;
    private final BetSettlement settlement;
    private final ObjectMapper json;
    private final String cellId;

    public CatalogListener(Inbox inbox, Broker broker, Catalog catalog, BetSettlement settlement, ObjectMapper json,
            @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.inbox = inbox;
        this.broker = broker;
        this.catalog = catalog;
        this.settlement = settlement;
        this.json = json;
        this.cellId = cellId;
    }

    void onStart(@Observes StartupEvent event) {
        String queue = Exchanges.cellFeedQueue(cellId);
        inbox.subscribe(CONSUMER, queue, channel -> {
            channel.exchangeDeclare(Exchanges.PLATFORM_FEED, BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare(queue, true, false, false, broker.durableQueueArguments());
            channel.queueBind(queue, Exchanges.PLATFORM_FEED, "feed.#");
        }, envelope -> {
            switch (envelope.type()) {
                case FeedEvent.ODDS_CHANGED:
                    catalog.apply(json.treeToValue(envelope.payload(), FeedEvent.OddsChanged.class));
                    break;
                case FeedEvent.BETS_STOPPED:
                    catalog.apply(json.treeToValue(envelope.payload(), FeedEvent.BetsStopped.class));
                    break;
                case FeedEvent.MARKETS_SETTLED:
                    FeedEvent.MarketsSettled settled = json.treeToValue(envelope.payload(),
                            FeedEvent.MarketsSettled.class);
                    catalog.apply(settled);
                    settlement.settled(settled);
                    break;
                case FeedEvent.SETTLEMENT_ROLLED_BACK:
                    FeedEvent.SettlementRolledBack unsettled = json.treeToValue(envelope.payload(),
                            FeedEvent.SettlementRolledBack.class);
                    catalog.apply(unsettled);
                    settlement.rolledBack(unsettled);
                    break;
                case FeedEvent.BETS_CANCELLED:
                    FeedEvent.BetsCancelled cancelled = json.treeToValue(envelope.payload(),
                            FeedEvent.BetsCancelled.class);
                    catalog.apply(cancelled);
                    settlement.cancelled(cancelled);
                    break;
                case FeedEvent.CANCEL_ROLLED_BACK:
                    FeedEvent.CancelRolledBack uncancelled = json.treeToValue(envelope.payload(),
                            FeedEvent.CancelRolledBack.class);
                    catalog.apply(uncancelled);
                    settlement.cancelRolledBack(uncancelled);
                    break;
                case FeedEvent.FIXTURE_CHANGED:
                    catalog.apply(json.treeToValue(envelope.payload(), FeedEvent.FixtureChanged.class));
                    break;
                case FeedEvent.PRODUCER_DOWN:
                    FeedEvent.ProducerDown down = json.treeToValue(envelope.payload(), FeedEvent.ProducerDown.class);
                    catalog.producer(down.producer(), false, down.at());
                    break;
                case FeedEvent.PRODUCER_UP:
                    FeedEvent.ProducerUp up = json.treeToValue(envelope.payload(), FeedEvent.ProducerUp.class);
                    catalog.producer(up.producer(), true, up.at());
                    break;
                default:
                    // A newer control plane may publish types this cell does not know yet.
                    break;
            }
        });
    }
}
