/** The cutting of ordered event chunks into segments ({@link org.manta.segment.service.SegmentCutter}), free of Kafka. */
package org.manta.segment.service;
