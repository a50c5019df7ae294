package org.manta.mesh.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.mesh.common.testing.TestJwts;

class JwtAuthenticatorTest {
    private static final String KEYS = TestJwts.writePublicKey().toString();

    private static JwtAuthenticator authenticator(Optional<String> audience) {
        return new JwtAuthenticator(new JwtAuthenticator.Settings(TestJwts.ISSUER, KEYS, audience, "groups",
                TestJwts.ADMIN_GROUP));
    }

    @Test
    void aTokenOfTheProviderNamesItsCallerAndTheAdminGroupMakesAnAdmin() {
        JwtAuthenticator jwt = authenticator(Optional.empty());
        assertEquals(Optional.of(new Caller("alice", Caller.Role.USER)), jwt.authenticate(TestJwts.of("alice", "astro")));
        assertEquals(Optional.of(new Caller("ops", Caller.Role.ADMIN)),
                jwt.authenticate(TestJwts.of("ops", "astro", TestJwts.ADMIN_GROUP)));
    }

    @Test
    void forgedExpiredForeignAndMalformedTokensAreNoCaller() {
        JwtAuthenticator jwt = authenticator(Optional.empty());
        assertEquals(Optional.empty(), jwt.authenticate(TestJwts.forged("alice", TestJwts.ADMIN_GROUP)), "another key");
        assertEquals(Optional.empty(), jwt.authenticate(TestJwts.signed(
                TestJwts.claims(TestJwts.ISSUER, "alice", Instant.now().minusSeconds(3600)))), "expired an hour ago");
        assertEquals(Optional.empty(), jwt.authenticate(TestJwts.signed(
                TestJwts.claims("https://elsewhere.example/", "alice", Instant.now().plusSeconds(600)))), "another issuer");
        String valid = TestJwts.of("alice");
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + TestJwts.of("root", TestJwts.ADMIN_GROUP).split("\\.")[1] + "." + parts[2];
        assertEquals(Optional.empty(), jwt.authenticate(tampered), "claims swapped under alice's signature");
        for (String junk : new String[] {"", "alice-token", "a.b.c", valid.substring(0, valid.length() - 4)}) {
            assertEquals(Optional.empty(), jwt.authenticate(junk), junk);
        }
    }

    @Test
    void aTokenWithoutAPrincipalIsNoCaller() {
        Map<String, Object> claims = new HashMap<>(TestJwts.claims(TestJwts.ISSUER, "x", Instant.now().plusSeconds(600)));
        claims.remove("preferred_username");
        assertEquals(Optional.empty(), authenticator(Optional.empty()).authenticate(TestJwts.signed(claims)));
    }

    @Test
    void anAudienceWhenSetMustBeInTheToken() {
        Map<String, Object> claims = new HashMap<>(TestJwts.claims(TestJwts.ISSUER, "alice", Instant.now().plusSeconds(600)));
        JwtAuthenticator jwt = authenticator(Optional.of("manta"));
        assertEquals(Optional.empty(), jwt.authenticate(TestJwts.signed(claims)), "no aud");
        claims.put("aud", "manta");
        assertEquals(Optional.of(new Caller("alice", Caller.Role.USER)), jwt.authenticate(TestJwts.signed(claims)));
        claims.put("aud", "other-service");
        assertEquals(Optional.empty(), jwt.authenticate(TestJwts.signed(claims)), "another audience");
    }

    @Test
    void settingsThatCannotWorkStopTheServiceNamingTheProperty() {
        InvalidParameterException noIssuer = assertThrows(InvalidParameterException.class, () ->
                new JwtAuthenticator.Settings(null, KEYS, Optional.empty(), "groups", "manta-admin"));
        assertTrue(noIssuer.getMessage().contains("manta.auth.jwt.issuer"), noIssuer.getMessage());
        InvalidParameterException noFile = assertThrows(InvalidParameterException.class, () -> new JwtAuthenticator(
                new JwtAuthenticator.Settings(TestJwts.ISSUER, "/no/such/keys.pem", Optional.empty(), "groups", "manta-admin")));
        assertTrue(noFile.getMessage().contains("manta.auth.jwt.keys") && noFile.getMessage().contains("/no/such/keys.pem"),
                noFile.getMessage());
    }
}
