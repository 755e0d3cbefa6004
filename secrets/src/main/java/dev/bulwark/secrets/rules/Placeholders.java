package dev.bulwark.secrets.rules;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises values that only stand in for a secret: templates ({@code ${DB_PASSWORD}}, {@code {{
 * token }}}, {@code <api-key>}), masks ({@code ****}, {@code xxxx}), documentation words
 * ("example", "changeme", "your-token-here") and trivially sequential strings. Applied to every
 * rule: a real random token practically never contains these.
 */
public final class Placeholders {
  private static final String[] MARKERS = {
    "${", "{{", "}}", "%(", "$(", "#{", "<%", "%>", "[[", "]]"
  };
  private static final String[] WORDS_INSIDE = {
    "example",
    "sample",
    "placeholder",
    "dummy",
    "redacted",
    "changeme",
    "change_me",
    "change-me",
    "xxxxx",
    "*****",
    ".....",
    "your_",
    "your-",
    "yourkey",
    "yourtoken",
    "yoursecret",
    "yourpassword",
    "insert_",
    "insert-",
    "replace_",
    "replace-",
    "replaceme",
    "notreal",
    "not_real",
    "not-real",
    "fakekey",
    "fake_key",
    "fake-key",
    "faketoken",
    "fake_token",
    "fake-token",
    "secret_here",
    "token_here",
    "key_here",
    "here_",
    "_here",
    "<",
    ">",
    "0123456789",
    "123456789",
    "abcdefghij",
    "abcdefghijk",
    "qwertyuiop",
    "1234567890abcdef",
    "0000000000",
    "1111111111",
    "deadbeefdeadbeef",
    "testtesttest",
    "lorem",
    "ipsum"
  };
  private static final Set<String> WHOLE_WORDS =
      Set.of(
          "password",
          "passwd",
          "pass",
          "passphrase",
          "secret",
          "token",
          "apikey",
          "api_key",
          "api-key",
          "key",
          "changeit",
          "changeme",
          "change_me",
          "test",
          "testing",
          "test123",
          "example",
          "sample",
          "placeholder",
          "dummy",
          "none",
          "null",
          "nil",
          "undefined",
          "empty",
          "string",
          "value",
          "default",
          "todo",
          "tbd",
          "fixme",
          "xxx",
          "foo",
          "bar",
          "baz",
          "foobar",
          "mypassword",
          "mysecret",
          "mytoken",
          "yourpassword",
          "your_password",
          "secretpassword",
          "supersecret",
          "s3cr3t",
          "p@ssw0rd",
          "passw0rd",
          "password1",
          "password123",
          "secret123",
          "admin",
          "root",
          "user",
          "username",
          "guest",
          "demo",
          "redacted",
          "hidden",
          "masked",
          "removed",
          "required",
          "optional",
          "<password>",
          "<secret>",
          "<token>",
          "notasecret",
          "not-a-secret",
          "not_a_secret",
          "abc123",
          "123456",
          "12345678",
          "qwerty",
          "letmein",
          "welcome",
          "pwd",
          "pw",
          "your-token",
          "your_token",
          "token123",
          "apikey123",
          "secretkey",
          "secret_key",
          "accesskey",
          "access_key",
          "privatekey",
          "private_key",
          "credentials",
          "credential",
          "auth",
          "bearer",
          "basic",
          "true",
          "false");

  private Placeholders() {}

  /** Templates, masks, documentation words and sequences anywhere in the value. */
  public static boolean isPlaceholder(String value) {
    if (value.isEmpty()) {
      return true;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    for (String m : MARKERS) {
      if (value.contains(m)) {
        return true;
      }
    }
    if (value.length() > 4 && value.startsWith("__") && value.endsWith("__")) {
      return true;
    }
    for (String w : WORDS_INSIDE) {
      if (lower.contains(w)) {
        return true;
      }
    }
    if (allSameChar(value) || mostlyOneChar(value)) {
      return true;
    }
    return false;
  }

  /** The whole value is a word that names a secret rather than being one. */
  public static boolean isPlaceholderWord(String value) {
    String lower = value.toLowerCase(Locale.ROOT).strip();
    if (WHOLE_WORDS.contains(lower)) {
      return true;
    }
    return lower.startsWith("your")
        || lower.startsWith("my_")
        || lower.startsWith("<")
        || lower.endsWith("_here")
        || lower.endsWith("-here");
  }

  private static boolean allSameChar(String value) {
    char c = value.charAt(0);
    for (int i = 1; i < value.length(); i++) {
      if (value.charAt(i) != c) {
        return false;
      }
    }
    return true;
  }

  /** More than half of a longer value is one repeated character: masks like "sk_live_0000…". */
  private static boolean mostlyOneChar(String value) {
    if (value.length() < 12) {
      return false;
    }
    int[] counts = new int[128];
    int max = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 128) {
        max = Math.max(max, ++counts[c]);
      }
    }
    return max * 2 > value.length();
  }
}
