package dev.bulwark.code.taint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityContextTest {
  @Test
  void securityWords_areFoundInIdentifiersAndText() {
    assertThat(SecurityContext.securityWord("hashPassword")).isEqualTo("password");
    assertThat(SecurityContext.securityWord("newSessionToken")).isEqualTo("session");
    assertThat(SecurityContext.securityWord("API_SECRET")).isEqualTo("secret");
    assertThat(SecurityContext.securityWord("signingKey")).isEqualTo("signing key");
    assertThat(SecurityContext.securityWord("rememberMeKey")).isEqualTo("remember");
  }

  @Test
  void ordinaryWords_areNot() {
    // a hash-ring key, an author, a signal, a design: none is about secrets
    assertThat(SecurityContext.securityWord("hashKey")).isNull();
    assertThat(SecurityContext.securityWord("author")).isNull();
    assertThat(SecurityContext.securityWord("signalHandler")).isNull();
    assertThat(SecurityContext.securityWord("localRandom")).isNull();
    assertThat(SecurityContext.securityWord("ConsistentHash")).isNull();
  }
}
