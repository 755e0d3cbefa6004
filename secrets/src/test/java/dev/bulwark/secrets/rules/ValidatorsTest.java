package dev.bulwark.secrets.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

  @Test
  void base62Crc32_acceptsGithubChecksumAndRejectsOthers() {
    String body = "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ";
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    String token = "ghp_" + body + Validators.base62(crc.getValue(), 6);
    assertThat(Validators.base62Crc32(token)).isTrue();
    assertThat(Validators.base62Crc32(token.substring(0, 39) + "x")).isFalse();
  }

  @Test
  void base62_padsWithZeros() {
    assertThat(Validators.base62(0, 6)).isEqualTo("000000");
    assertThat(Validators.base62(61, 6)).isEqualTo("00000z");
    assertThat(Validators.base62(62, 3)).isEqualTo("010");
  }

  @Test
  void bech32_checksAgeKeys() {
    // BIP-173 test vector.
    assertThat(Validators.bech32("A12UEL5L")).isTrue();
    assertThat(Validators.bech32("a12uel5m")).isFalse();
  }

  @Test
  void derComplete_rejectsTruncatedBodies() {
    byte[] der = {0x30, 0x06, 0x02, 0x01, 0x03, 0x02, 0x01, 0x05};
    assertThat(Validators.derComplete(der)).isTrue();
    assertThat(Validators.derComplete(java.util.Arrays.copyOf(der, 7))).isFalse();
  }

  @Test
  void namesCredential_readsTheLastMeaningfulWord() {
    assertThat(Validators.namesCredential("DB_PASSWORD")).isTrue();
    assertThat(Validators.namesCredential("spring.datasource.password")).isTrue();
    assertThat(Validators.namesCredential("server.ssl.key-store-password")).isTrue();
    assertThat(Validators.namesCredential("stripeSecretKey")).isTrue();
    assertThat(Validators.namesCredential("vault_token")).isTrue();
    assertThat(Validators.namesCredential("api_key_prod")).isTrue();
    assertThat(Validators.namesCredential("password_hash")).isFalse();
    assertThat(Validators.namesCredential("PASSWORD_MIN_LENGTH")).isFalse();
    assertThat(Validators.namesCredential("public_key")).isFalse();
    assertThat(Validators.namesCredential("cache_key")).isFalse();
    assertThat(Validators.namesCredential("token_url")).isFalse();
    assertThat(Validators.namesCredential("checkPassword")).isFalse();
    assertThat(Validators.namesCredential("key")).isFalse();
  }

  @Test
  void basicAuth_needsAUserAndARealPassword() {
    Validator v = Validators.named("basic-auth-base64");
    String good = Base64.getEncoder().encodeToString("svc:Zr4!kq9-Lmp2".getBytes());
    String placeholder = Base64.getEncoder().encodeToString("user:password".getBytes());
    assertThat(v.reject(new Validator.Candidate(good, good, null))).isNull();
    assertThat(v.reject(new Validator.Candidate(placeholder, placeholder, null))).isNotNull();
  }

  @Test
  void unknownValidator_isReportedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Validators.named("luhn2"))
        .hasMessageContaining("'luhn2'");
  }
}
