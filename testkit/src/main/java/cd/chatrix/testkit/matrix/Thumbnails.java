package cd.chatrix.testkit.matrix;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Thumbnails made with the JDK's ImageIO, following the spec's two methods: {@code scale} fits the
 * image inside the requested box keeping its aspect ratio, {@code crop} fills the box and cuts off
 * what sticks out. Images are never enlarged.
 */
final class Thumbnails {
  private Thumbnails() {}

  /** A PNG thumbnail, or empty when the media is not an image ImageIO can read. */
  static Optional<byte[]> make(byte[] original, int width, int height, boolean crop) {
    BufferedImage source;
    try {
      source = ImageIO.read(new ByteArrayInputStream(original));
    } catch (IOException e) {
      return Optional.empty();
    }
    if (source == null) {
      return Optional.empty();
    }
    double sx = (double) width / source.getWidth();
    double sy = (double) height / source.getHeight();
    double factor = Math.min(1.0, crop ? Math.max(sx, sy) : Math.min(sx, sy));
    int scaledW = Math.max(1, (int) Math.round(source.getWidth() * factor));
    int scaledH = Math.max(1, (int) Math.round(source.getHeight() * factor));
    int outW = crop ? Math.min(scaledW, width) : scaledW;
    int outH = crop ? Math.min(scaledH, height) : scaledH;
    BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(source, (outW - scaledW) / 2, (outH - scaledH) / 2, scaledW, scaledH, null);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PNG to memory failed", e);
    }
    return Optional.of(bytes.toByteArray());
  }
}
