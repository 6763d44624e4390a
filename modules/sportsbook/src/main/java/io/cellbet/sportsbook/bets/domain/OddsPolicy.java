package io.cellbet.sportsbook.bets.domain;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the player accepts when the odds moved since the slip was made: {@code none} (only the odds on the slip),
 * {@code higher} (those or better) or {@code any}. An accepted bet takes the current odds.
 */
public enum OddsPolicy {
    NONE, HIGHER, ANY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OddsPolicy> fromCode(String code) {
        return Arrays.stream(values()).filter(policy -> policy.code().equals(code)).findFirst();
    }

    public boolean accepts(BigDecimal requested, BigDecimal current) {
        int compared = current.compareTo(requested);
        return switch (this) {
            case NONE -> compared == 0;
            case HIGHER -> compared >= 0;
            case ANY -> true;
        };
    }
}
