package cd.chatrix.crypto.verification;

import java.util.List;

/** The 64 emoji of the SAS method, indexed as the spec numbers them, with their English names. */
public final class SasEmoji {
  /** One emoji of a short authentication string. */
  public record Emoji(int index, String symbol, String name) {}

  private static final String[][] TABLE = {
    {"🐶", "Dog"},
    {"🐱", "Cat"},
    {"🦁", "Lion"},
    {"🐎", "Horse"},
    {"🦄", "Unicorn"},
    {"🐷", "Pig"},
    {"🐘", "Elephant"},
    {"🐰", "Rabbit"},
    {"🐼", "Panda"},
    {"🐓", "Rooster"},
    {"🐧", "Penguin"},
    {"🐢", "Turtle"},
    {"🐟", "Fish"},
    {"🐙", "Octopus"},
    {"🦋", "Butterfly"},
    {"🌷", "Flower"},
    {"🌳", "Tree"},
    {"🌵", "Cactus"},
    {"🍄", "Mushroom"},
    {"🌏", "Globe"},
    {"🌙", "Moon"},
    {"☁️", "Cloud"},
    {"🔥", "Fire"},
    {"🍌", "Banana"},
    {"🍎", "Apple"},
    {"🍓", "Strawberry"},
    {"🌽", "Corn"},
    {"🍕", "Pizza"},
    {"🎂", "Cake"},
    {"❤️", "Heart"},
    {"😀", "Smiley"},
    {"🤖", "Robot"},
    {"🎩", "Hat"},
    {"👓", "Glasses"},
    {"🔧", "Spanner"},
    {"🎅", "Santa"},
    {"👍", "Thumbs Up"},
    {"☂️", "Umbrella"},
    {"⌛", "Hourglass"},
    {"⏰", "Clock"},
    {"🎁", "Gift"},
    {"💡", "Light Bulb"},
    {"📕", "Book"},
    {"✏️", "Pencil"},
    {"📎", "Paperclip"},
    {"✂️", "Scissors"},
    {"🔒", "Lock"},
    {"🔑", "Key"},
    {"🔨", "Hammer"},
    {"☎️", "Telephone"},
    {"🏁", "Flag"},
    {"🚂", "Train"},
    {"🚲", "Bicycle"},
    {"✈️", "Aeroplane"},
    {"🚀", "Rocket"},
    {"🏆", "Trophy"},
    {"⚽", "Ball"},
    {"🎸", "Guitar"},
    {"🎺", "Trumpet"},
    {"🔔", "Bell"},
    {"⚓", "Anchor"},
    {"🎧", "Headphones"},
    {"📁", "Folder"},
    {"📌", "Pin"}
  };

  private SasEmoji() {}

  public static Emoji of(int index) {
    return new Emoji(index, TABLE[index][0], TABLE[index][1]);
  }

  public static List<Emoji> of(List<Integer> indices) {
    return indices.stream().map(SasEmoji::of).toList();
  }

  static int size() {
    return TABLE.length;
  }
}
