package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.bulwark.suite.helpers.Xml;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00174 {

  @GetMapping("/xpathi/BulwarkTest00174")
  public void handle(@CookieValue(value = "BulwarkTest00174", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    XPath xp = XPathFactory.newInstance().newXPath();
    xp.setXPathVariableResolver(v -> "id".equals(v.getLocalPart()) ? bar : null);
    String result = xp.evaluate("/Employees/Employee[@emplid=$id]", Xml.employees());
    response.getWriter().println(result);
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    List<String> items = new ArrayList<>(List.of("start"));
    items.add(param);
    String bar = "";
    Iterator<String> it = items.iterator();
    while (it.hasNext()) {
      bar = bar + it.next();
    }
    return bar;
  }
}
