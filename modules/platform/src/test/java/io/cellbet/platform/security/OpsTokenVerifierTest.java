package io.cellbet.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpsTokenVerifierTest {

    private static final String ISSUER = "cellbet:control-plane";
    private static final String AUDIENCE = "cellbet-ops";

    @Test
    void acceptsTokensOfItsKeyIssuerAndAudienceOnly() throws Exception {
        KeyPair key = rsa();
        OpsTokenVerifier verifier = OpsTokenVerifier.of("k1", Base64.getEncoder().encodeToString(
                key.getPublic().getEncoded()), ISSUER, AUDIENCE);
        long exp = Instant.now().getEpochSecond() + 600;
        String good = jwt(key, ISSUER, AUDIENCE, exp);
        assertEquals(new OpsTokenVerifier.OpsUser("alice", List.of("ops")), verifier.verify(good).orElseThrow());
        assertEquals(verifier.verify(good), verifier.verify(good), "a token verified before answers the same");
        assertTrue(verifier.verify(jwt(rsa(), ISSUER, AUDIENCE, exp)).isEmpty(), "another key");
        assertTrue(verifier.verify(jwt(key, "someone-else", AUDIENCE, exp)).isEmpty(), "another issuer");
        assertTrue(verifier.verify(jwt(key, ISSUER, "cellbet-player", exp)).isEmpty(), "another audience");
        assertTrue(verifier.verify(jwt(key, ISSUER, AUDIENCE, Instant.now().getEpochSecond() - 600)).isEmpty(),
                "expired");
        assertTrue(verifier.verify("not.a.token").isEmpty());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A compact RS256 JWS, built by hand so this test does not lean on the code under test's library to sign. */
    private static String jwt(KeyPair key, String issuer, String audience, long exp) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString(("{\"alg\":\"" + SignatureAlgorithm.RS256.getAlgorithm()
                + "\",\"typ\":\"JWT\",\"kid\":\"k1\"}").getBytes());
        String claims = url.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"alice\",\"aud\":\"" + audience
                + "\",\"groups\":[\"ops\"],\"iat\":" + (exp - 700) + ",\"exp\":" + exp + "}").getBytes());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update((header + "." + claims).getBytes());
        return header + "." + claims + "." + url.encodeToString(signature.sign());
    }
}
