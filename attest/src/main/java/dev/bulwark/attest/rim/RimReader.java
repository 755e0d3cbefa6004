package dev.bulwark.attest.rim;

import dev.bulwark.attest.cert.Certificates;
import dev.bulwark.core.errors.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a RIM (ISO/IEC 19770-2 SWID tag) from an untrusted file: no DOCTYPE, no external entity,
 * size bounded; then validates it against the SWID schema, checks its enveloped XML signature with
 * the JDK's XML-DSig implementation in secure-validation mode and takes its golden measurements.
 * The signature must cover the whole document by the algorithms NVIDIA signs with, so a signature
 * over a fragment, or by a weaker algorithm, does not count.
 */
public final class RimReader {
  public static final String SWID_NS = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";
  static final String HASH_NS = "http://www.w3.org/2001/04/xmlenc#sha384";
  static final String TCG_NS =
      "https://trustedcomputinggroup.org/resource/tcg-reference-integrity-manifest-rim-information-model/";

  /** Real RIMs are about 30 KiB. */
  static final long MAX_BYTES = 8L << 20;

  static final int MAX_ALTERNATIVES = 64;

  private RimReader() {}

  public static Rim read(Path file) throws IOException, InputException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new InputException(file + ": RIM of " + size + " bytes exceeds the limit " + MAX_BYTES);
    }
    return parse(Files.readAllBytes(file), file.toString());
  }

  public static Rim parse(byte[] xml, String source) throws InputException {
    Document doc = dom(xml, source);
    Element root = doc.getDocumentElement();
    if (!SWID_NS.equals(root.getNamespaceURI())
        || !"SoftwareIdentity".equals(root.getLocalName())) {
      throw new InputException(
          source
              + ": not a SWID tag (root element {"
              + root.getNamespaceURI()
              + "}"
              + root.getLocalName()
              + ")");
    }
    String schemaError = schemaError(doc);
    Element meta = firstChild(root, SWID_NS, "Meta");
    String version = meta == null ? "" : meta.getAttribute("colloquialVersion");
    String oem = meta == null ? "" : meta.getAttributeNS(TCG_NS, "FirmwareManufacturerId");
    List<GoldenMeasurement> golden = new ArrayList<>();
    String measurementsError = measurements(root, golden);
    List<X509Certificate> certs = new ArrayList<>();
    String certError = certificates(root, source, certs);
    String signatureError = certError.isEmpty() ? signatureError(root, certs) : certError;
    return new Rim(
        source,
        version,
        oem,
        golden,
        measurementsError,
        schemaError.isEmpty(),
        schemaError,
        signatureError.isEmpty(),
        signatureError,
        certs);
  }

  private static Document dom(byte[] xml, String source) throws InputException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(xml));
    } catch (SAXException e) {
      throw new InputException(source + ": not well-formed XML: " + e.getMessage());
    } catch (IOException | ParserConfigurationException e) {
      throw new InputException(source + ": cannot be read as XML: " + e.getMessage(), e);
    }
  }

  private static String schemaError(Document doc) {
    try {
      Validator v = RimSchema.get().newValidator();
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      v.validate(new DOMSource(doc));
      return "";
    } catch (SAXException e) {
      return "schema: " + e.getMessage();
    } catch (IOException e) {
      return "schema: " + e.getMessage();
    }
  }

  private static String measurements(Element root, List<GoldenMeasurement> out) {
    Element payload = firstChild(root, SWID_NS, "Payload");
    if (payload == null) {
      return "no Payload element";
    }
    Set<Integer> seen = new HashSet<>();
    for (Node n = payload.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)
          || !SWID_NS.equals(e.getNamespaceURI())
          || !"Resource".equals(e.getLocalName())
          || !"Measurement".equals(e.getAttribute("type"))) {
        continue;
      }
      String name = e.getAttribute("name");
      int index;
      int alternatives;
      int size;
      try {
        index = Integer.parseInt(e.getAttribute("index"));
        alternatives = Integer.parseInt(e.getAttribute("alternatives"));
        size = Integer.parseInt(e.getAttribute("size"));
      } catch (NumberFormatException ex) {
        return "measurement '" + name + "': index, alternatives or size is not a number";
      }
      if (index < 0 || alternatives < 1 || alternatives > MAX_ALTERNATIVES || size < 0) {
        return "measurement '"
            + name
            + "': index "
            + index
            + ", alternatives "
            + alternatives
            + ", size "
            + size
            + " out of range";
      }
      if (!seen.add(index)) {
        return "measurement index " + index + " appears twice";
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < alternatives; i++) {
        String v = e.getAttributeNS(HASH_NS, "Hash" + i);
        if (v.isEmpty()) {
          return "measurement "
              + index
              + ": Hash"
              + i
              + " missing ("
              + alternatives
              + " alternatives declared)";
        }
        values.add(v.toLowerCase(Locale.ROOT));
      }
      boolean active = !"False".equals(e.getAttribute("active"));
      out.add(new GoldenMeasurement(index, active, size, name, values));
    }
    return out.isEmpty() ? "no measurements" : "";
  }

  private static Element signatureElement(Element root) {
    NodeList all = root.getOwnerDocument().getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
    if (all.getLength() != 1) {
      return null;
    }
    Element sig = (Element) all.item(0);
    return sig.getParentNode() == root ? sig : null;
  }

  private static String certificates(Element root, String source, List<X509Certificate> out) {
    Element sig = signatureElement(root);
    if (sig == null) {
      return "not exactly one ds:Signature as a child of the root";
    }
    NodeList certs = sig.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Certificate");
    for (int i = 0; i < certs.getLength(); i++) {
      try {
        byte[] der =
            Base64.getMimeDecoder().decode(certs.item(i).getTextContent().replaceAll("\\s", ""));
        out.add(Certificates.der(der, source + ": KeyInfo certificate " + (i + 1)));
      } catch (IllegalArgumentException | InputException e) {
        out.clear();
        return "KeyInfo certificate " + (i + 1) + " unreadable: " + e.getMessage();
      }
    }
    return out.isEmpty() ? "no X509Certificate in KeyInfo" : "";
  }

  private static String signatureError(Element root, List<X509Certificate> certs) {
    Element sig = signatureElement(root);
    try {
      DOMValidateContext ctx = new DOMValidateContext(certs.get(0).getPublicKey(), sig);
      ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
      XMLSignature s = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx);
      String shape = shapeError(s);
      if (!shape.isEmpty()) {
        return shape;
      }
      if (s.validate(ctx)) {
        return "";
      }
      boolean value = s.getSignatureValue().validate(ctx);
      boolean digest = s.getSignedInfo().getReferences().get(0).validate(ctx);
      return digest
          ? "signature value does not verify with the first KeyInfo certificate's key"
          : "document digest differs from the signed reference digest (content changed after signing)"
              + (value ? "" : "; signature value does not verify either");
    } catch (MarshalException | XMLSignatureException | ClassCastException e) {
      return "XML signature unreadable: " + e.getMessage();
    }
  }

  /** The signature must be NVIDIA's: whole document, C14N 1.1 (or 1.0), ECDSA-SHA384, SHA-384. */
  private static String shapeError(XMLSignature s) {
    String c14n = s.getSignedInfo().getCanonicalizationMethod().getAlgorithm();
    if (!c14n.equals(CanonicalizationMethod.INCLUSIVE_11)
        && !c14n.equals(CanonicalizationMethod.INCLUSIVE)) {
      return "canonicalization " + c14n + " is not C14N 1.1";
    }
    String method = s.getSignedInfo().getSignatureMethod().getAlgorithm();
    if (!method.equals(SignatureMethod.ECDSA_SHA384)) {
      return "signature method " + method + " is not ECDSA-SHA384";
    }
    List<Reference> refs = s.getSignedInfo().getReferences();
    if (refs.size() != 1) {
      return refs.size() + " references; the whole document must be the one signed";
    }
    Reference ref = refs.get(0);
    if (ref.getURI() == null || !ref.getURI().isEmpty()) {
      return "reference URI '" + ref.getURI() + "' does not cover the whole document";
    }
    if (!ref.getDigestMethod().getAlgorithm().equals(DigestMethod.SHA384)) {
      return "digest " + ref.getDigestMethod().getAlgorithm() + " is not SHA-384";
    }
    List<Transform> transforms = ref.getTransforms();
    if (transforms.isEmpty() || !transforms.get(0).getAlgorithm().equals(Transform.ENVELOPED)) {
      return "the reference's first transform is not enveloped-signature";
    }
    for (Transform t : transforms.subList(1, transforms.size())) {
      String a = t.getAlgorithm();
      if (!a.equals(CanonicalizationMethod.INCLUSIVE_11)
          && !a.equals(CanonicalizationMethod.INCLUSIVE)) {
        return "transform " + a + " is not canonicalization";
      }
    }
    return "";
  }

  private static Element firstChild(Element parent, String ns, String local) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && ns.equals(e.getNamespaceURI())
          && local.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }
}
