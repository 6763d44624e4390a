package io.cellbet.ops.bench;

import io.cellbet.ops.bench.accounts.AccountsScenario;
import io.cellbet.ops.bench.bets.BetsScenario;
import io.cellbet.ops.bench.config.ConfigPropagationScenario;
import io.cellbet.ops.bench.feed.FeedScenario;
import io.cellbet.ops.bench.wallet.WalletScenario;
import io.cellbet.ops.bench.web.WebScenario;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The benchmark scenarios by name. Add a new scenario to {@link #all()}. */
public final class Scenarios {

    private final Map<String, Scenario> byName = new LinkedHashMap<>();

    public Scenarios(Collection<? extends Scenario> scenarios) {
        for (Scenario scenario : scenarios) {
            if (byName.putIfAbsent(scenario.name(), scenario) != null) {
                throw new IllegalArgumentException("Two scenarios are called " + scenario.name());
            }
        }
    }

    /** Every scenario of Cellbet. */
    public static Scenarios all() {
        return new Scenarios(java.util.List.of(new ConfigPropagationScenario(), new WalletScenario(),
                new FeedScenario(), new AccountsScenario(), new BetsScenario(), new WebScenario()));
    }

    public Optional<Scenario> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Scenario> list() {
        return byName.values();
    }
}
