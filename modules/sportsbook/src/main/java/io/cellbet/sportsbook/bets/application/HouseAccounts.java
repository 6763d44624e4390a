package io.cellbet.sportsbook.bets.application;

import io.cellbet.wallet.api.AccountKind;
import io.cellbet.wallet.api.WalletApi;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The brands' house accounts the sportsbook moves money through, opened on first use and then held in memory. */
@ApplicationScoped
public class HouseAccounts {

    private final WalletApi wallet;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    public HouseAccounts(WalletApi wallet) {
        this.wallet = wallet;
    }

    /**
     * The id of the brand's house account of this kind and currency (an account's id never changes). One opened here
     * is committed at once, in a transaction of its own, so the ledger writer sees it even when the caller's
     * transaction is still open.
     */
    public long id(String brand, AccountKind kind, String currency) {
        return ids.computeIfAbsent(brand + "/" + kind.code() + "/" + currency,
                key -> QuarkusTransaction.requiringNew().call(() -> wallet.houseAccount(brand, kind, currency)).id());
    }
}
