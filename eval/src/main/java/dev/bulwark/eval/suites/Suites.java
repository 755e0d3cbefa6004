package dev.bulwark.eval.suites;

import dev.bulwark.eval.Suite;
import dev.bulwark.eval.fix.FixSuite;
import dev.bulwark.eval.sast.SastSuite;
import dev.bulwark.eval.secrets.SecretsSuite;
import java.util.List;
import java.util.Optional;

/** The suites Bulwark can run, listed in one place. */
public final class Suites {
  private Suites() {}

  public static List<Suite> all() {
    return List.of(
        new SecretsSuite(),
        new SastSuite(),
        new FixSuite(),
        new dev.bulwark.eval.realcve.RealCveSuite(),
        new dev.bulwark.eval.logs.LogsSuite(),
        new dev.bulwark.eval.mail.MailSuite(),
        new dev.bulwark.eval.triage.TriageSuite(),
        new dev.bulwark.eval.port.PortSuite());
  }

  public static Optional<Suite> named(String name) {
    return all().stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
