/**
 * The mesh's partial accumulator ({@link org.manta.mesh.common.partial.MeshPartial}, one subclass per
 * product kind: {@link org.manta.mesh.common.partial.PowerPartial},
 * {@link org.manta.mesh.common.partial.CrossPartial}, {@link org.manta.mesh.common.partial.DynamicalPartial}):
 * a core accumulator plus the processed segment set ({@link org.manta.core.segment.SegmentSet}) that
 * makes merging idempotent (duplicates are recognised by segment index) and completion known.
 */
package org.manta.mesh.common.partial;
