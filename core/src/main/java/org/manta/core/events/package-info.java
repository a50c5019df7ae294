/** Event lists, observation metadata and energy/PI selections (science.md §1.1). */
package org.manta.core.events;
