package org.manta.cli.mesh;

import java.util.Locale;
import org.manta.proto.v1.JobProgress;

/** One line of progress of a mesh job: a bar of segments merged out of expected, rate and ETA. */
final class ProgressLine {
    static final int WIDTH = 30;

    private ProgressLine() {
    }

    static String of(JobProgress p) {
        StringBuilder sb = new StringBuilder("manta submit: ");
        if (p.hasSegmentsExpected() && p.getSegmentsExpected() > 0) {
            double f = Math.min(1.0, (double) p.getSegmentsDone() / p.getSegmentsExpected());
            int filled = (int) Math.round(f * WIDTH);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%% %d/%d segments", 100 * f, p.getSegmentsDone(),
                            p.getSegmentsExpected()));
        } else {
            sb.append(p.getSegmentsDone()).append(" segments");
        }
        if (p.getRate() > 0) {
            sb.append(String.format(Locale.ROOT, ", %.0f seg/s", p.getRate()));
        }
        if (p.hasEtaSeconds()) {
            sb.append(String.format(Locale.ROOT, ", ETA %.0f s", p.getEtaSeconds()));
        }
        sb.append(' ').append(p.getState().name());
        return sb.toString();
    }
}
