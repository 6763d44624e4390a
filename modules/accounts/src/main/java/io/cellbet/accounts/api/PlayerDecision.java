package io.cellbet.accounts.api;

/**
 * The answer to "may this player do this now?": allowed, or refused with a named reason and a
 * sentence a player can read.
 */
public record PlayerDecision(boolean allowed, PlayerRestriction reason, String detail) {

    public static final PlayerDecision ALLOWED = new PlayerDecision(true, null, null);

    public static PlayerDecision refused(PlayerRestriction reason, String detail) {
        return new PlayerDecision(false, reason, detail);
    }
}
