/** The edge's job handling: validation, the data root, file ingestion, uploads, cancellation. */
package org.manta.ingest.service;
