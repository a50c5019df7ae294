/** A small, dependency-free progress bar for long work, drawn on stderr. */
package org.manta.cli.progress;
