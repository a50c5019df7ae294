/** Good time intervals and the operations on them (science.md §2; Stingray {@code gti.py}). */
package org.manta.core.gti;
