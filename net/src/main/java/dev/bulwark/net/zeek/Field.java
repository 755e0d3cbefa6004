package dev.bulwark.net.zeek;

/** One column of a Zeek log: its name and Zeek type ({@code time}, {@code set[string]}, …). */
public record Field(String name, String type) {
  public static Field of(String name, String type) {
    return new Field(name, type);
  }
}
