package dev.bulwark.yara.regex;

/** A regular expression or hex string that cannot be compiled; the message says where. */
public final class RegexSyntaxException extends Exception {
  public RegexSyntaxException(String message) {
    super(message);
  }
}
