/**
 * Good time intervals and the operations on them (science.md §2 with science-errata M7, L12; Stingray
 * {@code gti.py}): the {@link org.manta.core.gti.GtiList} value, exact intersection, boundary joining
 * and the binned-data mask in {@link org.manta.core.gti.Gtis}, and {@link org.manta.core.gti.Float80},
 * the emulation of numpy's extended-precision {@code longdouble} that Stingray uses for GTIs and time
 * offsets.
 */
package org.manta.core.gti;
