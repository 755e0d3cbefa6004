package dev.bulwark.threatmodel.draft;

import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.Confidentiality;
import dev.bulwark.threatmodel.model.Criticality;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.Ids;
import dev.bulwark.threatmodel.model.SourceRef;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.TrustBoundary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Proposes a starting model from a repository: the application from its build file (tagged with its
 * paths, so scan findings link to it), containers from Dockerfiles, services from docker-compose,
 * data stores from database drivers among the dependencies, and links from URLs in configuration
 * files. Every proposal cites the file and line it rests on.
 */
public final class Drafter {
  private static final long MAX_FILE = 1 << 20;
  private static final int MAX_FILES = 20_000;
  private static final Pattern URL =
      Pattern.compile(
          "\\b(jdbc:[a-z0-9]+|mongodb(?:\\+srv)?|redis|rediss|amqps?|https?|ldaps?|smtps?)://([A-Za-z0-9.-]+)");
  private static final Pattern JDBC_MEM =
      Pattern.compile("\\bjdbc:(h2|hsqldb|derby|sqlite):([^\\s;]+)");
  private static final Map<String, String> DRIVERS =
      Map.of(
          "postgresql", "database",
          "mysql-connector-j", "database",
          "mysql-connector-java", "database",
          "mariadb-java-client", "database",
          "ojdbc11", "database",
          "mongodb-driver-sync", "database",
          "jedis", "database",
          "kafka-clients", "message-queue",
          "h2", "database",
          "sqlite-jdbc", "database");

  private Drafter() {}

  /** One proposed element and what it rests on. */
  public record Citation(String element, String file, int line, String claim) {}

  public record Draft(ThreatModel model, List<Citation> citations) {}

  public static Draft draft(Path repo) throws IOException {
    Path root = repo.toAbsolutePath().normalize();
    List<Path> files = walk(root);
    List<Citation> cites = new ArrayList<>();
    Map<String, Asset> assets = new LinkedHashMap<>();
    List<Link> links = new ArrayList<>();
    String appId = null;
    for (Path f : files) {
      String rel = root.relativize(f).toString().replace('\\', '/');
      String name = f.getFileName().toString();
      if (name.equals("pom.xml")
          || name.equals("build.gradle")
          || name.equals("build.gradle.kts")
          || name.equals("package.json")
          || name.equals("go.mod")) {
        String text = read(f);
        String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/') + 1) : "";
        String app = Ids.slug(artifactName(text, name, f));
        if (!assets.containsKey(app)) {
          Asset a = new Asset(app, titleOf(app), "process", webTech(text));
          a.custom = true;
          a.tags.add("path:" + (dir.isEmpty() ? "src" : dir + "src"));
          a.tags.add("path:" + rel);
          assets.put(app, a);
          cites.add(new Citation(app, rel, 1, "build file of application " + app));
          appId = appId == null ? app : appId;
        }
        for (var d : DRIVERS.entrySet()) {
          int line =
              lineOf(
                  text, ">" + d.getKey() + "<", "\"" + d.getKey() + "\"", ":" + d.getKey() + ":");
          if (line > 0) {
            String id =
                Ids.slug(
                    d.getKey().replace("-connector-j", "").replace("-connector-java", "")
                        + " store");
            if (!assets.containsKey(id)) {
              Asset s = new Asset(id, titleOf(id), "datastore", d.getValue());
              assets.put(id, s);
              cites.add(
                  new Citation(id, rel, line, "driver " + d.getKey() + " among the dependencies"));
            }
            links.add(new Link(app, id, protocolFor(d.getKey()), rel, line));
          }
        }
      }
    }
    for (Path f : files) {
      String rel = root.relativize(f).toString().replace('\\', '/');
      String name = f.getFileName().toString();
      if (name.equals("Dockerfile") || name.endsWith(".Dockerfile")) {
        String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/') + 1) : "";
        assets.values().stream()
            .filter(a -> a.custom && a.tags.stream().anyMatch(t -> t.startsWith("path:" + dir)))
            .forEach(a -> {
              a.machine = "container";
              cites.add(new Citation(a.id, rel, 1, "built as a container image"));
            });
      }
      if (name.equals("docker-compose.yml")
          || name.equals("docker-compose.yaml")
          || name.equals("compose.yaml")) {
        compose(read(f), rel, assets, links, cites, appId);
      }
    }
    for (Path f : files) {
      String rel = root.relativize(f).toString().replace('\\', '/');
      String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
      boolean config =
          name.endsWith(".properties")
              || name.endsWith(".yml")
              || name.endsWith(".yaml")
              || name.startsWith(".env")
              || name.endsWith(".conf")
              || name.endsWith(".java")
              || name.endsWith(".ts")
              || name.endsWith(".js")
              || name.endsWith(".py")
              || name.endsWith(".go");
      if (!config || appId == null || rel.contains("/test/") || name.startsWith(".env.example")) {
        continue;
      }
      String[] lines = read(f).split("\n", -1);
      for (int i = 0; i < lines.length && i < 10_000; i++) {
        Matcher mem = JDBC_MEM.matcher(lines[i]);
        if (mem.find()) {
          String id = Ids.slug(mem.group(1) + " store");
          if (assets.containsKey(id)) {
            assets.get(id).inProcess = mem.group(2).startsWith("mem:");
            cites.add(new Citation(id, rel, i + 1, "connection URL jdbc:" + mem.group(1)));
          }
          continue;
        }
        Matcher m = URL.matcher(lines[i]);
        while (m.find()) {
          String scheme = m.group(1);
          String host = m.group(2).toLowerCase(Locale.ROOT);
          if (host.equals("localhost")
              || host.startsWith("127.")
              || host.endsWith("example.com")
              || host.equals("www.w3.org")
              || host.endsWith("apache.org")) {
            continue;
          }
          String id = Ids.slug(host);
          if (!assets.containsKey(id)) {
            Asset ext =
                new Asset(
                    id,
                    host,
                    "external-entity",
                    scheme.startsWith("http") ? "web-service-rest" : "unknown-technology");
            ext.outOfScope = true;
            ext.internet = true;
            assets.put(id, ext);
            cites.add(new Citation(id, rel, i + 1, "URL " + scheme + "://" + host));
          }
          links.add(new Link(appId, id, protocolOfScheme(scheme), rel, i + 1));
        }
      }
    }
    return new Draft(build(root, assets, links), cites);
  }

  private static void compose(
      String text,
      String rel,
      Map<String, Asset> assets,
      List<Link> links,
      List<Citation> cites,
      String appId) {
    String[] lines = text.split("\n", -1);
    boolean inServices = false;
    String service = null;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.startsWith("services:")) {
        inServices = true;
        continue;
      }
      if (!l.startsWith(" ") && !l.isBlank()) {
        inServices = false;
      }
      if (!inServices) {
        continue;
      }
      Matcher svc = Pattern.compile("^  ([A-Za-z0-9_.-]+):\\s*$").matcher(l);
      if (svc.matches()) {
        service = svc.group(1);
        continue;
      }
      Matcher img = Pattern.compile("^\\s+image:\\s*\"?([^\"\\s]+)").matcher(l);
      if (service != null && img.find()) {
        String image = img.group(1).toLowerCase(Locale.ROOT);
        String tech =
            image.matches(
                    "(.*/)?(postgres|mysql|mariadb|mongo|redis|elasticsearch|opensearch)(:.*)?")
                ? "database"
                : "unknown-technology";
        String id = Ids.slug(service);
        String serviceName = service;
        Asset a =
            assets.computeIfAbsent(
                id,
                k ->
                    new Asset(
                        k, serviceName, tech.equals("database") ? "datastore" : "process", tech));
        a.machine = "container";
        a.tags.add("path:" + rel);
        cites.add(
            new Citation(id, rel, i + 1, "compose service " + service + " from image " + image));
        if (appId != null && tech.equals("database")) {
          links.add(
              new Link(
                  appId,
                  id,
                  image.contains("mongo") ? "nosql-access-protocol" : "jdbc",
                  rel,
                  i + 1));
        }
      }
      if (service != null && l.matches("^\\s+build:.*") && appId != null) {
        Asset app = assets.get(appId);
        app.machine = "container";
        cites.add(
            new Citation(
                appId, rel, i + 1, "compose service " + service + " builds the application"));
      }
    }
  }

  private static ThreatModel build(Path root, Map<String, Asset> assets, List<Link> links) {
    DataAsset data =
        new DataAsset(
            "application-data",
            "Application Data",
            "Data the application handles (drafted: rate it).",
            "business",
            List.of(),
            "",
            "",
            "many",
            Confidentiality.CONFIDENTIAL,
            Criticality.CRITICAL,
            Criticality.IMPORTANT,
            "Drafted default; review the rating.");
    DataAsset secrets =
        new DataAsset(
            "credentials",
            "Credentials",
            "Passwords, keys and tokens the application uses.",
            "devops",
            List.of(),
            "",
            "",
            "few",
            Confidentiality.STRICTLY_CONFIDENTIAL,
            Criticality.CRITICAL,
            Criticality.IMPORTANT,
            "Drafted default.");
    Map<String, SourceRef> sources = new LinkedHashMap<>();
    List<TechnicalAsset> out = new ArrayList<>();
    List<String> inside = new ArrayList<>();
    for (Asset a : assets.values()) {
      List<CommunicationLink> ls = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Link l : links) {
        if (!l.from.equals(a.id) || !assets.containsKey(l.to) || !seen.add(l.to)) {
          continue;
        }
        Asset t = assets.get(l.to);
        String protocol = t.inProcess ? "in-process-library-call" : l.protocol;
        String title = "to " + t.title;
        boolean external = t.type.equals("external-entity");
        ls.add(
            new CommunicationLink(
                a.id + ">" + Ids.slug(title),
                title,
                a.id,
                t.id,
                "Drafted from " + l.file + ":" + l.line,
                protocol,
                external ? "token" : "credentials",
                "technical-user",
                List.of(),
                false,
                false,
                false,
                "business",
                external ? List.of() : List.of("application-data"),
                external ? List.of() : List.of("application-data")));
      }
      boolean app = a.custom;
      boolean store = a.type.equals("datastore");
      out.add(
          new TechnicalAsset(
              a.id,
              a.title,
              "Drafted by bulwark threatmodel draft.",
              a.type,
              "business",
              false,
              a.outOfScope,
              a.outOfScope ? "third-party service" : "",
              app ? "application" : "component",
              List.of(a.technology),
              a.tags,
              a.internet,
              a.machine,
              "none",
              "",
              Confidentiality.INTERNAL,
              Criticality.IMPORTANT,
              Criticality.IMPORTANT,
              "",
              false,
              false,
              app,
              app ? List.of("application-data", "credentials") : List.of(),
              store ? List.of("application-data") : List.of(),
              app ? List.of("json") : List.of(),
              ls));
      if (!a.outOfScope) {
        inside.add(a.id);
      }
    }
    if (!assets.isEmpty() && out.stream().anyMatch(TechnicalAsset::customDevelopedParts)) {
      out.add(
          0,
          new TechnicalAsset(
              "user-browser",
              "User Browser",
              "People using the application.",
              "external-entity",
              "business",
              true,
              true,
              "the users' own devices",
              "component",
              List.of("browser"),
              List.of(),
              true,
              "physical",
              "none",
              "",
              Confidentiality.INTERNAL,
              Criticality.OPERATIONAL,
              Criticality.OPERATIONAL,
              "",
              false,
              false,
              false,
              List.of("application-data"),
              List.of(),
              List.of(),
              out.stream()
                  .filter(TechnicalAsset::customDevelopedParts)
                  .limit(1)
                  .map(app ->
                      new CommunicationLink(
                          "user-browser>web-traffic",
                          "Web Traffic",
                          "user-browser",
                          app.id(),
                          "Drafted: users reach the application",
                          "https",
                          "session-id",
                          "end-user-identity-propagation",
                          List.of(),
                          false,
                          false,
                          false,
                          "business",
                          List.of("application-data"),
                          List.of("application-data")))
                  .toList()));
    }
    List<TrustBoundary> boundaries =
        inside.isEmpty()
            ? List.of()
            : List.of(
                new TrustBoundary(
                    "application-network",
                    "Application Network",
                    "Drafted: where the application runs.",
                    "network-on-prem",
                    List.of(),
                    inside,
                    List.of()));
    return new ThreatModel(
        "Draft threat model of " + root.getFileName(),
        "bulwark threatmodel draft",
        "",
        "important",
        "Drafted from the repository; review every element.",
        List.of(),
        List.of(data, secrets),
        out,
        boundaries,
        List.of(),
        List.of(),
        sources);
  }

  private static final class Asset {
    final String id;
    final String title;
    final String type;
    final String technology;
    final List<String> tags = new ArrayList<>();
    String machine = "virtual";
    boolean custom;
    boolean outOfScope;
    boolean internet;
    boolean inProcess;

    Asset(String id, String title, String type, String technology) {
      this.id = id;
      this.title = title;
      this.type = type;
      this.technology = technology;
    }
  }

  private record Link(String from, String to, String protocol, String file, int line) {}

  private static String titleOf(String id) {
    StringBuilder b = new StringBuilder();
    for (String w : id.split("-")) {
      if (!w.isEmpty()) {
        b.append(b.isEmpty() ? "" : " ")
            .append(Character.toUpperCase(w.charAt(0)))
            .append(w.substring(1));
      }
    }
    return b.toString();
  }

  private static String webTech(String build) {
    String t = build.toLowerCase(Locale.ROOT);
    if (t.contains("servlet")
        || t.contains("spring-web")
        || t.contains("express")
        || t.contains("<packaging>war")) {
      return "web-application";
    }
    return "application-server";
  }

  private static String artifactName(String text, String fileName, Path f) {
    Matcher m =
        switch (fileName) {
          case "pom.xml" ->
              Pattern.compile("<artifactId>([^<]+)</artifactId>")
                  .matcher(text.replaceAll("(?s)<parent>.*?</parent>", ""));
          case "package.json" -> Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
          case "go.mod" -> Pattern.compile("^module\\s+(\\S+)", Pattern.MULTILINE).matcher(text);
          default -> Pattern.compile("rootProject\\.name\\s*=\\s*['\"]([^'\"]+)").matcher(text);
        };
    if (m.find()) {
      String n = m.group(1);
      return n.contains("/") ? n.substring(n.lastIndexOf('/') + 1) : n;
    }
    Path dir = f.getParent();
    return dir == null || dir.getFileName() == null ? "application" : dir.getFileName().toString();
  }

  private static int lineOf(String text, String... needles) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (String n : needles) {
        if (lines[i].contains(n)) {
          return i + 1;
        }
      }
    }
    return 0;
  }

  private static String protocolFor(String driver) {
    return switch (driver) {
      case "mongodb-driver-sync", "jedis" -> "nosql-access-protocol";
      case "kafka-clients" -> "binary";
      default -> "jdbc";
    };
  }

  private static String protocolOfScheme(String scheme) {
    return switch (scheme) {
      case "https" -> "https";
      case "http" -> "http";
      case "ldaps" -> "ldaps";
      case "ldap" -> "ldap";
      case "smtps" -> "smtp-encrypted";
      case "smtp" -> "smtp";
      case "rediss" -> "nosql-access-protocol-encrypted";
      case "redis", "mongodb", "mongodb+srv" -> "nosql-access-protocol";
      default -> scheme.startsWith("jdbc") ? "jdbc" : "binary";
    };
  }

  private static String read(Path f) throws IOException {
    if (Files.size(f) > MAX_FILE) {
      return "";
    }
    byte[] b = Files.readAllBytes(f);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static List<Path> walk(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root, 8)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> {
            String r = root.relativize(p).toString().replace('\\', '/');
            return !(r.startsWith("target/")
                || r.contains("/target/")
                || r.contains("node_modules/")
                || r.startsWith(".git/")
                || r.contains("/.git/"));
          })
          .limit(MAX_FILES)
          .sorted()
          .toList();
    }
  }
}
