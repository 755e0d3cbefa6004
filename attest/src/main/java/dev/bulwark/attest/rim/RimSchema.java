package dev.bulwark.attest.rim;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * The ISO/IEC 19770-2:2015 SWID schema with the XML-DSig and {@code xml:} schemas it imports, all
 * bundled: nothing is fetched. The W3C signature schema opens with a DOCTYPE naming a DTD on the
 * web; its internal subset declares nothing the schema uses, so it is dropped on loading.
 */
final class RimSchema {
  private static final String BASE = "/dev/bulwark/attest/schemas/";
  private static volatile Schema schema;

  private RimSchema() {}

  static Schema get() {
    Schema s = schema;
    if (s == null) {
      synchronized (RimSchema.class) {
        s = schema;
        if (s == null) {
          s = load();
          schema = s;
        }
      }
    }
    return s;
  }

  private static Schema load() {
    try {
      SchemaFactory f = SchemaFactory.newDefaultInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setResourceResolver(
          (type, namespace, publicId, systemId, baseUri) -> input(systemId, publicId, baseUri));
      StreamSource main = new StreamSource(new StringReader(text("swidSchema2015.xsd")));
      main.setSystemId("bulwark:swidSchema2015.xsd");
      return f.newSchema(main);
    } catch (SAXException | IOException e) {
      throw new IllegalStateException("bundled SWID schema does not load: " + e.getMessage(), e);
    }
  }

  private static LSInput input(String systemId, String publicId, String baseUri) {
    String name = systemId == null ? "" : systemId.substring(systemId.lastIndexOf('/') + 1);
    if (!name.equals("signSchema.xsd") && !name.equals("xml.xsd")) {
      return null;
    }
    try {
      return new Input(text(name), publicId, "bulwark:" + name, baseUri);
    } catch (IOException e) {
      throw new IllegalStateException("bundled schema " + name + ": " + e.getMessage(), e);
    }
  }

  private static String text(String name) throws IOException {
    try (InputStream in = RimSchema.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IOException("missing from the jar");
      }
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return s.replaceFirst("(?s)<!DOCTYPE.*?\\]>", "");
    }
  }

  private record Input(String text, String publicId, String systemId, String baseUri)
      implements LSInput {
    @Override
    public java.io.Reader getCharacterStream() {
      return new StringReader(text);
    }

    @Override
    public void setCharacterStream(java.io.Reader r) {}

    @Override
    public InputStream getByteStream() {
      return null;
    }

    @Override
    public void setByteStream(InputStream s) {}

    @Override
    public String getStringData() {
      return text;
    }

    @Override
    public void setStringData(String s) {}

    @Override
    public String getSystemId() {
      return systemId;
    }

    @Override
    public void setSystemId(String s) {}

    @Override
    public String getPublicId() {
      return publicId;
    }

    @Override
    public void setPublicId(String s) {}

    @Override
    public String getBaseURI() {
      return baseUri;
    }

    @Override
    public void setBaseURI(String s) {}

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String s) {}

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean b) {}
  }
}
