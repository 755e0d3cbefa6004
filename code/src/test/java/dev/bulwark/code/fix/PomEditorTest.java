package dev.bulwark.code.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.code.fix.spi.Candidate;
import org.junit.jupiter.api.Test;

class PomEditorTest {
  private static final Candidate.Dependency ENC = Candidate.OWASP_ENCODER;

  @Test
  void addsToTheProjectsDependencies_notToDependencyManagement() {
    String pom =
        """
        <project>
          <dependencyManagement>
            <dependencies>
              <dependency><groupId>x</groupId><artifactId>y</artifactId><version>1</version></dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>a</groupId>
              <artifactId>b</artifactId>
            </dependency>
          </dependencies>
        </project>
        """;
    String out = PomEditor.add(pom, ENC);
    int managed = out.indexOf("</dependencyManagement>");
    assertThat(out.indexOf("<artifactId>encoder</artifactId>")).isGreaterThan(managed);
    assertThat(out).contains("      <groupId>org.owasp.encoder</groupId>");
    assertThat(PomEditor.add(out, ENC)).isEqualTo(out);
  }

  @Test
  void createsTheSection_whenThereIsNone() {
    String out = PomEditor.add("<project>\n  <build>\n  </build>\n</project>\n", ENC);
    assertThat(out).contains("<dependencies>").contains("<version>1.3.1</version>");
    assertThat(out.indexOf("<dependencies>")).isLessThan(out.indexOf("<build>"));
  }
}
