package io.cellbet.platform.security;

import java.nio.CharBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format,
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, computed by Bouncy Castle.
 * The string carries its parameters, so a hash made with older parameters still verifies, and
 * {@link #isCurrent} tells when to hash the password again at the next login.
 *
 * @param memoryKib    memory per hash in KiB ({@code m})
 * @param iterations   passes over that memory ({@code t})
 * @param parallelism  lanes ({@code p}); each hash runs on one thread here
 */
public record PasswordHash(int memoryKib, int iterations, int parallelism) {

    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    public PasswordHash {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id needs m >= 8p KiB, t >= 1 and p >= 1; got m=" + memoryKib
                    + ", t=" + iterations + ", p=" + parallelism);
        }
    }

    /** Hashes a password with a fresh random salt. */
    public String hash(CharSequence password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(this, salt, password, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** Whether the password matches the encoded hash, in time independent of where they differ. */
    public static boolean matches(String encoded, CharSequence password) {
        Optional<Parsed> parsed = parse(encoded);
        if (parsed.isEmpty()) {
            return false;
        }
        Parsed stored = parsed.get();
        byte[] actual = derive(stored.parameters(), stored.salt(), password, stored.hash().length);
        return MessageDigest.isEqual(actual, stored.hash());
    }

    /** Whether the encoded hash was made with these parameters (else rehash it at the next login). */
    public boolean isCurrent(String encoded) {
        return parse(encoded).map(parsed -> parsed.parameters().equals(this)).orElse(false);
    }

    private record Parsed(PasswordHash parameters, byte[] salt, byte[] hash) {
    }

    private static Optional<Parsed> parse(String encoded) {
        Matcher matcher = encoded == null ? null : PHC.matcher(encoded);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        try {
            PasswordHash parameters = new PasswordHash(Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
            return Optional.of(new Parsed(parameters, DECODER.decode(matcher.group(4)), DECODER.decode(matcher.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] derive(PasswordHash parameters, byte[] salt, CharSequence password, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKib())
                .withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism())
                .withSalt(salt)
                .build());
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] secret = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        try {
            byte[] out = new byte[length];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(encoded.array(), (byte) 0);
        }
    }
}
