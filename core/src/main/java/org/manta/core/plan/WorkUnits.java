package org.manta.core.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.manta.core.InvalidParameterException;
import org.manta.core.io.EventFileReader;

/**
 * Cuts a plan into work units: consecutive runs of whole segments of equal length (the last may be
 * shorter), each with the row range of every input found by bisection on TIME (design.md §2.1): the rows
 * the cut of the whole file gives to the unit's segments, {@code eventsFrom(first) <= t < end(last)}
 * ({@link JobPlan#eventsFrom}). At most two bisections per unit and input (one where units meet inside a
 * GTI); no event is read. Deterministic: the same plan, inputs and sizing give
 * the same units, so a re-planned job is cut the same way.
 */
public final class WorkUnits {
    private WorkUnits() {
    }

    /** The work units of a plan on its event files, one per input in input order (opened for the bisections, then closed). */
    public static List<WorkUnit> cutFiles(JobPlan plan, List<Path> files, UnitSizing sizing) {
        List<EventFileReader> readers = new ArrayList<>();
        try {
            List<RowIndex> index = new ArrayList<>();
            for (Path f : files) {
                EventFileReader r = EventFileReader.open(f);
                readers.add(r);
                index.add(RowIndex.of(r));
            }
            return cut(plan, index, sizing);
        } finally {
            readers.forEach(EventFileReader::close);
        }
    }

    /**
     * @param plan   the job's plan
     * @param inputs one row index per input of the plan, in input order
     * @param sizing how large units are
     * @return the units in segment order, covering every segment exactly once
     */
    public static List<WorkUnit> cut(JobPlan plan, List<RowIndex> inputs, UnitSizing sizing) {
        if (inputs.size() != plan.request().inputs()) {
            throw new InvalidParameterException("inputs", inputs.size(), plan.request().inputs() + " row indices");
        }
        int n = plan.segmentCount();
        int k = inputs.size();
        long busiest = 0;
        for (RowIndex in : inputs) {
            busiest = Math.max(busiest, in.firstRowAtOrAfter(plan.end(n - 1)) - in.firstRowAtOrAfter(plan.start(0)));
        }
        int perUnit = sizing.segmentsPerUnit(n, busiest);
        List<WorkUnit> units = new ArrayList<>((n + perUnit - 1) / perUnit);
        long[] previousTo = new long[k];
        for (int from = 0; from < n; from += perUnit) {
            int to = Math.min(n, from + perUnit);
            long[] rowFrom = new long[k];
            long[] rowTo = new long[k];
            for (int i = 0; i < k; i++) {
                // where the previous unit ended is where this one starts unless a GTI gap lies between
                // (eventsFrom(from) == end(from - 1)): one bisection per boundary instead of two
                rowFrom[i] = from > 0 && plan.eventsFrom(from) == plan.end(from - 1) ? previousTo[i]
                        : inputs.get(i).firstRowAtOrAfter(plan.eventsFrom(from));
                rowTo[i] = Math.max(rowFrom[i], inputs.get(i).firstRowAtOrAfter(plan.end(to - 1)));
                previousTo[i] = rowTo[i];
            }
            units.add(new WorkUnit(units.size(), from, to, rowFrom, rowTo));
        }
        return units;
    }

    /**
     * The plan as one unit: every segment and every row of each input. For products that are not decomposable
     * by segments (computed from the whole input by one worker, docs/mesh.md "Products the mesh runs").
     *
     * @throws org.manta.core.InvalidParameterException if the plan has no segment
     */
    public static WorkUnit whole(JobPlan plan, List<RowIndex> inputs) {
        int k = inputs.size();
        long[] rowTo = new long[k];
        for (int i = 0; i < k; i++) {
            rowTo[i] = inputs.get(i).firstRowAtOrAfter(Double.POSITIVE_INFINITY);
        }
        return new WorkUnit(0, 0, plan.segmentCount(), new long[k], rowTo);
    }

    /**
     * The units with their row ranges widened to partition each input's rows: the first unit from row 0, every
     * other from its own first row to the next unit's, the last to the end of the table. A job that counts the
     * events of the whole list, also outside the segments (variability versus energy: Stingray's event counts
     * per band), reads its units this way, each row by exactly one unit; the segments are unchanged.
     *
     * @param units  units of {@link #cut}, in segment order
     * @param inputs the row indices they were cut with
     */
    public static List<WorkUnit> coverAllRows(List<WorkUnit> units, List<RowIndex> inputs) {
        int k = inputs.size();
        List<WorkUnit> out = new ArrayList<>(units.size());
        for (int u = 0; u < units.size(); u++) {
            WorkUnit unit = units.get(u);
            long[] rowFrom = new long[k];
            long[] rowTo = new long[k];
            for (int i = 0; i < k; i++) {
                rowFrom[i] = u == 0 ? 0 : unit.rowFrom(i);
                rowTo[i] = u == units.size() - 1 ? inputs.get(i).firstRowAtOrAfter(Double.POSITIVE_INFINITY)
                        : units.get(u + 1).rowFrom(i);
            }
            out.add(new WorkUnit(unit.index(), unit.segmentFrom(), unit.segmentTo(), rowFrom, rowTo));
        }
        return out;
    }
}
