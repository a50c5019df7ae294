/**
 * segment-service (design.md §2.1): plans each job once. From a {@code JobInput} ({@code manta.inputs})
 * it reads the headers of the job's event files, makes the core's job plan, cuts it into work units
 * (runs of whole segments, each a row range of every input, found by bisection on TIME) on
 * {@code manta.units}, keyed to spread one job over every partition, and publishes the expected
 * segment count ({@code manta.expected}) at once. Kafka Streams, exactly once; a job is planned once even
 * if its input is announced twice.
 */
package org.manta.segment;
