package org.manta.mesh.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.manta.core.InvalidParameterException;
import org.manta.mesh.common.errors.JobNotFoundException;
import org.manta.proto.v1.JobRecord;

/** The static token file and the ownership rule. */
class TokenFileTest {
    private static final TokenFile FILE = TokenFile.parse("tokens", List.of(
            "# TOKEN PRINCIPAL ROLE", "", "s3cret alice user",
            "sha256:" + TokenFile.sha256("hashed-one") + " bob USER", "  root-token   root   admin  "));

    @Test
    void tokensResolveToTheirPrincipalAndRole() {
        assertEquals(3, FILE.size());
        assertEquals(Optional.of(new Caller("alice", Caller.Role.USER)), FILE.authenticate("s3cret"));
        assertEquals(Optional.of(new Caller("bob", Caller.Role.USER)), FILE.authenticate("hashed-one"), "a sha256: entry");
        assertEquals(Optional.of(new Caller("root", Caller.Role.ADMIN)), FILE.authenticate("root-token"));
        assertEquals(Optional.empty(), FILE.authenticate("s3cret "), "tokens match exactly");
        assertEquals(Optional.empty(), FILE.authenticate("sha256:" + TokenFile.sha256("hashed-one")), "a hash is not a token");
        assertEquals(Optional.empty(), FILE.authenticate(""));
        assertEquals(Optional.empty(), TokenFile.empty().authenticate("s3cret"));
    }

    @Test
    void malformedLinesAreNamed() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> TokenFile.parse("f", List.of("a alice user", "b bob")));
        assertTrue(e.getMessage().contains("f line 2"), e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> TokenFile.parse("f", List.of("a alice root")));
        assertTrue(e.getMessage().contains("user or admin"), e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> TokenFile.parse("f", List.of("a alice user", "a bob user")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(InvalidParameterException.class, () -> TokenFile.parse("f", List.of("sha256:abc alice user")));
    }

    @Test
    void usersSeeTheirOwnJobsAndAdminsSeeAll() {
        JobRecord alices = JobRecord.newBuilder().setJobId("j1").setOwner("alice").build();
        JobRecord unowned = JobRecord.newBuilder().setJobId("j0").build();
        Caller alice = new Caller("alice", Caller.Role.USER);
        Caller bob = new Caller("bob", Caller.Role.USER);
        Caller root = new Caller("root", Caller.Role.ADMIN);
        assertEquals(alices, alice.check(alices));
        assertEquals(alices, root.check(alices));
        JobNotFoundException e = assertThrows(JobNotFoundException.class, () -> bob.check(alices));
        assertTrue(e.getMessage().contains("j1") && e.getMessage().contains("no such job"), "reads as unknown: " + e.getMessage());
        assertFalse(alice.mayAccess(unowned), "a job from before owners: admins only");
        assertTrue(root.mayAccess(unowned));
    }
}
