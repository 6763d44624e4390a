package io.cellbet.wallet.api;

/** A player's balance as a seamless brand's wallet reported it, or why it could not be had. */
public sealed interface SeamlessBalanceResult {

    /**
     * The brand's answer.
     *
     * @param currency      the currency of the player's wallet at the brand
     * @param balanceMinor  the player's balance there, in minor units
     */
    record Balance(String currency, long balanceMinor) implements SeamlessBalanceResult {
    }

    /**
     * No balance: the brand did not answer in time, answered something unusable, or refused with a
     * named code ({@code PLAYER_NOT_FOUND}...); or the brand has no usable seamless wallet here.
     *
     * @param reason  {@code null} for a lost answer, else the named refusal
     * @param detail  what happened, for logs and the problem's detail (never the secret)
     */
    record Unavailable(SeamlessRejection reason, String detail) implements SeamlessBalanceResult {
    }
}
