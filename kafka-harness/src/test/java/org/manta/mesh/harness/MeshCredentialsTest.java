package org.manta.mesh.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local mesh's CA, server certificate, key and token file, made with keytool (offline). */
class MeshCredentialsTest {
    @Test
    void theServerCertificateIsSignedByTheCaForLoopbackAndMatchesItsKey(@TempDir Path dir) throws Exception {
        MeshCredentials c = MeshCredentials.create(dir, "alice",
                List.of(new MeshCredentials.TokenEntry("bob-token", "bob", "user")));
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(c.caCertificate())) {
            ca = (X509Certificate) f.generateCertificate(in);
        }
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(c.serverCertificate())) {
            f.generateCertificates(in).forEach(x -> chain.add((X509Certificate) x));
        }
        assertEquals(2, chain.size(), "server certificate, then the CA");
        X509Certificate server = chain.get(0);
        server.verify(ca.getPublicKey());                       // throws unless the CA signed it
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        assertEquals(-1, server.getBasicConstraints(), "the server certificate is not");
        List<String> names = server.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
        assertTrue(names.contains("127.0.0.1") && names.contains("localhost"), names.toString());

        String pem = Files.readString(c.serverKey()).replaceAll("-----[A-Z ]+-----|\\s", "");
        var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(key);
        sign.update(new byte[] {1, 2, 3});
        byte[] signature = sign.sign();
        Signature check = Signature.getInstance("SHA256withECDSA");
        check.initVerify(server.getPublicKey());
        check.update(new byte[] {1, 2, 3});
        assertTrue(check.verify(signature), "tls.key is the server certificate's key");
        assertEquals(java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(c.serverKey()), "the key is the owner's only");

        List<String> tokens = Files.readAllLines(c.tokensFile()).stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("sha256:" + MeshCredentials.sha256(c.token()) + " alice admin",
                "sha256:" + MeshCredentials.sha256("bob-token") + " bob user"), tokens);
        assertFalse(Files.readString(c.tokensFile()).contains(c.token()), "the file holds no token");

        MeshCredentials again = MeshCredentials.create(dir, "alice", List.of());
        assertEquals(Files.readString(c.caCertificate()), Files.readString(again.caCertificate()), "the CA is reused");
        assertNotEquals(c.token(), again.token(), "a new token each time");
    }
}
