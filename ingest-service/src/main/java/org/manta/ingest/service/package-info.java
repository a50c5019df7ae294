/** The edge's job handling: validation, inputs located or staged in the shared storage, uploads, resumption, cancellation. */
package org.manta.ingest.service;
