package io.cellbet.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private static final PasswordHash SMALL = new PasswordHash(64, 1, 1);

    @Test
    void verifiesTheRightPasswordOnly() {
        String encoded = SMALL.hash("Correct-Horse-42");
        assertTrue(encoded.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), encoded);
        assertTrue(PasswordHash.matches(encoded, "Correct-Horse-42"));
        assertFalse(PasswordHash.matches(encoded, "Correct-Horse-43"));
        assertNotEquals(encoded, SMALL.hash("Correct-Horse-42"), "each hash has its own salt");
    }

    @Test
    void isTheArgon2idOfRfc9106() {
        // The same inputs through Bouncy Castle's generator directly: the PHC string holds exactly that output.
        String encoded = SMALL.hash("pässwörd");
        String[] parts = encoded.split("\\$");
        byte[] salt = java.util.Base64.getDecoder().decode(parts[4]);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(64).withIterations(1)
                .withParallelism(1).withSalt(salt).build());
        byte[] expected = new byte[32];
        generator.generateBytes("pässwörd".getBytes(java.nio.charset.StandardCharsets.UTF_8), expected);
        assertEquals(HexFormat.of().formatHex(expected),
                HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(parts[5])));
    }

    @Test
    void tellsHashesOfOtherParametersAndRejectsGarbage() {
        String old = new PasswordHash(32, 1, 1).hash("Correct-Horse-42");
        assertTrue(PasswordHash.matches(old, "Correct-Horse-42"), "older parameters still verify");
        assertFalse(SMALL.isCurrent(old));
        assertTrue(SMALL.isCurrent(SMALL.hash("x")));
        assertFalse(PasswordHash.matches("$2a$10$bcrypt-style", "x"));
        assertFalse(PasswordHash.matches(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash(4, 1, 1));
    }
}
