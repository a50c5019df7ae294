package org.manta.cli.mesh;

import com.google.rpc.BadRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A job field the mesh refused, said in the words of {@code manta submit}'s command line: the mesh names the
 * {@code JobSpec} field ({@code segment_size}, {@code band1}, {@code inputs[0]}; the gRPC API's words, which its
 * description keeps), the command names the option or the file the user typed ({@code --segment 1e6},
 * {@code nosuch.evt}). The field comes as the status's {@code google.rpc.BadRequest} field violation (the mesh's
 * {@code GrpcErrors}), whose description says what was expected.
 */
final class MeshRefusal {
    private MeshRefusal() {
    }

    /**
     * The options that set each JobSpec field (the server's field names, JobSpecs and the specs it calls), in the order
     * they are tried: the first one given on the command line, else the first one the command has.
     */
    static final Map<String, List<String>> OPTIONS = Map.ofEntries(
            Map.entry("dt", List.of("--dt")),
            Map.entry("segment_size", List.of("--segment")),
            Map.entry("norm", List.of("--norm")),
            Map.entry("band1", List.of("--energy1", "--pi1", "--energy", "--pi")),
            Map.entry("band2", List.of("--energy2", "--pi2")),
            Map.entry("time_filter.gti", List.of("--gti")),
            Map.entry("time_filter.tstart", List.of("--tstart")),
            Map.entry("time_filter.tstop", List.of("--tstop")),
            Map.entry("time_filter.min_gti", List.of("--min-gti")),
            Map.entry("fad.smoothing_length", List.of("--smoothing-length")),
            Map.entry("fad.tolerance", List.of("--tolerance")),
            Map.entry("fad.smoothing", List.of("--smoothing-alg")),
            Map.entry("varenergy.kind", List.of("--kind")),
            Map.entry("varenergy.band_edges", List.of("--bands")),
            Map.entry("varenergy.reference", List.of("--ref")),
            Map.entry("lomb.method", List.of("--method")),
            Map.entry("lomb.min_freq", List.of("--min-freq")),
            Map.entry("lomb.max_freq", List.of("--max-freq")),
            Map.entry("lomb.df", List.of("--df")),
            Map.entry("lomb.oversampling", List.of("--oversampling")),
            Map.entry("lomb.err_dist", List.of("--err-dist")),
            Map.entry("multitaper.err_dist", List.of("--err-dist")),
            Map.entry("multitaper.nw", List.of("--nw")),
            Map.entry("multitaper.adaptive", List.of("--adaptive")),
            Map.entry("bispectrum.maxlag", List.of("--maxlag")),
            Map.entry("bicoherence.segment_size", List.of("--segment")),
            Map.entry("bicoherence.window", List.of("--window")));

    /** How the mesh names the data root in what it expected; the command says whose. */
    private static final String DATA_ROOT = "the data root";

    /**
     * The refusal in the command's words, or empty when the field is none the command sets (the caller then says the
     * mesh's description).
     * <ul>
     *   <li>{@code inputs[I]} with {@code --server-path}: the path as typed, e.g.
     *       {@code nosuch.evt: expected an existing file under the mesh's data root};</li>
     *   <li>a field of an option: as picocli refuses a value locally, with the value as typed, e.g.
     *       {@code Invalid value for option '--segment': '1e6': expected at most 4194304 bins of dt = …}.</li>
     * </ul>
     * An uploaded list the description names ({@code upload 0}) is named by its file as typed
     * ({@link SubmitCommand#localNames}), as the reason of a failed job is.
     *
     * @param violation   the field violation of the mesh's status ({@code field}, {@code description}: "expected …")
     * @param parsed      the subcommand's parse result (its options and their values as typed)
     * @param serverPaths the input paths as typed, in the order of {@code JobSpec.inputs}; empty for an upload
     * @param uploaded    the files uploaded as typed, in the order of the upload's lists; empty for server paths
     */
    static Optional<String> inCommandWords(BadRequest.FieldViolation violation, CommandLine.ParseResult parsed,
                                           List<Path> serverPaths, List<Path> uploaded) {
        return option(violation, parsed, serverPaths).map(said -> SubmitCommand.localNames(said, uploaded));
    }

    private static Optional<String> option(BadRequest.FieldViolation violation, CommandLine.ParseResult parsed,
                                           List<Path> serverPaths) {
        String field = violation.getField();
        String expected = violation.getDescription();
        Optional<Integer> input = inputIndex(field);
        if (input.isPresent()) {
            return input.filter(i -> i < serverPaths.size())
                    .map(i -> serverPaths.get(i) + ": " + expected.replace(DATA_ROOT, "the mesh's data root"));
        }
        List<String> names = OPTIONS.getOrDefault(field, List.of());
        Optional<OptionSpec> given = names.stream().map(parsed::matchedOption).filter(o -> o != null).findFirst();
        if (given.isPresent()) {
            return Optional.of("Invalid value for option '" + given.get().longestName() + "': '"
                    + String.join(" ", given.get().originalStringValues()) + "': " + expected);
        }
        return names.stream().filter(n -> parsed.commandSpec().findOption(n) != null).findFirst()
                .map(n -> "option '" + n + "' (not given): " + expected);
    }

    /** I of {@code inputs[I]}. */
    private static Optional<Integer> inputIndex(String field) {
        if (!field.startsWith("inputs[") || !field.endsWith("]")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(field.substring("inputs[".length(), field.length() - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
