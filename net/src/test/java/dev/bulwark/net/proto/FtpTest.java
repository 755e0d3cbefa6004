package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FtpTest {
  @Test
  void resolvesPathsAgainstTheWorkingDirectory() {
    assertThat(Ftp.resolve("/", "robots.txt")).isEqualTo("/robots.txt");
    assertThat(Ftp.resolve("/mirror/", "/mirror/rfc/rfc1001.txt"))
        .isEqualTo("/mirror/rfc/rfc1001.txt");
    assertThat(Ftp.resolve("/a/b", "../c/./d")).isEqualTo("/a/c/d");
    assertThat(Ftp.resolve("/", "../../x")).isEqualTo("/x");
    assertThat(Ftp.resolve("/", "/mirror/internic/")).isEqualTo("/mirror/internic/");
  }

  @Test
  void readsTheAnnouncedDataChannels() {
    assertThat(Ftp.pasv("Entering Passive Mode (164,107,123,6,183,187)", "10.0.0.1"))
        .isEqualTo(new Ftp.Channel(true, "10.0.0.1", "164.107.123.6", 47035));
    assertThat(Ftp.epsv("Entering Extended Passive Mode (|||57086|)", "::1", "2001:db8::21"))
        .isEqualTo(new Ftp.Channel(true, "::1", "2001:db8::21", 57086));
    assertThat(Ftp.port("EPRT", "|2|2001:db8::5|49189|", "2001:db8::21"))
        .isEqualTo(new Ftp.Channel(false, "2001:db8::21", "2001:db8::5", 49189));
    assertThat(Ftp.port("PORT", "10,0,0,5,4,1", "10.0.0.9"))
        .isEqualTo(new Ftp.Channel(false, "10.0.0.9", "10.0.0.5", 1025));
    assertThat(Ftp.pasv("Entering Passive Mode (1,2,3,4,999,999)", "x")).isNull();
    assertThat(Ftp.port("EPRT", "|", "x")).isNull();
    assertThat(Ftp.epsv("no port here", "a", "b")).isNull();
  }
}
