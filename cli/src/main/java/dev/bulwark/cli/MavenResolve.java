package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deps inventory --resolve}: runs the machine's Maven on a project so that parents and BOMs
 * missing from the local repository are downloaded. Bulwark otherwise never runs a project's build;
 * this is the explicit opt-in, and it uses {@code mvn} from PATH, never the project's own wrapper.
 */
final class MavenResolve {
  private MavenResolve() {}

  static void run(Path path) throws InputException, IOException, InterruptedException {
    Path pom = Files.isDirectory(path) ? path.resolve("pom.xml") : path;
    if (!Files.isRegularFile(pom) || !pom.getFileName().toString().endsWith("pom.xml")) {
      throw new InputException(
          path + ": --resolve needs a Maven project (a pom.xml in the directory given)");
    }
    String mvn = onPath("mvn");
    if (mvn == null) {
      throw new InputException(
          "--resolve runs Maven, and there is no mvn on PATH; install Maven or run"
              + " 'mvn dependency:resolve' in the project yourself");
    }
    List<String> cmd = new ArrayList<>(List.of(mvn, "-B", "-q", "-f", pom.toString()));
    cmd.add("dependency:resolve");
    System.err.println("bulwark: running " + String.join(" ", cmd));
    // Maven's output goes to standard error: standard output may be carrying the BOM
    Process p =
        new ProcessBuilder(cmd)
            .directory(pom.toAbsolutePath().getParent().toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    p.getOutputStream().close();
    p.getInputStream().transferTo(System.err);
    int exit = p.waitFor();
    if (exit != 0) {
      // the inventory is still worth having; what stayed unresolved is reported per POM
      System.err.println(
          "bulwark: mvn dependency:resolve exited with "
              + exit
              + "; versions it could not fetch stay unresolved");
    }
  }

  private static String onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return p.toString();
      }
    }
    return null;
  }
}
