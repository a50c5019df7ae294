/** Segment boundaries and per-segment count arrays (science.md §2.4–2.7, §3). */
package org.manta.core.segment;
