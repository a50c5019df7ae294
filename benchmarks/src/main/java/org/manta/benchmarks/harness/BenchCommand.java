package org.manta.benchmarks.harness;

import org.manta.core.simulate.BenchmarkObservation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.manta.cli.Main;
import org.manta.cli.output.DigestCacheSetting;
import org.manta.cli.output.AtomicFiles;
import org.manta.core.InvalidParameterException;
import org.manta.core.MantaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code manta bench}: the performance harness. Simulates event files in the benchmark setting of
 * {@code shared/peers/README.md}, runs the commands users run, {@code manta pds} and {@code manta cpds} with an
 * output file and provenance (the inputs' SHA-256), end to end from FITS, each in a fresh JVM
 * ({@link BenchRun}: wall time includes JVM start and peak RSS belongs to that run), for each thread count, and
 * reports wall time, segments/s, events/s, peak RSS and heap, and the FFT share of the time. With
 * {@code --compare-stingray} it runs Stingray on the same files in the same run and prints the ratios.
 *
 * <p>It is a subcommand of the cli's {@link Main}, added by {@link #main} (the cli cannot depend on this
 * module); the {@code ./manta} launcher runs that {@code main} for {@code manta bench}, with the cli's
 * classpath after this module's jar.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Performance harness: simulated event files (benchmark setting: 50 GTIs of 1500 s, dt = 1/4096 s, "
            + "64 s segments, Leahy); 'manta pds' and 'manta cpds' as users run them (output JSON and provenance "
            + "with the inputs' SHA-256), end to end from FITS, each in a fresh JVM; varenergy: lag and rms spectra "
            + "of ten bands (0.3-10 keV, 1-10 Hz) from one pass, against Stingray's LagSpectrum and RmsSpectrum.",
            "Reports wall time (including JVM start), segments/s, events/s, peak RSS and heap, FFT share; "
                + "optionally Stingray on the same files."},
        footer = {"", "Examples:", "  manta bench --sizes 1e6,1e7 --compare-stingray",
            "  JAVA_OPTS=-Xmx256m manta bench --sizes 1e8 --products pds --threads 2",
            "  manta bench --sizes 1e7 --products varenergy --compare-stingray"})
public final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--sizes", split = ",", defaultValue = "1e6,1e7", paramLabel = "N[,N...]",
            description = "Events per file (default: ${DEFAULT-VALUE}); cpds uses two files of N each.")
    List<Double> sizes;

    @Option(names = "--products", split = ",", defaultValue = "pds,cpds", paramLabel = "pds,cpds,varenergy",
            description = "Products to time (default: ${DEFAULT-VALUE}).")
    List<String> products;

    @Option(names = "--threads", split = ",", paramLabel = "T[,T...]",
            description = "Worker thread counts (default: 1 and all processors).")
    List<Integer> threads;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "R",
            description = "Runs per case; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--dir", defaultValue = "manta-bench", paramLabel = "DIR",
            description = "Where the simulated files are kept and reused (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--compare-stingray", description = "Also run Stingray (shared/peers) on the same files.")
    boolean compareStingray;

    @Option(names = "--peers", paramLabel = "DIR",
            description = "Folder with stingray_run.py and the Stingray tarball (default: <manta>/../shared/peers).")
    Path peers;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.json",
            description = "Write the results as JSON (default: DIR/bench-results.json).")
    Path output;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** {@code manta} with {@code bench} added: {@code main("bench", "--sizes", "1e6")} runs this command. */
    public static void main(String[] args) {
        Main.runAndExit(args, List.of(new BenchCommand()));
    }

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new InvalidParameterException("repeat", repeat, "at least 1");
        }
        for (String p : products) {
            if (!p.equals("pds") && !p.equals("cpds") && !p.equals("varenergy")) {
                throw new InvalidParameterException("products", p, "pds, cpds or varenergy");
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> threadCounts = threads != null ? threads
                : cores > 1 ? List.of(1, cores) : List.of(1);
        Files.createDirectories(dir);
        deleteAll(classArchives());     // made again by the first run of each kind, with the jars of this build
        StingrayPeer stingray = compareStingray ? StingrayPeer.locate(peers, main.err()) : null;

        ObjectNode report = json.createObjectNode();
        report.put("created", Instant.now().toString());
        report.set("machine", machine(cores));
        report.put("setting", "50 GTIs of 1500 s every 2000 s; dt = 1/4096 s; segment 64 s (262144 bins); Leahy");
        ArrayNode rows = report.putArray("results");
        PrintStream out = main.out();
        out.printf(Locale.ROOT, "%-6s %-5s %-9s %7s %9s %9s %11s %9s %9s %7s %9s%n", "tool", "prod", "events",
                "threads", "wall s", "segs/s", "events/s", "RSS MB", "heap MB", "xFFT", "vs SR");
        for (double size : sizes) {
            long n = (long) size;
            Path a = simulated(n, 1);
            Path b = products.contains("cpds") ? simulated(n, 2) : null;
            for (String product : products) {
                List<Path> files = product.equals("cpds") ? List.of(a, b) : List.of(a);
                ObjectNode sr = null;
                if (stingray != null) {
                    sr = product.equals("varenergy") ? stingray.runVarEnergy(a, spectraFile("stingray", n), repeat)
                            : stingray.run(product, files, repeat);
                    sr.put("product", product);
                    sr.put("size", n);
                    rows.add(sr);
                    out.printf(Locale.ROOT, "%-6s %-5s %-9.2g %7s %9.2f %9.1f %11.3g %9.0f %9s %7s %9s%n", "sting", product,
                            (double) sr.get("events").asLong(), "-", sr.get("wall_s").asDouble(),
                            sr.get("segments").asDouble() / sr.get("wall_s").asDouble(),
                            sr.get("events").asDouble() / sr.get("wall_s").asDouble(), sr.get("peak_rss_mb").asDouble(),
                            "-", "-", "1.0");
                }
                for (int t : threadCounts) {
                    ObjectNode r = measure(product, t, files);
                    if (product.equals("varenergy") && sr != null) {
                        r.put("max_rel_diff_vs_stingray", VarEnergyBench.compare(json,
                                dir.resolve("product-varenergy.json"), spectraFile("stingray", n)));
                    }
                    r.put("size", n);
                    double segsPerS = r.get("segments").asDouble() / r.get("wall_s").asDouble();
                    r.put("segments_per_s", segsPerS);
                    r.put("events_per_s", r.get("events").asDouble() / r.get("wall_s").asDouble());
                    double floor = fftFloor(t, r.get("ffts").asInt());
                    r.put("fft_only_cold_s", floor);
                    r.put("fft_share", floor / r.get("inner_wall_s").asDouble());
                    r.put("vs_fft_only", r.get("inner_wall_s").asDouble() / floor);
                    r.put("vs_fft_only_warm", r.get("inner_wall_s").asDouble() / r.get("fft_only_s").asDouble());
                    if (sr != null) {
                        double ratio = segsPerS / (sr.get("segments").asDouble() / sr.get("wall_s").asDouble());
                        r.put("speedup_vs_stingray", ratio);
                    }
                    rows.add(r);
                    out.printf(Locale.ROOT, "%-6s %-5s %-9.2g %7d %9.2f %9.1f %11.3g %9.0f %9.0f %7.2f %9s%n", "manta",
                            product, r.get("events").asDouble(), t, r.get("wall_s").asDouble(), segsPerS,
                            r.get("events_per_s").asDouble(), r.get("peak_rss_mb").asDouble(),
                            r.get("peak_heap_mb").asDouble(), r.get("vs_fft_only").asDouble(),
                            r.has("speedup_vs_stingray") ? String.format(Locale.ROOT, "%.1fx",
                                    r.get("speedup_vs_stingray").asDouble()) : "-");
                }
            }
        }
        out.println("wall s: 'manta pds|cpds ... -o FILE' from launch to product written: JVM start, provenance (SHA-256, "
                + "from the digest cache after the first run) and output included (Stingray: its own read+compute "
                + "time, after warm-up);");
        out.println("xFFT: time inside the JVM / the same FFTs alone on the same threads in a fresh JVM; "
                + "vs SR: segments/s over Stingray's.");
        Path file = output != null ? output : dir.resolve("bench-results.json");
        byte[] bytes = json.writeValueAsBytes(report);
        AtomicFiles.write(file, o -> o.write(bytes));
        Path md = file.resolveSibling(file.getFileName().toString().replaceAll("\\.json$", "") + ".md");
        byte[] table = markdown(report).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(md, o -> o.write(table));
        main.err().println("manta bench: wrote " + md);
        main.err().println("manta bench: wrote " + file);
        return 0;
    }

    /** Where a tool's lag and rms spectra of the varenergy run on the {@code n}-event file go. */
    private Path spectraFile(String tool, long n) {
        return dir.resolve(String.format(Locale.ROOT, "varenergy-%s-%.0e.json", tool, (double) n).replace("+", ""));
    }

    private Path simulated(long n, int seed) {
        Path file = dir.resolve(String.format(Locale.ROOT, "bench-%.0e-%d.evt", (double) n, seed).replace("+", ""));
        if (!Files.exists(file)) {
            main.err().printf(Locale.ROOT, "manta bench: simulating %,d events -> %s%n", n, file);
            BenchmarkObservation.write(file, n, seed);
        }
        return file;
    }

    /** The results as a Markdown table (for the README). */
    static String markdown(ObjectNode report) {
        StringBuilder sb = new StringBuilder();
        sb.append("| tool | product | events | threads | wall s | segments/s | events/s | peak RSS MB | ")
                .append("× FFT floor | × Stingray |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (var r : report.get("results")) {
            boolean manta = r.get("tool").asText().equals("manta");
            double wall = r.get("wall_s").asDouble();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.0e | %s | %.2f | %.0f | %.3g | %.0f | %s | %s |%n",
                    manta ? "Manta" : "Stingray", r.get("product").asText(), r.get("events").asDouble(),
                    manta ? r.get("threads").asText() : "-", wall, r.get("segments").asDouble() / wall,
                    r.get("events").asDouble() / wall, r.get("peak_rss_mb").asDouble(),
                    manta ? String.format(Locale.ROOT, "%.2f", r.get("vs_fft_only").asDouble()) : "-",
                    r.has("speedup_vs_stingray") ? String.format(Locale.ROOT, "%.1f", r.get("speedup_vs_stingray")
                            .asDouble()) : "-"));
        }
        return sb.toString();
    }

    /**
     * The FFT floor: the same number of real FFTs of the same size on the same number of threads, in a fresh
     * JVM like the product run (so JIT warm-up is on both sides); median of {@code repeat} runs, s.
     */
    private double fftFloor(int threads, int ffts) throws IOException, InterruptedException {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            times.add(child(List.of("fft", Integer.toString(threads), Integer.toString(ffts))).get("fft_only_cold_s")
                    .asDouble());
        }
        times.sort(Double::compare);
        return times.get(times.size() / 2);
    }

    /** Runs {@link BenchRun} with {@code args} in a fresh JVM (with JAVA_OPTS) and parses its JSON line. */
    private ObjectNode child(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = System.getenv("JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(Arrays.asList(opts.trim().split("\\s+")));
        }
        // the launcher's class-data sharing (`manta` keeps an archive per command): one archive per kind of run
        Files.createDirectories(classArchives());
        cmd.addAll(List.of("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + classArchives().resolve(args.get(0) + ".jsa").toAbsolutePath(),
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        cmd.add("-D" + DigestCacheSetting.PROPERTY + "=" + digestCache().toAbsolutePath());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchRun.class.getName()));
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (InputStream in = p.getInputStream()) {
            line = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (p.waitFor() != 0) {
            throw new MantaException("benchmark run failed (exit " + p.exitValue() + "): " + String.join(" ", cmd));
        }
        ObjectNode r = (ObjectNode) json.readTree(line);
        r.put("process_wall_s", (System.nanoTime() - t0) * 1e-9);
        r.put("java_opts", opts == null ? "" : opts);
        return r;
    }

    /**
     * Median of {@code repeat} fresh-JVM runs of the command (by wall time). The first run starts with an empty
     * digest cache (the inputs are hashed, as on a file's first use), the others find the digests there, as a
     * user's repeated commands on the same file do; both are kept ({@code first_*}, {@code repeated_*}), next to
     * the analysis alone ({@link BenchRun}'s {@code analysis-*}: the embedded pipeline in a fresh JVM; its runs
     * alternate with the command's) and CPU seconds (user + system), which a shared machine disturbs less than
     * wall times.
     */
    private ObjectNode measure(String product, int threads, List<Path> files) throws IOException, InterruptedException {
        deleteAll(digestCache());
        List<String> analysisArgs = new ArrayList<>(List.of("analysis-" + product, Integer.toString(threads)));
        files.forEach(f -> analysisArgs.add(f.toString()));
        child(analysisArgs);     // a warm-up run of the analysis, which makes its class archive
        // the command and the analysis alternate, so that a drift of this machine's speed touches both alike
        List<ObjectNode> runs = new ArrayList<>();
        List<ObjectNode> alone = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            List<String> args = new ArrayList<>(List.of(product, Integer.toString(threads),
                    dir.resolve("product-" + product + ".json").toString()));
            files.forEach(f -> args.add(f.toString()));
            ObjectNode r = child(args);
            r.put("tool", "manta");
            r.put("product", product);
            // wall = launch .. product done; the warm FFT baseline that follows in the same JVM is not counted
            r.put("wall_s", r.get("process_wall_s").asDouble()
                    - (r.get("uptime_at_exit_s").asDouble() - r.get("uptime_at_done_s").asDouble()));
            r.put("digest_cache", i == 0 ? "cold" : "warm");
            runs.add(r);
            alone.add(child(analysisArgs));
        }
        ObjectNode first = runs.get(0);
        List<ObjectNode> repeated = runs.size() > 1 ? runs.subList(1, runs.size()) : runs;
        double analysisWall = median(alone, "process_wall_s");
        double analysisCpu = median(alone, "cpu_at_done_s");
        ObjectNode r = tableRow(repeated);
        r.put("first_wall_s", first.get("wall_s").asDouble());
        r.put("first_cpu_s", first.get("cpu_at_done_s").asDouble());
        r.put("repeated_wall_s", median(repeated, "wall_s"));
        r.put("repeated_cpu_s", median(repeated, "cpu_at_done_s"));
        r.put("analysis_wall_s", analysisWall);
        r.put("analysis_cpu_s", analysisCpu);
        r.put("repeated_vs_analysis_wall", median(repeated, "wall_s") / analysisWall);
        r.put("repeated_vs_analysis_cpu", median(repeated, "cpu_at_done_s") / analysisCpu);
        // each repeated run against the analysis run right after it: the pair shares the machine's speed of the moment
        double[] pairedWall = paired(runs, alone, "wall_s", "process_wall_s");
        double[] pairedCpu = paired(runs, alone, "cpu_at_done_s", "cpu_at_done_s");
        r.put("paired_vs_analysis_wall", pairedWall[0]);
        r.put("paired_vs_analysis_cpu", pairedCpu[0]);
        main.out().printf(Locale.ROOT, "command against analysis (%s, %d threads), wall s / CPU s: first run (digest "
                        + "cache cold) %.2f / %.2f; repeated runs %.2f / %.2f; analysis alone %.2f / %.2f; "
                        + "repeated / analysis %.2f (wall), %.2f (CPU); paired runs, median (range) %.2f (%.2f-%.2f) "
                        + "(wall), %.2f (%.2f-%.2f) (CPU)%n", product, threads,
                first.get("wall_s").asDouble(), first.get("cpu_at_done_s").asDouble(), median(repeated, "wall_s"),
                median(repeated, "cpu_at_done_s"), analysisWall, analysisCpu,
                r.get("repeated_vs_analysis_wall").asDouble(), r.get("repeated_vs_analysis_cpu").asDouble(),
                pairedWall[0], pairedWall[1], pairedWall[2], pairedCpu[0], pairedCpu[1], pairedCpu[2]);
        return r;
    }

    /**
     * The table's row of a command: its median repeated run (as users repeat a command, the digest cached), with the
     * repeated runs' median wall time, the number the summary line prints (found: the row was the median of all runs,
     * the cold first one among them: 4.64 s in the table against 4.29 s in the line above it).
     */
    static ObjectNode tableRow(List<ObjectNode> repeated) {
        List<ObjectNode> sorted = new ArrayList<>(repeated);
        sorted.sort((x, y) -> Double.compare(x.get("wall_s").asDouble(), y.get("wall_s").asDouble()));
        ObjectNode r = sorted.get(sorted.size() / 2).deepCopy();
        r.put("wall_s", median(repeated, "wall_s"));
        return r;
    }

    /**
     * The ratios of each repeated command run ({@code runs} after the first) to the analysis run that followed it,
     * {@code commandField} over {@code analysisField}: their median, smallest and largest.
     */
    static double[] paired(List<ObjectNode> runs, List<ObjectNode> alone, String commandField, String analysisField) {
        double[] ratios = new double[Math.max(1, runs.size() - 1)];
        for (int i = 0; i < ratios.length; i++) {
            int k = runs.size() > 1 ? i + 1 : 0;
            ratios[i] = runs.get(k).get(commandField).asDouble() / alone.get(k).get(analysisField).asDouble();
        }
        Arrays.sort(ratios);
        return new double[] {medianOfSorted(ratios), ratios[0], ratios[ratios.length - 1]};
    }

    private static double median(List<ObjectNode> runs, String field) {
        return medianOfSorted(runs.stream().mapToDouble(r -> r.get(field).asDouble()).sorted().toArray());
    }

    /** The middle value of sorted {@code v}, or the mean of the two middle ones. */
    private static double medianOfSorted(double[] v) {
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The digest cache of the benchmark's command runs ({@code DIR/digest-cache}, not the user's). */
    private Path digestCache() {
        return dir.resolve("digest-cache");
    }

    /** The class-data-sharing archives of the benchmark's runs ({@code DIR/cds}). */
    private Path classArchives() {
        return dir.resolve("cds");
    }

    private static void deleteAll(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (var entries = Files.list(folder)) {
                for (Path e : entries.toList()) {
                    Files.delete(e);
                }
            }
        }
    }

    private ObjectNode machine(int cores) {
        ObjectNode m = json.createObjectNode();
        m.put("cores", cores);
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    m.put("memory_kb", Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            m.put("cpu", "unknown");
        }
        return m;
    }

    /** Stingray from shared/peers, run with Debian's python3 on the same files. */
    record StingrayPeer(Path runner, Path python, Path peerDir) {
        static StingrayPeer locate(Path peers, PrintStream err) throws IOException, InterruptedException {
            Path dir = peers != null ? peers : Path.of(System.getProperty("manta.home", ".")).toAbsolutePath()
                    .getParent().resolve("shared").resolve("peers");
            Path runner = dir.resolve("stingray_run.py");
            if (!Files.isRegularFile(runner)) {
                throw new InvalidParameterException("peers", dir, "a folder with stingray_run.py (shared/peers)");
            }
            Path python = Path.of("/usr/bin/python3");
            Process check = new ProcessBuilder(python.toString(), "-c", "import numpy, scipy, astropy, matplotlib").start();
            if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new MantaException("--compare-stingray needs Debian's Python packages: apt-get install -y "
                        + "python3-numpy python3-scipy python3-astropy python3-matplotlib python3-numba");
            }
            Path peer = Path.of(System.getenv().getOrDefault("STINGRAY_PEER",
                    System.getProperty("user.home") + "/stingray-peer"));
            if (!Files.isDirectory(peer.resolve("stingray"))) {
                Path tarball;
                try (var list = Files.list(dir)) {
                    tarball = list.filter(p -> p.getFileName().toString().matches("stingray-.*\\.tar\\.gz")).findFirst()
                            .orElseThrow(() -> new MantaException("no stingray-*.tar.gz in " + dir));
                }
                Files.createDirectories(peer);
                err.println("manta bench: unpacking " + tarball + " -> " + peer);
                Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", peer.toString()).inheritIO().start();
                if (tar.waitFor() != 0) {
                    throw new MantaException("cannot unpack " + tarball);
                }
            }
            return new StingrayPeer(runner, python, peer);
        }

        /** Median of {@code repeat} runs; {@code wall_s} is Stingray's own read+compute time (after its warm-up). */
        ObjectNode run(String product, List<Path> files, int repeat) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(python.toString(), runner.toString(), product));
            files.forEach(f -> cmd.add(f.toString()));
            cmd.addAll(List.of("--dt", "1/4096", "--segment", "64", "--norm", "leahy"));
            return median(cmd, repeat);
        }

        /**
         * Stingray's {@code LagSpectrum} and {@code RmsSpectrum} in {@link VarEnergyBench}'s setting, by
         * {@code benchmarks/stingray_varenergy.py} (next to this module); the spectra go to {@code spectra}.
         */
        ObjectNode runVarEnergy(Path file, Path spectra, int repeat) throws IOException, InterruptedException {
            Path script = Path.of(System.getProperty("manta.home", ".")).toAbsolutePath().resolve("benchmarks")
                    .resolve("stingray_varenergy.py");
            if (!Files.isRegularFile(script)) {
                throw new InvalidParameterException("manta.home", script, "the repository root (benchmarks/stingray_varenergy.py)");
            }
            List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), file.toString()));
            cmd.addAll(List.of(VarEnergyBench.stingrayArguments()));
            cmd.addAll(List.of("-o", spectra.toString()));
            return median(cmd, repeat);
        }

        private ObjectNode median(List<String> cmd, int repeat) throws IOException, InterruptedException {
            ObjectMapper m = new ObjectMapper();
            List<ObjectNode> runs = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
                pb.environment().put("STINGRAY_PEER", peerDir.toString());
                long t0 = System.nanoTime();
                Process p = pb.start();
                String out;
                try (InputStream in = p.getInputStream()) {
                    out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                }
                if (p.waitFor() != 0) {
                    throw new MantaException("Stingray run failed: " + String.join(" ", cmd));
                }
                double processWall = (System.nanoTime() - t0) * 1e-9;
                String last = out.lines().reduce((x, y) -> y).orElse("{}");
                ObjectNode r = (ObjectNode) m.readTree(last);
                r.put("process_wall_s", processWall);
                runs.add(r);
            }
            runs.sort((x, y) -> Double.compare(x.get("wall_s").asDouble(), y.get("wall_s").asDouble()));
            return runs.get(runs.size() / 2);
        }
    }
}
