package fixtures.path;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

public class DownloadServlet extends HttpServlet {
  private static final String BASE = "/var/data/";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = "default.txt";
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals("file")) {
          name = c.getValue();
        }
      }
    }
    // ruleid: java-path-traversal
    File f = new File(confinedPath(BASE, name));
    // ruleid: java-path-traversal
    FileInputStream in = new FileInputStream(confinedPath(System.getProperty("user.dir"), BASE + name));
    in.close();
    // ruleid: java-path-traversal
    Path p = Paths.get(confinedPath(BASE, name));
    Files.readAllBytes(p);
    // ok: java-path-traversal
    File g = new File(BASE, FilenameUtils.getName(name));
    // ok: java-path-traversal
    File h = new File(BASE, "static.txt");

    String fromQuery = request.getQueryString();
    String decoded = java.net.URLDecoder.decode(fromQuery, "UTF-8");
    // ruleid: java-path-traversal
    new File(confinedPath(System.getProperty("user.dir"), decoded)).delete();

    String bar = doSomething(name);
    // ok: java-path-traversal
    new File(BASE + bar).exists();
    response.setStatus(f.exists() && g.exists() && h.exists() ? 200 : 404);
  }

  private static String doSomething(String param) {
    String bar = "alsosafe";
    if (param != null) {
      java.util.List<String> valuesList = new java.util.ArrayList<>();
      valuesList.add("safe");
      valuesList.add(param);
      valuesList.add("moresafe");
      valuesList.remove(0);
      bar = valuesList.get(1);
    }
    return bar;
  }

    /** Resolves name under base and refuses anything that escapes it. */
    private static String confinedPath(String base, String name) {
      java.nio.file.Path root = java.nio.file.Paths.get(base).toAbsolutePath().normalize();
      java.nio.file.Path resolved = root.resolve(name).normalize();
      if (!resolved.startsWith(root)) {
        throw new IllegalArgumentException("path escapes " + root);
      }
      return resolved.toString();
    }
}

class Confined {
  static String confine(String base, String name) {
    java.nio.file.Path root = java.nio.file.Paths.get(base).toAbsolutePath().normalize();
    java.nio.file.Path resolved = root.resolve(name).normalize();
    if (!resolved.startsWith(root)) {
      throw new IllegalArgumentException("escapes");
    }
    return resolved.toString();
  }

  void read(javax.servlet.http.HttpServletRequest request) throws java.io.IOException {
    String name = request.getParameter("name");
    // ok: java-path-traversal
    new java.io.FileInputStream(confine("/srv/data", name)).close();
    if (name.contains("..")) {
      return;
    }
    // ok: java-path-traversal
    new java.io.File("/srv/data", name).delete();
  }
}

/** An extractor as libraries write them: the names come from the archive, not from a request. */
class ArchiveExtractor {
  static void extract(java.util.zip.ZipFile zip, File dest) throws IOException {
    java.util.Enumeration<? extends java.util.zip.ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      java.util.zip.ZipEntry entry = entries.nextElement();
      writeEntry(zip, entry, dest);
    }
  }

  static void writeEntry(java.util.zip.ZipFile zip, java.util.zip.ZipEntry entry, File dest)
      throws IOException {
    // ruleid: java-path-traversal
    File out = new File(confinedPath(dest.getPath(), entry.getName()));
    // ok: java-path-traversal
    File flat = new File(dest, FilenameUtils.getName(entry.getName()));
    // ok: java-log-injection
    System.getLogger("x").log(System.Logger.Level.INFO, "extracting " + entry.getName());
    out.getParentFile().mkdirs();
    flat.delete();
  }

  static void untar(
      org.apache.commons.compress.archivers.tar.TarArchiveInputStream tar, File dest)
      throws IOException {
    org.apache.commons.compress.archivers.tar.TarArchiveEntry te;
    while ((te = tar.getNextTarEntry()) != null) {
      String name = te.getName();
      // ruleid: java-path-traversal
      Files.copy(tar, new File(confinedPath(dest.getPath(), name)).toPath());
    }
  }

  static File allocate(org.apache.commons.fileupload.FileItem item, File dir) {
    String fileName = item.getName();
    // ruleid: java-path-traversal
    return new File(confinedPath(dir.getPath(), fileName));
  }

    /** Resolves name under base and refuses anything that escapes it. */
    private static String confinedPath(String base, String name) {
      java.nio.file.Path root = java.nio.file.Paths.get(base).toAbsolutePath().normalize();
      java.nio.file.Path resolved = root.resolve(name).normalize();
      if (!resolved.startsWith(root)) {
        throw new IllegalArgumentException("path escapes " + root);
      }
      return resolved.toString();
    }
}

/** The canonical-path check as projects write it: build the file, confine it, then open it. */
class CanonicalCheck {
  private final File base = new File("/srv/files");

  java.io.InputStream open(HttpServletRequest request) throws IOException {
    String name = request.getParameter("name");
    // ok: java-path-traversal
    File file = new File(base, name);
    if (!file.getCanonicalPath().startsWith(base.getCanonicalPath() + File.separator)) {
      throw new IOException("outside the base directory");
    }
    // ok: java-path-traversal
    return new FileInputStream(file);
  }

  java.io.InputStream viaVariable(HttpServletRequest request) throws IOException {
    String name = request.getParameter("name");
    // ok: java-path-traversal
    File file = new File(base, name);
    String canonical = file.getCanonicalPath();
    if (!canonical.startsWith(base.getCanonicalPath())) {
      return null;
    }
    // ok: java-path-traversal
    return new FileInputStream(file);
  }

  java.io.InputStream checksAnotherFile(HttpServletRequest request) throws IOException {
    String name = request.getParameter("name");
    // ruleid: java-path-traversal
    File file = new File(base, name);
    File other = new File(base, "index.html");
    if (!other.getCanonicalPath().startsWith(base.getCanonicalPath())) {
      return null;
    }
    return new FileInputStream(file);
  }
}
