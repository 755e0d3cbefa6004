package com.example.docs;

/** File names for stored reports. */
public final class Names {
  private Names() {}

  /** Keeps letters, digits, '-' and '_', so a report name cannot leave the report folder. */
  public static String safeName(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** Trims a display title; not meant for file names. */
  public static String cleanTitle(String title) {
    return title.strip();
  }
}
