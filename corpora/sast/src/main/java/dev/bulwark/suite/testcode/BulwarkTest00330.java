package dev.bulwark.suite.testcode;

import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00330 {

  @PostMapping("/deserialization/BulwarkTest00330")
  public void handle(@RequestBody String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = doSomething(request, param);
    ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bar.getBytes()));
    Object o = ois.readUnshared();
    response.getWriter().println(o.hashCode());
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = Optional.ofNullable(param).map(s -> "masked").orElse("none");
    return bar;
  }
}
