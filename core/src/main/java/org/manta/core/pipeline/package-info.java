/**
 * Parallel execution of segment jobs: a bounded pool of workers fed by the streaming reader with
 * back-pressure, each folding segments into its own partial accumulator (tree level 1), combined at
 * the end. Used by the embedded pipeline and by mesh workers alike.
 */
package org.manta.core.pipeline;
