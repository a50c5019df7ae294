/** The reduction of a job's partials into its product ({@link org.manta.reduce.service.JobReducer}), free of Kafka. */
package org.manta.reduce.service;
