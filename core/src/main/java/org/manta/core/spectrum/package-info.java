/** Mergeable spectral accumulators and the products they finalise (science.md §5–11, §14). */
package org.manta.core.spectrum;
