/**
 * The mesh's partial accumulator ({@link org.manta.mesh.common.partial.MeshPartial}): core accumulators
 * plus the processed segment set ({@link org.manta.core.segment.SegmentSet}) that makes
 * merging idempotent (duplicates are recognised by segment index) and completion known.
 */
package org.manta.mesh.common.partial;
