package org.manta.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The software name and version recorded in every product's provenance and shown by {@code manta --version}. */
public final class Version {
    /** Software name written into provenance blocks. */
    public static final String SOFTWARE = "manta";

    private static final String VERSION = load();

    private Version() {
    }

    /** The Maven project version (e.g. {@code 0.1.0-SNAPSHOT}); {@code "unknown"} if the resource is missing. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
