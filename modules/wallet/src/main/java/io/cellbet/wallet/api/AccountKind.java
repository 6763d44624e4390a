package io.cellbet.wallet.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an account is for. Player kinds belong to one player; house kinds to a brand and
 * currency. Player accounts never go negative; house accounts mirror them and may.
 */
public enum AccountKind {
    /** The player's withdrawable money. */
    CASH(true),
    /** Bonus money: playable, not withdrawable. */
    BONUS(true),
    /** Stakes of accepted bets until they are settled. */
    STAKES_HELD(false),
    /** Sportsbook gross gaming revenue: lost stakes in, winnings above the stake out. */
    SPORTSBOOK_GGR(false),
    /** Casino gross gaming revenue. */
    CASINO_GGR(false),
    /** Money between the cell and payment providers: deposits come from here, withdrawals go here. */
    PAYMENTS_CLEARING(false),
    /** What bonuses granted to players cost the brand. */
    BONUS_COST(false),
    /** Counterpart of manual adjustments made by ops. */
    ADJUSTMENTS(false),
    /**
     * What players owe the house: a settlement reversed after its winnings were spent takes the shortfall from
     * here instead of the player's cash, which never goes negative; its balance is minus what players owe.
     */
    PLAYER_RECEIVABLES(false);

    private final boolean player;

    AccountKind(boolean player) {
        this.player = player;
    }

    public boolean player() {
        return player;
    }

    /** The name stored and shown in APIs: {@code stakes_held}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AccountKind> fromCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code().equals(code)).findFirst();
    }
}
