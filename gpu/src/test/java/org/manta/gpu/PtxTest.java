package org.manta.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed PTX: every kernel the engine launches is an entry with the parameter count it passes; it is
 * FP64 without fused multiply-adds (the CPU's arithmetic); and it is what nvcc makes of kernels.cu, where the
 * nvcc that made it is installed (skipped otherwise, saying which nvcc is needed).
 */
class PtxTest {
    private static final Pattern ENTRY = Pattern.compile("\\.visible \\.entry (\\w+)\\(([^)]*)\\)");
    private static final Pattern NVCC_RELEASE = Pattern.compile("Cuda compilation tools, release [0-9.]+, V[0-9.]+");

    @Test
    void everyLaunchedKernelIsAnEntryWithItsParameterCount() {
        Map<String, Integer> entries = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(CudaDevice.ptx());
        while (m.find()) {
            entries.put(m.group(1), (int) m.group(2).lines().filter(l -> l.contains(".param")).count());
        }
        assertEquals(CudaDevice.KERNELS, entries);
    }

    @Test
    void isDoublePrecisionWithoutFusedMultiplyAdd() {
        String ptx = CudaDevice.ptx();
        assertTrue(ptx.contains("mul.rn.f64") && ptx.contains("add.rn.f64"), "FP64 arithmetic");
        assertFalse(ptx.contains("fma."), "no fused multiply-add: -fmad=false and __d*_rn intrinsics");
        assertFalse(ptx.contains(".f32"), "no single precision");
        assertTrue(ptx.contains(".target sm_80"), "compute capability 8.0 and newer JIT-compile it");
    }

    @Test
    void isWhatNvccMakesOfTheSource(@TempDir Path tmp) throws IOException, InterruptedException {
        String committed = CudaDevice.ptx();
        Matcher recorded = NVCC_RELEASE.matcher(committed);
        assertTrue(recorded.find(), "the PTX names the nvcc that made it");
        String version = nvccVersion();
        assumeTrue(version != null, "skipped: no nvcc on this machine (" + recorded.group() + " made the PTX)");
        assumeTrue(version.contains(recorded.group()),
                "skipped: this nvcc is not the one that made the PTX (" + recorded.group() + ")");
        Path script = Path.of("src/main/cuda/build-ptx.sh");
        Path out = tmp.resolve("kernels.ptx");
        Process p = new ProcessBuilder("bash", script.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "build-ptx.sh failed: " + log);
        assertEquals(committed, Files.readString(out),
                "the committed PTX is stale: run gpu/src/main/cuda/build-ptx.sh and commit the result");
    }

    private static String nvccVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("nvcc", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException notInstalled) {
            return null;
        }
    }
}
