package dev.bulwark.core.text;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX readers for XML from untrusted files (POMs, SBOMs): the JDK's own implementation whatever
 * else is on the class path, no DTD loaded, no external entity resolved and no entity reference
 * replaced, so XXE and entity expansion have nothing to work with. The document streams: memory
 * stays what the reader keeps, whatever the file's size.
 */
public final class UntrustedXml {
  private UntrustedXml() {}

  public static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    return f;
  }

  /** A streaming reader over {@code in}, configured as {@link #factory()} says. */
  public static XMLStreamReader open(InputStream in) throws XMLStreamException {
    return factory().createXMLStreamReader(in);
  }

  /** The local part of a possibly prefixed name ({@code cdx:component} → {@code component}). */
  public static String local(String name) {
    int colon = name.indexOf(':');
    return colon >= 0 ? name.substring(colon + 1) : name;
  }
}
