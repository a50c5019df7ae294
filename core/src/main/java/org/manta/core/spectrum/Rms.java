package org.manta.core.spectrum;

/**
 * An integrated fractional (or absolute) rms and its uncertainty.
 *
 * @param rms   rms amplitude ({@code √∫(P - P_noise)dν}); 0 when the noise-subtracted power is negative
 * @param error 1σ uncertainty (high-S/N approximation); 0 when {@code rms} is 0
 */
public record Rms(double rms, double error) {
}
