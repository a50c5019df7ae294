package org.manta.cli.plot;

import java.awt.image.BufferedImage;

/** Reading painted charts back: pixels of a colour in a region. */
final class Pixels {
    /** The data colour of the charts (Plots.DATA), RGB. */
    static final int[] DATA = {0x1f, 0x4e, 0x9e};

    private Pixels() {
    }

    /**
     * Pixels of {@code img} in {@code [x0, x1) × [y0, y1)} (clipped to the image) whose channels are each within
     * {@code tolerance} of {@code rgb}.
     */
    static int count(BufferedImage img, int[] rgb, int tolerance, int x0, int x1, int y0, int y1) {
        int k = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                int p = img.getRGB(x, y);
                k += Math.abs(((p >> 16) & 0xff) - rgb[0]) <= tolerance && Math.abs(((p >> 8) & 0xff) - rgb[1]) <= tolerance
                        && Math.abs((p & 0xff) - rgb[2]) <= tolerance ? 1 : 0;
            }
        }
        return k;
    }
}
