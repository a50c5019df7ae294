package org.manta.mesh.common.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/** The management interface of the service under test (health, metrics; {@code quarkus.management.test-port=0}). */
public final class Management {
    private Management() {
    }

    /** {@code http://localhost:<management port><path>}, e.g. {@code url("/q/metrics")}. */
    public static String url(String path) {
        return "http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class) + path;
    }
}
