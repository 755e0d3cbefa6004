package dev.bulwark.logs.sigma;

import static dev.bulwark.logs.sigma.SigmaTesting.event;
import static dev.bulwark.logs.sigma.SigmaTesting.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every value modifier of Sigma 2.1, each with an event that matches and one that does not. */
class ModifiersTest {

  private static void check(String detection, String field, String yes, String no) {
    SigmaRule r = rule(detection);
    assertThat(r.matches(event(field, yes))).as("should match %s=%s", field, yes).isTrue();
    assertThat(r.matches(event(field, no))).as("should not match %s=%s", field, no).isFalse();
  }

  @Test
  void plainValuesAreCaseInsensitiveWithWildcardsAndEscapes() {
    check(
        "sel:\n  Image: 'C:\\Windows\\System32\\cmd.exe'\ncondition: sel",
        "Image",
        "c:\\windows\\system32\\CMD.EXE",
        "C:\\Windows\\System32\\cmd.exe.bak");
    check(
        "sel:\n  Image: '*\\cmd.exe'\ncondition: sel",
        "Image",
        "D:\\x\\cmd.exe",
        "D:\\x\\xcmd.exe");
    check("sel:\n  Name: 'a?c*z'\ncondition: sel", "Name", "abc-z", "ac-z");
    check("sel:\n  Name: 'lit\\*eral'\ncondition: sel", "Name", "lit*eral", "litXeral");
    check("sel:\n  EventID: 4688\ncondition: sel", "EventID", "4688", "46880");
    check("sel:\n  EventID:\n    - 1\n    - 4688\ncondition: sel", "EventID", "1", "2");
  }

  @Test
  void containsStartsWithEndsWithAll() {
    check(
        "sel:\n  CommandLine|contains: 'vssadmin'\ncondition: sel",
        "CommandLine",
        "C:\\VSSADMIN.exe delete",
        "vss admin");
    check(
        "sel:\n  CommandLine|startswith: 'cmd'\ncondition: sel",
        "CommandLine",
        "CMD /c x",
        "x cmd");
    check(
        "sel:\n  CommandLine|endswith: '.ps1'\ncondition: sel",
        "CommandLine",
        "run a.PS1",
        "a.ps1 x");
    check(
        "sel:\n  CommandLine|contains|all:\n    - delete\n    - shadows\ncondition: sel",
        "CommandLine",
        "delete shadows /all",
        "delete catalog");
  }

  @Test
  void casedIsCaseSensitive() {
    check("sel:\n  Name|cased: 'Admin'\ncondition: sel", "Name", "Admin", "admin");
    check("sel:\n  Name|contains|cased: 'Ab'\ncondition: sel", "Name", "xAbx", "xabx");
  }

  @Test
  void regularExpressionsWithFlags() {
    check(
        "sel:\n  CommandLine|re: '-e(nc)? [A-Za-z0-9+/=]{20,}'\ncondition: sel",
        "CommandLine",
        "powershell -enc SQBFAFgAIAAoAE4AZQB3AC0A",
        "powershell -enc short");
    check(
        "sel:\n  CommandLine|re: '^POWERSHELL'\ncondition: sel",
        "CommandLine",
        "POWERSHELL -c",
        "powershell -c");
    check(
        "sel:\n  CommandLine|re|i: '^POWERSHELL'\ncondition: sel",
        "CommandLine",
        "powershell -c",
        "pwsh -c");
    check(
        "sel:\n  Text|re|m: '^second$'\ncondition: sel",
        "Text",
        "first\nsecond\nthird",
        "first second");
    check("sel:\n  Text|re|s: 'a.b'\ncondition: sel", "Text", "a\nb", "a\n\nb");
  }

  @Test
  void backreferences_areRefusedUnlessAllowed_thenRunOnTheBacktrackingEngine() {
    String yaml = SigmaTesting.ruleYaml("sel:\n  Text|re: '(ab)\\1'\ncondition: sel");
    RuleSet refused = RuleSet.parse("b.yml", yaml, Map.of(), Logsources.builtIn());
    assertThat(refused.rules()).isEmpty();
    assertThat(refused.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.kind()).isEqualTo(RuleSet.ProblemKind.UNSUPPORTED))
        .satisfies(p -> assertThat(p.message()).contains("(ab)\\1", "backtracking"));
    RuleSet allowed =
        RuleSet.parse("b.yml", yaml, new RuleSet.Options(Map.of(), true), Logsources.builtIn());
    assertThat(allowed.problems()).isEmpty();
    SigmaRule r = allowed.rules().get(0);
    assertThat(r.matches(event("Text", "abab"))).isTrue();
    assertThat(r.matches(event("Text", "abba"))).isFalse();
  }

  @Test
  void backtrackingPattern_onAHostileValue_givesUpWithinItsBudget() {
    String yaml = SigmaTesting.ruleYaml("sel:\n  Text|re: '^(a+)+\\1b$'\ncondition: sel");
    SigmaRule r =
        RuleSet.parse("b.yml", yaml, new RuleSet.Options(Map.of(), true), Logsources.builtIn())
            .rules()
            .get(0);
    // without the budget this takes longer than the age of the universe
    assertThat(r.matches(event("Text", "a".repeat(40)))).isFalse();
  }

  @Test
  void wildcards_matchInLinearTime_evenOverLongValues() {
    SigmaRule three = rule("sel:\n  CommandLine: '*a*a*a*b'\ncondition: sel");
    String hostile = "a".repeat(1 << 20);
    assertThat(three.matches(event("CommandLine", hostile))).isFalse();
    assertThat(three.matches(event("CommandLine", hostile + "b"))).isTrue();
    SigmaRule many = rule("sel:\n  CommandLine: '" + "*a".repeat(5000) + "*b'\ncondition: sel");
    assertThat(many.matches(event("CommandLine", hostile))).isFalse();
    assertThat(many.matches(event("CommandLine", hostile + "b"))).isTrue();
  }

  @Test
  void wildcardPatterns_keepTheirMeaning() {
    check("sel:\n  F: 'a?c*e'\ncondition: sel", "F", "abcXXe", "abXXe");
    check("sel:\n  F: '*x?z*'\ncondition: sel", "F", "..xyz..", "..xz..");
    check("sel:\n  F: 'ab*ab'\ncondition: sel", "F", "abab", "aba");
    check("sel:\n  F: 'a*b*c'\ncondition: sel", "F", "axxbyyc", "axxcyyb");
    check("sel:\n  F: '??'\ncondition: sel", "F", "xy", "xyz");
    // an escaped wildcard and private-use characters in logs are plain text
    check("sel:\n  F: 'a\\*b'\ncondition: sel", "F", "a*b", "axb");
    check("sel:\n  F: 'a\uE000c'\ncondition: sel", "F", "a\uE000c", "abc");
  }

  @Test
  void windashCoversEveryDash() {
    SigmaRule r = rule("sel:\n  CommandLine|windash|contains: ' -exec bypass'\ncondition: sel");
    for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
      assertThat(r.matches(event("CommandLine", "powershell " + dash + "exec bypass")))
          .as(dash)
          .isTrue();
    }
    assertThat(r.matches(event("CommandLine", "powershell +exec bypass"))).isFalse();
  }

  @Test
  void cidrForIpv4AndIpv6() {
    check(
        "sel:\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel",
        "DestinationIp",
        "10.20.30.40",
        "11.0.0.1");
    check(
        "sel:\n  DestinationIp|cidr: 'fe80::/10'\ncondition: sel",
        "DestinationIp",
        "fe80::1c2d:3e4f",
        "2001:db8::1");
    check(
        "sel:\n  DestinationIp|cidr: '192.168.1.7/32'\ncondition: sel",
        "DestinationIp",
        "192.168.1.7",
        "192.168.1.8");
  }

  @Test
  void base64AndBase64OffsetAndWideEncodings() {
    String plain =
        Base64.getEncoder().encodeToString("http://evil".getBytes(StandardCharsets.UTF_8));
    check(
        "sel:\n  Payload|base64: 'http://evil'\ncondition: sel",
        "Payload",
        plain,
        "aHR0cDovL2dvb2Q=");
    SigmaRule offset = rule("sel:\n  CommandLine|base64offset|contains: 'IEX'\ncondition: sel");
    for (String prefix : List.of("", "a", "ab")) {
      String enc =
          Base64.getEncoder()
              .encodeToString(
                  (prefix + "IEX (New-Object Net.WebClient)").getBytes(StandardCharsets.UTF_8));
      assertThat(offset.matches(event("CommandLine", "powershell -enc " + enc)))
          .as("offset %d", prefix.length())
          .isTrue();
    }
    assertThat(
            offset.matches(
                event(
                    "CommandLine",
                    "powershell -enc "
                        + Base64.getEncoder().encodeToString("Get-Date".getBytes()))))
        .isFalse();
    String wide =
        Base64.getEncoder().encodeToString("Invoke-Mimikatz".getBytes(StandardCharsets.UTF_16LE));
    check(
        "sel:\n  CommandLine|wide|base64offset|contains: 'Invoke-Mimikatz'\ncondition: sel",
        "CommandLine",
        "-enc " + wide,
        "-enc " + Base64.getEncoder().encodeToString("Invoke-Mimikatz".getBytes()));
    String be = Base64.getEncoder().encodeToString("cmd".getBytes(StandardCharsets.UTF_16BE));
    check("sel:\n  P|utf16be|base64: 'cmd'\ncondition: sel", "P", be, wide);
    byte[] bom = "cmd".getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[bom.length + 2];
    withBom[0] = (byte) 0xff;
    withBom[1] = (byte) 0xfe;
    System.arraycopy(bom, 0, withBom, 2, bom.length);
    check(
        "sel:\n  P|utf16|base64: 'cmd'\ncondition: sel",
        "P",
        Base64.getEncoder().encodeToString(withBom),
        Base64.getEncoder().encodeToString(bom));
    check(
        "sel:\n  P|utf16le|base64: 'cmd'\ncondition: sel",
        "P",
        Base64.getEncoder().encodeToString(bom),
        be);
  }

  @Test
  void existsNullAndEmpty() {
    SigmaRule present = rule("sel:\n  Parent|exists: true\ncondition: sel");
    assertThat(present.matches(event("Parent", ""))).isTrue();
    assertThat(present.matches(event("Other", "x"))).isFalse();
    SigmaRule absent = rule("sel:\n  Parent|exists: false\ncondition: sel");
    assertThat(absent.matches(event("Other", "x"))).isTrue();
    SigmaRule isNull = rule("sel:\n  OriginalFileName: null\ncondition: sel");
    assertThat(isNull.matches(event("Other", "x"))).isTrue();
    assertThat(isNull.matches(event("OriginalFileName", ""))).isTrue();
    assertThat(isNull.matches(event("OriginalFileName", "cmd.exe"))).isFalse();
    SigmaRule empty = rule("sel:\n  OriginalFileName: ''\ncondition: sel");
    assertThat(empty.matches(event("OriginalFileName", ""))).isTrue();
    assertThat(empty.matches(event("OriginalFileName", "x"))).isFalse();
  }

  @Test
  void fieldrefComparesTwoFields() {
    SigmaRule same = rule("sel:\n  SourceUser|fieldref: TargetUser\ncondition: sel");
    assertThat(same.matches(event("SourceUser", "Bob", "TargetUser", "bob"))).isTrue();
    assertThat(same.matches(event("SourceUser", "bob", "TargetUser", "alice"))).isFalse();
    SigmaRule prefix = rule("sel:\n  Image|fieldref|startswith: CurrentDirectory\ncondition: sel");
    assertThat(prefix.matches(event("Image", "C:\\Temp\\a.exe", "CurrentDirectory", "C:\\Temp\\")))
        .isTrue();
    assertThat(
            prefix.matches(event("Image", "C:\\Windows\\a.exe", "CurrentDirectory", "C:\\Temp\\")))
        .isFalse();
  }

  @Test
  void numericComparisonsAndNeq() {
    check("sel:\n  Size|gt: 1000\ncondition: sel", "Size", "1001", "1000");
    check("sel:\n  Size|gte: 1000\ncondition: sel", "Size", "1000", "999");
    check("sel:\n  Size|lt: 10\ncondition: sel", "Size", "9.5", "10");
    check("sel:\n  Size|lte: 10\ncondition: sel", "Size", "10", "abc");
    check("sel:\n  Status|neq: 'ok'\ncondition: sel", "Status", "failed", "OK");
    check("sel:\n  Status|neq:\n    - ok\n    - done\ncondition: sel", "Status", "failed", "done");
  }

  @Test
  void timeModifiersCompareAComponent() {
    check(
        "sel:\n  UtcTime|hour|gte: 22\ncondition: sel",
        "UtcTime",
        "2024-05-01 23:10:00.000",
        "2024-05-01 12:10:00.000");
    check(
        "sel:\n  UtcTime|hour|lt: 6\ncondition: sel",
        "UtcTime",
        "2024-05-01T03:00:00Z",
        "2024-05-01T07:00:00Z");
    check(
        "sel:\n  T|minute: 30\ncondition: sel",
        "T",
        "2024-05-01T03:30:59Z",
        "2024-05-01T03:31:00Z");
    check("sel:\n  T|day: 1\ncondition: sel", "T", "2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z");
    check(
        "sel:\n  T|week: 18\ncondition: sel", "T", "2024-05-01T00:00:00Z", "2024-05-08T00:00:00Z");
    check(
        "sel:\n  T|month: 12\ncondition: sel", "T", "2024-12-24T00:00:00Z", "2024-11-24T00:00:00Z");
    check(
        "sel:\n  T|year|gte: 2025\ncondition: sel",
        "T",
        "2026-01-01T00:00:00Z",
        "2024-12-31T23:59:59Z");
  }

  @Test
  void expandUsesConfiguredPlaceholders() {
    SigmaRule r =
        rule(
            "sel:\n  Computer|expand: '%admin_workstations%'\ncondition: sel",
            Map.of("admin_workstations", List.of("PAW-*", "JUMP01")));
    assertThat(r.matches(event("Computer", "paw-17"))).isTrue();
    assertThat(r.matches(event("Computer", "jump01"))).isTrue();
    assertThat(r.matches(event("Computer", "ws-1"))).isFalse();
    RuleSet missing =
        RuleSet.parse(
            "p.yml",
            SigmaTesting.ruleYaml(
                "sel:\n  Computer|expand: '%admin_workstations%'\ncondition: sel"),
            Map.of(),
            Logsources.builtIn());
    assertThat(missing.rules()).isEmpty();
    assertThat(missing.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.kind()).isEqualTo(RuleSet.ProblemKind.NEEDS_VALUES))
        .satisfies(p -> assertThat(p.message()).contains("admin_workstations"));
  }

  @Test
  void keywordsSearchEveryField() {
    SigmaRule r = rule("keywords:\n  - 'Failed password'\n  - 'Invalid user'\ncondition: keywords");
    assertThat(r.matches(event("message", "Failed password for root"))).isTrue();
    assertThat(r.matches(event("message", "Accepted publickey"))).isFalse();
    SigmaRule all =
        rule("keywords:\n  '|all':\n    - 'sudo'\n    - 'COMMAND'\ncondition: keywords");
    assertThat(all.matches(event("message", "sudo: alice : COMMAND=/bin/sh"))).isTrue();
    assertThat(all.matches(event("message", "sudo: session opened"))).isFalse();
  }

  @Test
  void multiValuedFieldsMatchAnyValue() {
    SigmaRule r = rule("sel:\n  Data|contains: 'mimikatz'\ncondition: sel");
    var e = event("Data", "first", "Data", "invoke-mimikatz");
    assertThat(r.matches(e)).isTrue();
  }
}
