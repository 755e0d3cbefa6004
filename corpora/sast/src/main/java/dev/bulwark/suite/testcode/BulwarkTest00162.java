package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Xml;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00162 {

  @GetMapping("/xpathi/BulwarkTest00162")
  public void handle(@RequestHeader(value = "BulwarkTest00162", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Step.apply(param);
    XPath xp = XPathFactory.newInstance().newXPath();
    xp.setXPathVariableResolver(v -> "id".equals(v.getLocalPart()) ? bar : null);
    // sanitized upstream
    String result = xp.evaluate("/Employees/Employee[@emplid=$id]", Xml.employees());
    response.getWriter().println(result);
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String[] parts = {"first", param, "third"};
      String bar = parts[1];
      return bar;
    }
  }
}
