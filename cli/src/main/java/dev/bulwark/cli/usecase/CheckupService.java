package dev.bulwark.cli.usecase;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.hygiene.Checkup;
import dev.bulwark.hygiene.CheckupRun;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.Platform;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.passwords.Account;
import dev.bulwark.hygiene.passwords.BreachSource;
import dev.bulwark.hygiene.passwords.ExportFormat;
import dev.bulwark.hygiene.passwords.ExportReader;
import dev.bulwark.hygiene.passwords.OfflineRanges;
import dev.bulwark.hygiene.passwords.PasswordAudit;
import dev.bulwark.hygiene.passwords.RangeApiClient;
import dev.bulwark.hygiene.posture.HistorySecrets;
import dev.bulwark.hygiene.posture.MacProbes;
import dev.bulwark.hygiene.posture.Probe;
import dev.bulwark.hygiene.posture.SystemRoot;
import dev.bulwark.hygiene.posture.WindowsProbes;
import dev.bulwark.hygiene.state.CheckupStore;
import dev.bulwark.hygiene.state.PasswordSummary;
import dev.bulwark.secrets.engine.Allowlist;
import dev.bulwark.secrets.engine.SecretEngine;
import dev.bulwark.secrets.engine.SecretMatch;
import dev.bulwark.secrets.rules.RuleLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The personal security check-up: device posture, the questionnaire and password audits, with shell
 * history read by Bulwark's secrets engine as well as the check-up's own command-line idioms.
 */
public final class CheckupService {
  /** The Pwned Passwords range API; asked only with --online-breach-check. */
  public static final URI PWNED_PASSWORDS = URI.create("https://api.pwnedpasswords.com/");

  private final CheckupStore store;
  private final Checkup checkup;

  public CheckupService(Path dataDir) throws InputException {
    this.store = new CheckupStore(dataDir);
    this.checkup = new Checkup(CheckCatalog.builtIn(), historySecrets(), store);
  }

  /**
   * A check-up of {@code platform}: Linux reads {@code root} as a file system; Windows and macOS
   * read a folder of files collected on that machine (docs/checkup.md names the commands).
   */
  public CheckupRun run(Platform platform, Path root, Profile profile, boolean remember)
      throws InputException {
    if (platform == Platform.LINUX) {
      return run(root, profile, remember);
    }
    if (!Files.isDirectory(root)) {
      throw new InputException(
          root + ": --" + platform.id() + " must name the folder of collected files");
    }
    List<Probe> probes = platform == Platform.WINDOWS ? WindowsProbes.all() : MacProbes.all();
    return new Checkup(checkup.catalog(), platform, probes, store)
        .run(new SystemRoot(root, false), profile, Instant.now(), remember);
  }

  public CheckupStore store() {
    return store;
  }

  public CheckCatalog catalog() {
    return checkup.catalog();
  }

  public CheckupRun run(Path root, Profile profile, boolean remember) throws InputException {
    if (!Files.isDirectory(root)) {
      throw new InputException(root + ": --root must be a directory");
    }
    return checkup.run(SystemRoot.of(root), profile, Instant.now(), remember);
  }

  /**
   * Audits an export. Breaches are looked up online only when {@code online} is given, else in the
   * imported range file when there is one. Counts are kept; passwords are wiped.
   */
  public PasswordAudit.Result passwords(
      Path export, Optional<ExportFormat> format, Optional<URI> online)
      throws InputException, IOException {
    List<Account> accounts =
        format.isPresent() ? ExportReader.read(export, format.get()) : ExportReader.read(export);
    return passwords(accounts, online);
  }

  /**
   * Audits accounts typed at the prompt or read from an export, the same way; the passwords are
   * wiped when it ends and only counts are kept.
   */
  public PasswordAudit.Result passwords(List<Account> accounts, Optional<URI> online)
      throws InputException, IOException {
    Optional<BreachSource> source =
        online
            .<BreachSource>map(RangeApiClient::new)
            .or(() -> OfflineRanges.in(store.dir().getParent()).map(r -> r));
    PasswordAudit.Result r = new PasswordAudit().audit(accounts, source, Instant.now());
    store.passwords(
        new PasswordSummary(
            Instant.now(),
            r.accounts().size(),
            (int) r.weak(),
            (int) r.reused(),
            (int) r.breached(),
            (int) r.old(),
            r.breachChecked()));
    return r;
  }

  public long importBreaches(Path file) throws InputException {
    return OfflineRanges.importFile(file, store.dir().getParent());
  }

  public void answer(String checkId, boolean yes) throws InputException {
    var c =
        catalog().get(checkId).orElseThrow(() -> new InputException("no check '" + checkId + "'"));
    if (c.kind() != dev.bulwark.hygiene.check.Check.Kind.QUESTION) {
      List<String> questions = new ArrayList<>();
      catalog().all().stream()
          .filter(x -> x.kind() == dev.bulwark.hygiene.check.Check.Kind.QUESTION)
          .forEach(x -> questions.add(x.id()));
      throw new InputException(
          "'" + checkId + "' is not a question (questions: " + questions + ")");
    }
    store.answer(checkId, yes);
  }

  /** Bulwark's secret rules line by line, plus the check-up's command-line idioms. */
  static HistorySecrets historySecrets() throws InputException {
    SecretEngine engine =
        SecretEngine.create(RuleLoader.builtIn(), Allowlist.documentationExamples());
    return line -> {
      Set<String> kinds = new LinkedHashSet<>(HistorySecrets.BASIC.kinds(line));
      for (SecretMatch m : engine.scan("history", line.getBytes(StandardCharsets.UTF_8))) {
        kinds.add(m.rule().id());
      }
      return List.copyOf(kinds);
    };
  }
}
