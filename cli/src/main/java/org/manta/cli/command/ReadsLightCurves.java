package org.manta.cli.command;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command whose input may be a light curve (FITS or JSON) as well as an event file ({@link LightCurveInput}): a
 * light curve brings its own bin time, so the {@code --dt} of its {@link AnalysisOptions}, which every other command
 * requires, is optional here ({@link #dtOptional}); an event file without it is refused by
 * {@link AnalysisOptions#dt()}.
 */
public interface ReadsLightCurves {

    /** Makes {@code --dt} of {@code spec} (a command's model) optional, with a description that says when to give it. */
    static void dtOptional(CommandSpec spec) {
        OptionSpec dt = spec.findOption("--dt");
        spec.remove(dt);
        spec.addOption(dt.toBuilder().required(false).description("Bin time in seconds to bin an event file; a fraction "
                + "is fine, e.g. 1/512. A light curve input has its own: without --dt it is used, with --dt it must "
                + "be equal.").build());
    }
}
