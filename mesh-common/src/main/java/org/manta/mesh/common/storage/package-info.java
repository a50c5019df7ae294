/**
 * The storage contract of work units (design.md §2.1): an input is named by a location
 * {@code "<store>:<relative path>"} that every service resolves under its own mount of that store.
 */
package org.manta.mesh.common.storage;
