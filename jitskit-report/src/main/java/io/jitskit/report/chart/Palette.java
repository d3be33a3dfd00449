package io.jitskit.report.chart;

import java.awt.Color;

/** The colours every chart shares, chosen to stay distinguishable in grey print and for common colour blindness. */
final class Palette {

    static final Color BACKGROUND = Color.WHITE;
    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x66, 0x66, 0x66);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color IN_PROCESS = new Color(0x3B, 0x6E, 0xA8);
    static final Color OUT_OF_PROCESS = new Color(0xE0, 0x8E, 0x2B);
    static final Color WHISKER = new Color(0x22, 0x22, 0x22);
    static final Color ACCEPTED = new Color(0x2E, 0x8B, 0x57);
    static final Color REJECTED = new Color(0xC6, 0x28, 0x28);
    static final Color COMPILE_ERROR = new Color(0x8E, 0x44, 0xAD);
    static final Color SLOWER = new Color(0x8C, 0x8C, 0x8C);
    static final Color ERROR = new Color(0x11, 0x11, 0x11);
    static final Color BEST = new Color(0x2E, 0x8B, 0x57);
    static final Color COST = new Color(0xB0, 0x8D, 0x57);

    /** A font stack present on Debian (DejaVu) with fallbacks elsewhere. */
    static final String FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif";

    private Palette() {
    }

    static String hex(final Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
