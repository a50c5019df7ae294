package org.manta.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @Test
    void sha256OfFileMatchesTheFipsTestVector(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("abc.txt");
        Files.writeString(f, "abc", StandardCharsets.US_ASCII);
        Provenance p = Provenance.of("manta pds abc.txt", List.of(f));
        // FIPS 180-2, appendix B.1: SHA-256("abc")
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", p.inputs().get(0).sha256());
        assertEquals(3, p.inputs().get(0).bytes());
        assertTrue(p.createdUtc().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), p.createdUtc());
    }

    @Test
    void commandLineIsShellQuoted() {
        assertEquals("manta pds 'my file.evt' --dt 1/512 --energy 3:10 'it'\\''s'",
                Provenance.commandLine("manta", List.of("pds", "my file.evt", "--dt", "1/512", "--energy", "3:10", "it's")));
        assertEquals("manta ''", Provenance.commandLine("manta", List.of("")));
    }

    @Test
    void missingInputIsABadFileWhenTheHashesAreAskedFor(@TempDir Path dir) {
        Provenance p = Provenance.of("x", List.of(dir.resolve("nope")));
        assertThrows(org.manta.core.BadEventFileException.class, p::inputs);
    }

    @Test
    void inputsAreHashedAsSha256(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("in.bin");
        byte[] bytes = new byte[3 << 20];      // several read buffers
        new java.util.Random(7).nextBytes(bytes);
        Files.write(f, bytes);
        Provenance.InputFile got = Provenance.of("x", List.of(f)).inputs().get(0);
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)),
                got.sha256());
        assertEquals(bytes.length, got.bytes());
    }

    @Test
    void anUnchangedInputTakesItsDigestFromTheCacheAndProvenanceStillNamesIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("abc.txt");
        Files.writeString(f, "abc", StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L));
        var first = new org.manta.core.io.DigestCache(dir.resolve("cache"));
        String digest = Provenance.of("x", List.of(f), java.util.Optional.of(first)).inputs().get(0).sha256();
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digest);
        assertEquals(1, first.stores());

        var second = new org.manta.core.io.DigestCache(dir.resolve("cache"));   // the next command
        Provenance p = Provenance.of("x", List.of(f), java.util.Optional.of(second));
        assertEquals(digest, p.inputs().get(0).sha256());
        assertEquals(1, second.hits(), "the digest came from the cache");
        assertEquals(0, second.stores());
    }

    @Test
    void theCacheIsWhereTheSettingSaysOrOff(@TempDir Path dir) {
        var props = new java.util.Properties();
        props.setProperty("user.home", dir.toString());
        assertEquals(dir.resolve(".cache/manta/sha256"), DigestCacheSetting.resolve(java.util.Map.of(), props)
                .orElseThrow().dir());
        assertEquals(Path.of("/x/manta/sha256"), DigestCacheSetting.resolve(java.util.Map.of("XDG_CACHE_HOME", "/x"),
                props).orElseThrow().dir());
        assertEquals(Path.of("/y"), DigestCacheSetting.resolve(java.util.Map.of(DigestCacheSetting.ENV, "/y"), props)
                .orElseThrow().dir());
        assertTrue(DigestCacheSetting.resolve(java.util.Map.of(DigestCacheSetting.ENV, "off"), props).isEmpty());
        props.setProperty(DigestCacheSetting.PROPERTY, "OFF");
        assertTrue(DigestCacheSetting.resolve(java.util.Map.of(DigestCacheSetting.ENV, "/y"), props).isEmpty(),
                "the property wins over the environment");
    }
}
