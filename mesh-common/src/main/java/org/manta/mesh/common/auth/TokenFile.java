package org.manta.mesh.common.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.manta.core.InvalidParameterException;

/**
 * A static token file for small sites: one line per token, {@code TOKEN PRINCIPAL ROLE} (role {@code user}
 * or {@code admin}), blank lines and {@code #} comments ignored. A token may be given as
 * {@code sha256:<64 hex digits>} (the SHA-256 of the token's UTF-8 bytes), so that the file need not hold
 * it. Only hashes are kept in memory; a presented token is hashed and looked up.
 */
public final class TokenFile implements Authenticator {
    private static final String HASHED = "sha256:";

    private final Map<String, Caller> byHash;

    private TokenFile(Map<String, Caller> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /** No token at all: every call is refused. */
    public static TokenFile empty() {
        return new TokenFile(Map.of());
    }

    /** @throws InvalidParameterException naming the file and line of a malformed entry, or an unreadable file */
    public static TokenFile read(Path file) {
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidParameterException("manta.auth.tokens-file", file, "a readable token file (" + e + ")");
        }
    }

    static TokenFile parse(String name, List<String> lines) {
        Map<String, Caller> byHash = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = name + " line " + (i + 1);
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw new InvalidParameterException(where, f.length + " fields", "TOKEN PRINCIPAL ROLE (user or admin)");
            }
            String hash = f[0].startsWith(HASHED) ? hashField(where, f[0]) : sha256(f[0]);
            Caller caller = new Caller(f[1], Caller.Role.parse(where + " role", f[2]));
            if (byHash.putIfAbsent(hash, caller) != null) {
                throw new InvalidParameterException(where, "a token listed twice", "each token once");
            }
        }
        return new TokenFile(byHash);
    }

    private static String hashField(String where, String field) {
        String hex = field.substring(HASHED.length()).toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new InvalidParameterException(where, field, "sha256: followed by 64 hex digits");
        }
        return hex;
    }

    /** How many tokens the file holds. */
    public int size() {
        return byHash.size();
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        return token == null || token.isEmpty() ? Optional.empty() : Optional.ofNullable(byHash.get(sha256(token)));
    }

    /** The hex SHA-256 of a token's UTF-8 bytes (what a {@code sha256:} entry holds). */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
