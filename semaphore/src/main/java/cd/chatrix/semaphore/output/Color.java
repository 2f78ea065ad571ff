package cd.chatrix.semaphore.output;

/**
 * A terminal colour: one of the 256 palette entries (0-7 normal, 8-15 bright) or a 24-bit colour.
 */
public sealed interface Color permits Color.Palette, Color.Rgb {

  record Palette(int index) implements Color {
    @Override
    public String hex() {
      return Color.paletteHex(index);
    }
  }

  record Rgb(int red, int green, int blue) implements Color {
    @Override
    public String hex() {
      return String.format("#%02x%02x%02x", red, green, blue);
    }
  }

  /** A CSS colour for chat HTML, using the xterm palette. */
  String hex();

  /** The xterm default RGB for palette colours. */
  static String paletteHex(int index) {
    int[] basic = {
      0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
      0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff
    };
    int rgb;
    if (index < 16) {
      rgb = basic[index];
    } else if (index < 232) {
      int i = index - 16;
      int[] steps = {0, 95, 135, 175, 215, 255};
      rgb = (steps[i / 36] << 16) | (steps[(i / 6) % 6] << 8) | steps[i % 6];
    } else {
      int g = 8 + (index - 232) * 10;
      rgb = (g << 16) | (g << 8) | g;
    }
    return String.format("#%06x", rgb);
  }
}
