package dev.bulwark.suite.testcode;

import jakarta.servlet.http.*;
import javax.xml.xpath.*;
import org.springframework.web.bind.annotation.*;
import org.w3c.dom.*;
import dev.bulwark.suite.helpers.*;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00180 {

  @PostMapping("/xpathi/BulwarkTest00180")
  public void handle(@RequestBody String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Strings.constant(param);
    XPath xp = XPathFactory.newInstance().newXPath();
    NodeList nodes = (NodeList) xp.compile("//Employee[name='" + bar + "']").evaluate(Xml.employees(), XPathConstants.NODESET);
    response.getWriter().println(nodes.getLength());
    // vulnerable? the value comes straight from the client
  }
}
