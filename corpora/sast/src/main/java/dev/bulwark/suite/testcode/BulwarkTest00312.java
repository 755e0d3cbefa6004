package dev.bulwark.suite.testcode;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00312 {

  @GetMapping("/deserialization/BulwarkTest00312")
  public void handle(@RequestHeader(value = "BulwarkTest00312", defaultValue = "") String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    List<String> items = new ArrayList<>(List.of("start"));
    items.add(param);
    String bar = "";
    Iterator<String> it = items.iterator();
    while (it.hasNext()) {
      bar = bar + it.next();
    }
    byte[] data = Base64.getDecoder().decode(bar);
    try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {
      ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.lang.String;!*"));
      response.getWriter().println(ois.readObject() != null);
    }
  }
}
