/**
 * PNG plots of products with XChart, rendered headless: power spectra (log-log, with error bars),
 * lag-frequency spectra, light curves and dynamical power spectra (heat map). Points that a log axis cannot
 * show (non-positive or non-finite) are dropped. Files are written all-or-nothing like the products.
 */
package org.manta.cli.plot;
