package dev.bulwark.hygiene.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each export format read from a small made-up file. */
class ExportFormatsTest {
  @TempDir Path dir;

  private List<Account> read(String name, String content, ExportFormat f) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return ExportReader.read(p, f);
  }

  private static String pw(Account a) {
    return new String(a.password().chars());
  }

  @Test
  void bitwardenCsv_readsLoginsAndSkipsNotes() throws Exception {
    List<Account> a =
        read(
            "bw.csv",
            "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n"
                + ",,login,Mail,,,0,https://mail.example/,ann,\"pa,ss\"\"word\",\n"
                + ",,note,Secret note,text,,0,,,,\n",
            ExportFormat.BITWARDEN_CSV);
    assertThat(a).hasSize(1);
    assertThat(a.get(0).site()).isEqualTo("Mail");
    assertThat(pw(a.get(0))).isEqualTo("pa,ss\"word");
  }

  @Test
  void onePasswordCsv_readsTitleUrlUserPassword() throws Exception {
    List<Account> a =
        read(
            "1p.csv",
            "Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\r\n"
                + "Bank,https://bank.example,bob,hunter2,,false,false,,\r\n",
            ExportFormat.ONEPASSWORD_CSV);
    assertThat(a)
        .singleElement()
        .satisfies(x -> {
          assertThat(x.label()).isEqualTo("Bank (bob)");
          assertThat(pw(x)).isEqualTo("hunter2");
        });
  }

  @Test
  void firefoxCsv_takesSiteFromUrlAndDateFromMillis() throws Exception {
    List<Account> a =
        read(
            "ff.csv",
            "\"url\",\"username\",\"password\",\"httpRealm\",\"formActionOrigin\",\"guid\",\"timeCreated\",\"timeLastUsed\",\"timePasswordChanged\"\n"
                + "\"https://www.shop.example\",\"cy\",\"s3cret!\",,\"https://www.shop.example\",\"{1}\",\"1500000000000\",\"1500000000000\",\"1500000000000\"\n",
            ExportFormat.BROWSER_CSV);
    assertThat(a)
        .singleElement()
        .satisfies(x -> {
          assertThat(x.site()).isEqualTo("shop.example");
          assertThat(x.changed()).isPresent();
        });
  }

  @Test
  void keepassXml_readsEntriesSkipsHistory() throws Exception {
    String xml =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><KeePassFile><Root><Group><Name>G</Name>"
            + "<Entry><String><Key>Title</Key><Value>Forum</Value></String><String><Key>UserName</Key><Value>dee</Value></String>"
            + "<String><Key>Password</Key><Value ProtectInMemory=\"True\">a&amp;b&lt;c</Value></String>"
            + "<Times><LastModificationTime>2019-01-02T03:04:05Z</LastModificationTime></Times>"
            + "<History><Entry><String><Key>Password</Key><Value>older</Value></String></Entry></History></Entry>"
            + "</Group></Root></KeePassFile>";
    List<Account> a = read("kp.xml", xml, ExportFormat.KEEPASS_XML);
    assertThat(a)
        .singleElement()
        .satisfies(x -> {
          assertThat(x.label()).isEqualTo("Forum (dee)");
          assertThat(pw(x)).isEqualTo("a&b<c");
          assertThat(x.changed()).isPresent();
        });
  }

  @Test
  void keepassXml_withExternalEntity_isRefusedAndReadsNothingFromDisk() throws Exception {
    Path secret = dir.resolve("host-secret.txt");
    Files.writeString(secret, "TOP-SECRET-FILE");
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE k [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]>"
            + "<KeePassFile><Root><Group><Entry><String><Key>Password</Key><Value>&x;</Value></String></Entry></Group></Root></KeePassFile>";
    try {
      List<Account> a = read("xxe.xml", xml, ExportFormat.KEEPASS_XML);
      assertThat(a).noneMatch(x -> pw(x).contains("TOP-SECRET"));
    } catch (InputException e) {
      assertThat(e.getMessage()).contains("xxe.xml");
    }
  }

  @Test
  void encryptedBitwardenJson_isRefusedWithAHint() {
    assertThatThrownBy(() ->
            read("enc.json", "{\"encrypted\":true,\"items\":[]}", ExportFormat.BITWARDEN_JSON))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("enc.json")
        .hasMessageContaining("unencrypted");
  }

  @Test
  void csvWithoutPasswordColumn_errorNamesFileAndLine() {
    assertThatThrownBy(() -> read("x.csv", "a,b\n1,2\n", ExportFormat.BROWSER_CSV))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("x.csv: line 1");
  }

  @Test
  void offlineRanges_importedFileAnswersLikeTheApi() throws Exception {
    StringBuilder sb = new StringBuilder();
    java.util.TreeMap<String, Integer> hashes = new java.util.TreeMap<>();
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 20_000; i++) {
      hashes.put(String.format("%040X", new java.math.BigInteger(160, r)), i + 1);
    }
    String target = FixtureVault.sha1("correct horse");
    hashes.put(target, 42);
    hashes.forEach((h, n) -> sb.append(h).append(':').append(n).append('\n'));
    Path src = dir.resolve("pwned.txt");
    Files.writeString(src, sb);
    assertThat(OfflineRanges.importFile(src, dir.resolve("data"))).isEqualTo(hashes.size());
    OfflineRanges off = OfflineRanges.in(dir.resolve("data")).orElseThrow();
    assertThat(off.range(target.substring(0, 5))).containsEntry(target.substring(5), 42);
    // every stored prefix answers with exactly its hashes
    for (String h : hashes.keySet().stream().limit(300).toList()) {
      long expected = hashes.keySet().stream().filter(k -> k.startsWith(h.substring(0, 5))).count();
      assertThat(off.range(h.substring(0, 5))).hasSize((int) expected);
    }
    assertThat(off.range("FFFFF").size())
        .isEqualTo((int) hashes.keySet().stream().filter(k -> k.startsWith("FFFFF")).count());
  }

  @Test
  void offlineImport_unsortedFile_errorNamesLine() throws Exception {
    Path src = dir.resolve("bad.txt");
    Files.writeString(src, "F".repeat(40) + ":1\n" + "0".repeat(40) + ":2\n");
    assertThatThrownBy(() -> OfflineRanges.importFile(src, dir))
        .hasMessageContaining("bad.txt: line 2")
        .hasMessageContaining("sorted");
  }
}
