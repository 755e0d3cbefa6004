package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.NodeList;
import dev.bulwark.suite.helpers.Strings;
import dev.bulwark.suite.helpers.Xml;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00156 {

  @GetMapping("/xpathi/BulwarkTest00156")
  public void handle(@RequestParam("BulwarkTest00156") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Strings.firstOf("first", param);
    XPath xp = XPathFactory.newInstance().newXPath();
    NodeList nodes = (NodeList) xp.compile("//Employee[name='" + bar + "']").evaluate(Xml.employees(), XPathConstants.NODESET);
    response.getWriter().println(nodes.getLength());
  }
}
