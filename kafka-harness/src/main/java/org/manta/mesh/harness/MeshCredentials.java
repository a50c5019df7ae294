package org.manta.mesh.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material and tokens of a local mesh (docs/security.md), made offline with the JDK's own
 * {@code keytool} in a directory: a local CA ({@code ca.crt}; its key stays in {@code ca.p12}), a server
 * certificate for {@code 127.0.0.1} and {@code localhost} signed by it ({@code tls.crt}: the chain, and
 * {@code tls.key}: PKCS#8 PEM, owner-only), and a token file ({@code tokens}: one line per token,
 * {@code sha256:<hash> PRINCIPAL ROLE}, so the file never holds a token). An existing set in the directory is
 * reused (a restarted {@code manta up} keeps its clients' CA); tokens are made anew each time.
 *
 * @param token     the token of {@link #principal()} (role admin), for the client of the mesh
 * @param principal the owner name of that token
 */
public record MeshCredentials(Path caCertificate, Path serverCertificate, Path serverKey, Path tokensFile,
                              String token, String principal) {
    /** Validity of the CA and the server certificate, days. */
    static final int VALIDITY_DAYS = 825;

    /** One line of a token file. */
    public record TokenEntry(String token, String principal, String role) {
        String line() {
            return "sha256:" + sha256(token) + " " + principal + " " + role;
        }
    }

    /**
     * Makes (or reuses) the CA and server certificate in {@code dir} and writes a token file with a new admin
     * token for {@code principal}, then {@code extra} tokens.
     *
     * @throws KafkaBrokerException naming the keytool step that failed, with its output
     */
    public static MeshCredentials create(Path dir, String principal, List<TokenEntry> extra) {
        try {
            Files.createDirectories(dir);
            Path ca = dir.resolve("ca.crt");
            Path cert = dir.resolve("tls.crt");
            Path key = dir.resolve("tls.key");
            if (!Files.isRegularFile(ca) || !Files.isRegularFile(cert) || !Files.isRegularFile(key)) {
                makeCertificates(dir, ca, cert, key);
            }
            String token = newToken();
            List<TokenEntry> entries = new ArrayList<>();
            entries.add(new TokenEntry(token, principal, "admin"));
            entries.addAll(extra);
            Path tokens = dir.resolve("tokens");
            StringBuilder text = new StringBuilder("# TOKEN PRINCIPAL ROLE (docs/security.md); written by the local mesh\n");
            entries.forEach(e -> text.append(e.line()).append('\n'));
            writePrivate(tokens, text.toString());
            return new MeshCredentials(ca, cert, key, tokens, token, principal);
        } catch (IOException | GeneralSecurityException e) {
            throw new KafkaBrokerException("cannot make the mesh's TLS material in " + dir + ": " + e, e);
        }
    }

    /** A new random token: 32 bytes, base64url. */
    public static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static void makeCertificates(Path dir, Path ca, Path cert, Path key) throws IOException, GeneralSecurityException {
        String pass = newToken();
        Path caStore = dir.resolve("ca.p12");
        Path serverStore = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Files.deleteIfExists(caStore);
        Files.deleteIfExists(serverStore);
        String validity = Integer.toString(VALIDITY_DAYS);
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Manta local CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", validity,
                "-keystore", caStore.toString(), "-storetype", "PKCS12", "-storepass", pass);
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", validity,
                "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", pass);
        keytool(dir, "-certreq", "-alias", "server", "-keystore", serverStore.toString(), "-storepass", pass,
                "-file", csr.toString());
        Path signed = dir.resolve("server-signed.crt");
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", pass,
                "-infile", csr.toString(), "-outfile", signed.toString(), "-rfc", "-validity", validity,
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth", "-ext", "ku:c=digitalSignature");
        KeyStore caKeys = load(caStore, pass);
        String caPem = pem("CERTIFICATE", caKeys.getCertificate("ca").getEncoded());
        Files.writeString(ca, caPem);
        Files.writeString(cert, Files.readString(signed).strip() + "\n" + caPem);
        Key serverKey = load(serverStore, pass).getKey("server", pass.toCharArray());
        writePrivate(key, pem("PRIVATE KEY", serverKey.getEncoded()));
        writePrivate(dir.resolve("ca.p12.pass"), pass + "\n");
        Files.delete(serverStore);
        Files.delete(csr);
        Files.delete(signed);
    }

    private static KeyStore load(Path store, String pass) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, pass.toCharArray());
        }
        return ks;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes a file that only its owner may read (where the file system has POSIX permissions). */
    static void writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text);
    }

    private static void keytool(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Path out = dir.resolve("keytool.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool " + args[0], e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed with code " + p.exitValue() + ": " + Files.readString(out).strip());
        }
    }
}
