package fixtures.library;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.yaml.snakeyaml.Yaml;

/** A library: no web entry point, so its public API's callers choose the arguments. */
public class SpecReader {
  public static Object readYamlTree(String contents) {
    Yaml yaml = new Yaml();
    // ruleid: java-unsafe-deserialization
    return yaml.load(contents);
  }

  public Object readState(InputStream in) throws IOException, ClassNotFoundException {
    ObjectInputStream objects = new ObjectInputStream(in);
    // ruleid: java-unsafe-deserialization
    return objects.readObject();
  }

  public Object evaluate(String expression) throws ScriptException {
    ScriptEngine js = new ScriptEngineManager().getEngineByName("js");
    // ruleid: java-code-injection
    return js.eval(expression);
  }

  /** Not exported: only the library calls it, with its own data. */
  static Object internal(String contents) {
    // ok: java-unsafe-deserialization
    return new Yaml().load(contents);
  }

  /** Paths and text from the caller are the caller's business: no path finding for an API. */
  public byte[] read(String name) throws IOException {
    // ok: java-path-traversal
    return java.nio.file.Files.readAllBytes(new File("/srv/specs", name).toPath());
  }

  /** A non-data parameter type is not the caller's raw input. */
  public Object restore(File saved) throws IOException, ClassNotFoundException {
    try (ObjectInputStream objects =
        new ObjectInputStream(new java.io.FileInputStream(saved))) {
      // ok: java-unsafe-deserialization
      return objects.readObject();
    }
  }
}

/** A package-private class is not part of the API. */
class Hidden {
  public Object load(String contents) {
    // ok: java-unsafe-deserialization
    return new Yaml().load(contents);
  }
}
