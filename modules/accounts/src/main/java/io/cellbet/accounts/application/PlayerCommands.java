package io.cellbet.accounts.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.BuiltinExchangeType;
import io.cellbet.contracts.accounts.ExcludePerson;
import io.cellbet.contracts.accounts.SetPlayerStatus;
import io.cellbet.contracts.messaging.Exchanges;
import io.cellbet.platform.messaging.Envelope;
import io.cellbet.platform.messaging.broker.Broker;
import io.cellbet.platform.messaging.inbox.Inbox;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The control plane's commands about this cell's players, from the cell's durable queue
 * {@code cell.<id>.commands} (shared by its replicas, through the inbox): {@code ExcludePerson}, a
 * self-exclusion made in another brand, and {@code SetPlayerStatus}, ops suspending or reinstating a player.
 */
@ApplicationScoped
public class PlayerCommands {

    static final String CONSUMER = "accounts.commands";
    private static final Logger LOG = Logger.getLogger(PlayerCommands.class);

    private final Inbox inbox;
    private final Broker broker;
    private final ObjectMapper json;
    private final ResponsibleGambling gambling;
    private final PlayerStatuses statuses;
    private final String cellId;

    public PlayerCommands(Inbox inbox, Broker broker, ObjectMapper json, ResponsibleGambling gambling,
            PlayerStatuses statuses, @ConfigProperty(name = "cellbet.cell.id") String cellId) {
        this.statuses = statuses;
        this.inbox = inbox;
        this.broker = broker;
        this.json = json;
        this.gambling = gambling;
        this.cellId = cellId;
    }

    void onStart(@Observes StartupEvent event) {
        String queue = Exchanges.cellCommandsQueue(cellId);
        inbox.subscribe(CONSUMER, queue, channel -> {
            channel.exchangeDeclare(Exchanges.CELL_COMMANDS, BuiltinExchangeType.TOPIC, true);
            channel.queueDeclare(queue, true, false, false, broker.durableQueueArguments());
            channel.queueBind(queue, Exchanges.CELL_COMMANDS, Exchanges.cellCommandRoutingKey(cellId, "#"));
        }, this::apply);
    }

    void apply(Envelope envelope) throws JsonProcessingException {
        if (SetPlayerStatus.TYPE.equals(envelope.type())) {
            SetPlayerStatus command = json.treeToValue(envelope.payload(), SetPlayerStatus.class);
            if (!statuses.set(command.playerId(), command.status(), command.actor(), command.reason())) {
                LOG.warnf("status command for player %s, who does not live in this cell: dropped", command.playerId());
            }
            return;
        }
        if (!ExcludePerson.TYPE.equals(envelope.type())) {
            return;
        }
        int excluded = gambling.applyExclusion(json.treeToValue(envelope.payload(), ExcludePerson.class));
        LOG.infof("exclusion from brand %s applied to %d player(s) of this cell",
                envelope.payload().path("sourceBrand").asText(), excluded);
    }
}
