package dev.bulwark.cli.usecase;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.deception.canary.Canaries;
import dev.bulwark.deception.canary.Canary;
import dev.bulwark.deception.canary.CanaryKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Canary tokens: make one of a kind and register it; list the registry. */
public final class CanaryService {
  private CanaryService() {}

  public static Canary create(Path data, String kind, String baseUrl, String domain, String memo)
      throws InputException, IOException {
    CanaryKind k;
    try {
      k = CanaryKind.of(kind);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    return new Canaries(data).create(k, baseUrl, domain, memo);
  }

  public static List<Canary> list(Path data) throws IOException {
    return new Canaries(data).list();
  }
}
