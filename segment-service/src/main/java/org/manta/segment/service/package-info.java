/** The planning of a job into work units ({@link org.manta.segment.service.JobPlanner}), free of Kafka. */
package org.manta.segment.service;
