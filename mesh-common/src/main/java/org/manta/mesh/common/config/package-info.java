/** Typed configuration shared by the mesh services ({@code @ConfigMapping}); see CONFIGURATION.md. */
package org.manta.mesh.common.config;
