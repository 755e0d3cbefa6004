package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.NodeList;
import dev.bulwark.suite.helpers.Xml;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00168 {

  @GetMapping("/xpathi/BulwarkTest00168/{BulwarkTest00168}")
  public void handle(@PathVariable("BulwarkTest00168") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = new Test().doSomething(request, param);
    XPath xp = XPathFactory.newInstance().newXPath();
    NodeList nodes = (NodeList) xp.compile("//Employee[name='" + bar + "']").evaluate(Xml.employees(), XPathConstants.NODESET);
    response.getWriter().println(nodes.getLength());
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar = param;
      bar = "replacement";
      return bar;
    }
  }
}
