package dev.bulwark.suite.testcode;

import jakarta.servlet.http.*;
import java.util.*;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/spring")
public class BulwarkTest00210 {

  @PostMapping("/trustbound/BulwarkTest00210")
  public void handle(@RequestBody String param, HttpServletRequest request, HttpServletResponse response)
      throws Exception {
    response.setContentType("text/html;charset=UTF-8");
    String bar = Base64.getEncoder().encodeToString(param.getBytes());
    HttpSession session = request.getSession();
    session.setAttribute(bar, "10340");
  }
}
