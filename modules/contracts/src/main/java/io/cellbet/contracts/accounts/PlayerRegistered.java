package io.cellbet.contracts.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A cell registered a player: on {@code platform.cell-events}, routing key
 * {@code cell.<cellId>.accounts.PlayerRegistered}. The control plane's player directory learns
 * from it which cell holds the player.
 *
 * <p>Login names travel only as digests, {@link #loginNameDigest(String, String)}: the directory
 * can find a player's cell from the name typed at login without holding players' e-mails. The
 * person behind the account is a digest too, {@link #personDigest(String, LocalDate)}, so a
 * self-exclusion in one brand finds the same person's accounts in the others; it is null for a
 * player registered without an e-mail.
 */
public record PlayerRegistered(UUID playerId, String brand, String cellId, String country, String currency,
        List<String> loginNameDigests, String personDigest, Instant registeredAt) {

    public static final String TYPE = "PlayerRegistered";
    public static final int SCHEMA_VERSION = 1;

    /** Hex SHA-256 of {@code <brand>:<login name in lower case>}. */
    public static String loginNameDigest(String brand, String loginName) {
        return sha256(brand + ":" + loginName.toLowerCase(Locale.ROOT));
    }

    /** Hex SHA-256 of {@code person:<e-mail in lower case>:<date of birth>}: the same person in every brand. */
    public static String personDigest(String email, LocalDate dateOfBirth) {
        return sha256("person:" + email.toLowerCase(Locale.ROOT) + ":" + dateOfBirth);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
