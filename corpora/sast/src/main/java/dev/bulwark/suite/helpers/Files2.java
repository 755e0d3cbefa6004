package dev.bulwark.suite.helpers;

/** Where the suite's file-serving cases look for files. */
public final class Files2 {
  public static final String ROOT = "/tmp/bulwark-suite/files/";

  private Files2() {}
}
