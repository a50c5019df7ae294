package org.manta.gpu;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The device checks as a plain {@code main}, for a lent GPU machine without Maven (gpu/bench/gpu-bench.sh
 * {@code run}): {@link CudaDeviceParityTest} (GPU partials = CPU partials within the named tolerance on the
 * reference cases and random segments), {@link GpuProbeTest} and {@link PtxTest}. Writes the summary (and
 * every failure) to the file given, exits 1 if a test failed.
 */
public final class DeviceChecks {
    private DeviceChecks() {
    }

    public static void main(String[] args) throws Exception {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CudaDeviceParityTest.class), selectClass(GpuProbeTest.class),
                        selectClass(PtxTest.class))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println("## Device tests (" + GpuProbe.system().describe() + ")");
        out.println();
        out.println("```");
        summary.printTo(out);
        summary.printFailuresTo(out, 20);
        out.println("```");
        out.flush();
        System.out.print(text);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), text.toString());
        }
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}
