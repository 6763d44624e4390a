package io.cellbet.contracts.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
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
 * can find a player's cell from the name typed at login without holding players' e-mails.
 */
public record PlayerRegistered(UUID playerId, String brand, String cellId, String country, String currency,
        List<String> loginNameDigests, Instant registeredAt) {

    public static final String TYPE = "PlayerRegistered";
    public static final int SCHEMA_VERSION = 1;

    /** Hex SHA-256 of {@code <brand>:<login name in lower case>}. */
    public static String loginNameDigest(String brand, String loginName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((brand + ":" + loginName.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
