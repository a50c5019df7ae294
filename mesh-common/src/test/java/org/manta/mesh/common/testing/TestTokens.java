package org.manta.mesh.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tokens every service under test accepts ({@code manta.auth.tokens-file}, set by
 * {@link KafkaTestResource}): two users and an admin.
 */
public final class TestTokens {
    public static final String ALICE = "alice-token";
    public static final String BOB = "bob-token";
    public static final String ADMIN = "admin-token";

    private TestTokens() {
    }

    /** Writes the token file (TOKEN PRINCIPAL ROLE; docs/security.md) and returns its path. */
    static Path write() {
        try {
            Path file = Files.createTempFile("manta-test-tokens", "");
            Files.writeString(file, ALICE + " alice user\n" + BOB + " bob user\n" + ADMIN + " root admin\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
