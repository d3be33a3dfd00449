package io.jitskit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks on rendered pictures. */
public final class Pictures {

    private Pictures() {
    }

    /**
     * Reads a PNG back with ImageIO and checks it shows more than a background.
     *
     * @param width  expected width in pixels, or 0 for any
     * @param height expected height in pixels, or 0 for any
     */
    public static void assertNotBlank(final Path png, final int width, final int height) throws Exception {
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 1000, png + " is missing or nearly empty");
        final BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a readable image");
        if (width > 0) {
            assertEquals(width, image.getWidth(), png + " width");
            assertEquals(height, image.getHeight(), png + " height");
        }
        final Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                final int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                nonWhite += rgb == 0xFFFFFF ? 0 : 1;
            }
        }
        assertTrue(colours.size() > 8, png + " has only " + colours.size() + " colours: blank");
        assertTrue(nonWhite > 500, png + " has only " + nonWhite + " sampled non-white pixels: blank");
    }
}
