/** The {@code manta} command and the embedded (single-JVM) pipeline. */
package org.manta.cli;
