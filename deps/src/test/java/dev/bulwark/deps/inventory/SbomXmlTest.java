package dev.bulwark.deps.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.deps.model.Component;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CycloneDX XML read as a stream: bounded memory whatever the size, DOCTYPEs refused. */
class SbomXmlTest {
  private static final Path BOM = Path.of("bom.xml");

  private static List<Component> parse(String xml, List<Diagnostic> ds) throws Exception {
    return parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), ds);
  }

  private static List<Component> parse(InputStream in, List<Diagnostic> ds) throws Exception {
    return new Sboms().parse(BOM, "bom.xml", in, ds::add);
  }

  @Test
  void nestedComponents_andPrefixedElements_areRead() throws Exception {
    List<Diagnostic> ds = new ArrayList<>();
    List<Component> cs =
        parse(
            """
            <?xml version="1.0"?>
            <c:bom xmlns:c="http://cyclonedx.org/schema/bom/1.6"><c:components>
              <c:component><c:purl>pkg:maven/a/b@1.0</c:purl><c:scope>optional</c:scope>
                <c:components><c:component><c:purl><![CDATA[pkg:npm/left-pad@1.3.0]]></c:purl>
                </c:component></c:components>
              </c:component>
            </c:components></c:bom>
            """,
            ds);
    assertThat(cs).extracting(Component::name).containsExactlyInAnyOrder("a:b", "left-pad");
    assertThat(cs)
        .filteredOn(c -> c.name().equals("a:b"))
        .extracting(Component::scope)
        .containsExactly("optional");
    assertThat(ds).isEmpty();
  }

  @Test
  void billionLaughs_isRefusedWithoutExpandingAnything() {
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE bom [\n");
    x.append("<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i < 10; i++) {
      x.append("<!ENTITY lol").append(i).append(" \"");
      x.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    x.append("]>\n<bom><components><component><purl>&lol9;</purl></component></components></bom>");
    assertThatThrownBy(() -> parse(x.toString(), new ArrayList<>()))
        .isInstanceOf(ManifestParser.ManifestException.class)
        .hasMessageContaining("bom.xml")
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void externalEntity_isRefused_andNothingOutsideIsRead() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<bom><components><component><purl>&x;</purl></component></components></bom>";
    assertThatThrownBy(() -> parse(xxe, new ArrayList<>()))
        .isInstanceOf(ManifestParser.ManifestException.class)
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
  }

  @Test
  void aHugeSbom_streams_andIsCutAtThePackageBudget() throws Exception {
    // 60,000 components generated as the stream is read: never held whole, here or in the parser
    int n = ManifestParser.MAX_COMPONENTS + 10_000;
    List<InputStream> parts = new ArrayList<>();
    parts.add(bytes("<?xml version=\"1.0\"?><bom><components>"));
    java.util.Iterator<InputStream> rest =
        new java.util.Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return i <= n;
          }

          @Override
          public InputStream next() {
            return i++ < n
                ? bytes("<component><purl>pkg:npm/p" + i + "@1.0.0</purl></component>\n")
                : bytes("</components></bom>");
          }
        };
    InputStream all = new SequenceInputStream(parts.get(0), new IteratorStream(rest));
    List<Diagnostic> ds = new ArrayList<>();
    List<Component> cs = parse(all, ds);
    assertThat(cs).hasSize(ManifestParser.MAX_COMPONENTS);
    assertThat(ds).extracting(Diagnostic::message).anyMatch(m -> m.contains("packages"));
  }

  @Test
  void otherXml_isNotTakenForAnSbom() {
    assertThatThrownBy(() -> parse("<project><x/></project>", new ArrayList<>()))
        .hasMessageContaining("not a CycloneDX document");
  }

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The concatenation of the streams an iterator hands out, opened one at a time. */
  private static final class IteratorStream extends InputStream {
    private final java.util.Iterator<InputStream> it;
    private InputStream current = InputStream.nullInputStream();

    IteratorStream(java.util.Iterator<InputStream> it) {
      this.it = it;
    }

    @Override
    public int read() throws java.io.IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      while (true) {
        int r = current.read(b, off, len);
        if (r >= 0) {
          return r;
        }
        if (!it.hasNext()) {
          return -1;
        }
        current = it.next();
      }
    }
  }
}
