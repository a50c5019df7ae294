package org.manta.mesh.e2e;

/** Reading the services' Prometheus metrics ({@code /q/metrics} on the management port). */
final class MeshMetrics {
    private MeshMetrics() {
    }

    /** The sum of a counter's (or gauge's) samples over its tags; 0 when absent. */
    static double counter(String prometheus, String name) {
        return prometheus.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
