package dev.bulwark.suite.testcode;

import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import org.springframework.web.bind.annotation.*;
import dev.bulwark.suite.helpers.*;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00090 {

  @PostMapping("/pathtraver/BulwarkTest00090")
  public void handle(@RequestBody String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Base64.getEncoder().encodeToString(param.getBytes());
    try (FileReader reader = new FileReader(Files2.ROOT + "/" + bar)) {
    // this is the bad case
      response.getWriter().println(reader.read());
    }
  }
}
