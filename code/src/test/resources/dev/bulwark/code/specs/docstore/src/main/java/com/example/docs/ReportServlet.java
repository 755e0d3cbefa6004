package com.example.docs;

import com.acme.scripting.Evaluator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Serves stored reports and evaluates the formulas of report cells. */
public class ReportServlet extends HttpServlet {
  private final FileStore store = new FileStore(new File("/var/lib/docstore/reports"));
  private final Evaluator evaluator = new Evaluator();

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = RequestParams.param(req, "report");
    resp.setContentType("application/pdf");
    try (InputStream in = store.open(Names.safeName(name))) {
      in.transferTo(resp.getOutputStream());
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String formula = req.getParameter("formula");
    try {
      Object value = evaluator.run(formula);
      resp.setStatus(value == null ? 204 : 200);
    } catch (Exception e) {
      resp.sendError(400);
    }
  }
}
